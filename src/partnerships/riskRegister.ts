import { applyRiskReview, escalatingBands, registerRisksFrom, riskTrend, significanceAfterRisk, type RegisterRisk, type ReviewedRisk } from '../domain/riskReview.js';
import type { RiskScale } from '../domain/riskScale.js';
import { changeRecord } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { Clock } from '../util/clock.js';
import type { Partnership, PersonRef } from './partnership.js';
import type { PartnershipRegister } from './partnershipRegister.js';
import type { Significance } from '../domain/significance.js';

const RISK_REGISTER = 'risk-register';

/** One step in the overall rating's history: what it became, when, by whom and why. */
export interface RiskHistoryEntry {
  at: string;
  by: PersonRef;
  overall?: string;
  significance: Significance;
  /** "the 2026/27 self-assessment", "a risk added". */
  why: string;
}

/** A partnership's risk register, beside its entry: the risks as they now stand and the overall rating's history. */
export interface RiskRegisterRecord {
  partnershipId: string;
  risks: RegisterRisk[];
  history: RiskHistoryEntry[];
  updatedAt: string;
}

export interface RiskReviewResult {
  partnership: Partnership;
  record: RiskRegisterRecord;
  /** Risks that reach the Assistant Director now (newly high or very high). */
  newlyEscalating: RegisterRisk[];
  before: { overall?: string; significance: Significance };
}

/**
 * Risks reviewed every year (issue 19): the register of risks starts from the
 * new-partnership risk assessment, each review or added risk changes it, and the
 * overall risk and significance on the entry follow, through a correction so each
 * changed field keeps its old value on the audit trail.
 */
export class RiskRegister {
  constructor(
    private readonly store: RecordStore,
    private readonly register: PartnershipRegister,
    private readonly scale: RiskScale,
    private readonly clock: Clock,
  ) {}

  /** The risks as they stand: the register's record, or (before any review) those the new-partnership assessment recorded. */
  async current(partnershipId: string): Promise<RegisterRisk[]> {
    const record = (await this.store.read<RiskRegisterRecord>(key(partnershipId)))?.body;
    if (record) return record.risks;
    return this.fromAssessment(partnershipId);
  }

  async record(partnershipId: string): Promise<RiskRegisterRecord | undefined> {
    return (await this.store.read<RiskRegisterRecord>(key(partnershipId)))?.body;
  }

  /** Applies a review (or one added risk) and brings the entry's overall risk and significance into line. */
  async review(partnershipId: string, reviewed: readonly ReviewedRisk[], by: PersonRef, why: string): Promise<RiskReviewResult | undefined> {
    const partnership = await this.register.get(partnershipId);
    if (!partnership) return undefined;
    const fallback = await this.fromAssessment(partnershipId);
    const at = this.clock.now().toISOString();
    let newlyEscalating: RegisterRisk[] = [];
    let overall: string | undefined;
    const { after } = await changeRecord<RiskRegisterRecord>(this.store, key(partnershipId), (existing) => {
      const change = applyRiskReview(existing?.risks ?? fallback, reviewed, this.scale, at);
      newlyEscalating = change.newlyEscalating;
      overall = change.overall;
      const significance = significanceAfterRisk({ level: partnership.significance, reasons: partnership.significanceReasons ?? [] }, overall !== undefined && escalatingBands(this.scale).includes(overall));
      return {
        partnershipId,
        risks: change.risks,
        // The first review keeps what the entry said before it, so the history starts from there.
        history: [...(existing?.history ?? [{ at: partnership.updatedAt, by: partnership.leadOfficer, ...(partnership.overallRisk ? { overall: partnership.overallRisk } : {}), significance: partnership.significance, why: 'before the first review' }]), { at, by, ...(overall ? { overall } : {}), significance: significance.level, why }],
        updatedAt: at,
      };
    });
    const highNow = overall !== undefined && escalatingBands(this.scale).includes(overall);
    const before = { ...(partnership.overallRisk ? { overall: partnership.overallRisk } : {}), significance: partnership.significance };
    const { partnership: updated } = await this.register.correct(
      partnershipId,
      by,
      'partnership.risk-reviewed',
      (p) => {
        const significance = significanceAfterRisk({ level: p.significance, reasons: p.significanceReasons ?? [] }, highNow);
        const { overallRisk: _dropped, ...rest } = p;
        return { ...(overall ? { ...rest, overallRisk: overall } : rest), significance: significance.level, significanceReasons: significance.reasons };
      },
      { reason: `Risk review: ${why}` },
    );
    return { partnership: updated ?? partnership, record: after!, newlyEscalating, before };
  }

  /**
   * The overall risk's last move, for the detail card: from what to what and when
   * (a later review that left it where it was does not hide it); unchanged since the
   * latest review when it has never moved.
   */
  async trend(partnershipId: string): Promise<{ from?: string; to?: string; trend: 'improving' | 'worsening' | 'unchanged'; at: string } | undefined> {
    const history = (await this.record(partnershipId))?.history ?? [];
    const latest = history.at(-1);
    if (!latest) return undefined;
    for (let i = history.length - 1; i > 0; i--) {
      const [before, after] = [history[i - 1]!, history[i]!];
      if (before.overall !== after.overall) return { ...(before.overall ? { from: before.overall } : {}), ...(after.overall ? { to: after.overall } : {}), trend: riskTrend(this.scale, before.overall, after.overall), at: after.at };
    }
    return { ...(latest.overall ? { from: latest.overall, to: latest.overall } : {}), trend: 'unchanged', at: latest.at };
  }

  private async fromAssessment(partnershipId: string): Promise<RegisterRisk[]> {
    const latest = (await this.register.assessments(partnershipId)).at(-1);
    return latest ? registerRisksFrom(latest.risks, latest.submittedAt) : [];
  }
}

function key(partnershipId: string): RecordKey {
  return { kind: RISK_REGISTER, partition: partnershipId, id: partnershipId };
}
