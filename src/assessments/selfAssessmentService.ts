import { yearKey } from '../domain/assessmentYear.js';
import type { Answers, Bank } from '../questionnaire/bankSchema.js';
import type { BankCatalogue } from '../questionnaire/bankCatalogue.js';
import type { Draft } from '../questionnaire/draft.js';
import { assessmentYearOf } from '../domain/assessmentYear.js';
import { BAND_LABELS } from '../domain/selfAssessmentScoring.js';
import { addMonths, isoDay } from '../domain/reviewDates.js';
import type { RiskScale } from '../domain/riskScale.js';
import type { LifeCycleStage, Partnership, PersonRef } from '../partnerships/partnership.js';
import type { PartnershipRegister } from '../partnerships/partnershipRegister.js';
import type { Clock } from '../util/clock.js';
import { assessYear, responseFromAnswers } from './assessYear.js';
import type { SelfAssessment, SelfAssessmentResponse } from './selfAssessment.js';
import type { SelfAssessmentRecords } from './selfAssessmentRecords.js';

export const SELF_ASSESSMENT_BANK_ID = 'self-assessment';

export type CloseResult =
  | { kind: 'closed'; assessment: SelfAssessment; partnership: Partnership }
  | { kind: 'alreadyClosed'; assessment: SelfAssessment }
  | { kind: 'noResponses' };

/**
 * The annual self-assessment: officers' responses are kept one each, combined
 * into the year's assessment, and closed by the lead officer or the SPO, which
 * updates the register.
 */
export class SelfAssessmentService {
  constructor(
    private readonly records: SelfAssessmentRecords,
    private readonly register: PartnershipRegister,
    private readonly banks: BankCatalogue,
    private readonly scale: RiskScale,
    private readonly clock: Clock,
    private readonly options: { reviewIntervalMonths: number },
  ) {}

  currentYear(): string {
    return assessmentYearOf(this.today());
  }

  async assessment(partnershipId: string, year: string): Promise<SelfAssessment | undefined> {
    return (await this.records.get(partnershipId, year))?.assessment;
  }

  /** Years with an assessment still open for the partnership, earliest first. */
  openYears(partnershipId: string): Promise<string[]> {
    return this.records.openYears(partnershipId);
  }

  /** Every officer's response for the year, earliest first (who has responded). */
  responses(partnershipId: string, year: string): Promise<SelfAssessmentResponse[]> {
    return this.records.responses(partnershipId, year);
  }

  /** Closed assessments, earliest first. */
  history(partnershipId: string): Promise<SelfAssessment[]> {
    return this.records.history(partnershipId);
  }

  /** For the exit interview, which records the latest score; the band as officers read it ("Strong"). */
  async latestScore(partnershipId: string): Promise<{ year: string; overallPercent: number; band: string } | undefined> {
    const latest = (await this.history(partnershipId)).at(-1);
    if (!latest || latest.scores.overall.percent === undefined || !latest.scores.overall.band) return undefined;
    // Low confidence goes wherever the score goes, the exit document included.
    return { year: latest.year, overallPercent: latest.scores.overall.percent, band: `${BAND_LABELS[latest.scores.overall.band]}${latest.lowConfidence ? ', low confidence' : ''}` };
  }

  /** Keeps one officer's response and recombines the year's assessment. Safe to repeat for the same draft. */
  async recordResponse(draft: Draft, bank: Bank, answers: Answers): Promise<{ assessment: SelfAssessment; alreadyClosed: boolean; partnership: Partnership }> {
    const partnershipId = String(draft.context['partnershipId']);
    const year = String(draft.context['year']);
    const partnership = await this.register.get(partnershipId);
    if (!partnership) throw new Error(`Partnership ${partnershipId} is not in the register`);
    const officer: PersonRef = { objectId: draft.ownerId, name: draft.ownerName };
    const response: SelfAssessmentResponse = {
      id: `${yearKey(year)}:${officer.objectId}`,
      partnershipId,
      year,
      bankId: bank.id,
      bankVersion: bank.version,
      draftId: draft.id,
      officer,
      ...responseFromAnswers(bank, answers),
      submittedAt: this.clock.now().toISOString(),
    };
    await this.records.saveResponse(response);
    // A fixed id (the response's and the draft's): a completion run again after an interruption audits once.
    await this.register.recordEvent({ partnershipId, by: officer, action: 'self-assessment.response-submitted', recordKind: 'sa-response', recordId: response.id, note: `Response for ${year}` }, `sa-response.${response.id}.${draft.id}`);

    const { assessment, alreadyClosed } = await this.reassess(partnership, year, 'open');
    return { assessment, alreadyClosed, partnership };
  }

  /** Closes the year: final scores, comparison, stage and recommendation; the register is updated. */
  async close(partnershipId: string, year: string, by: PersonRef): Promise<CloseResult> {
    const existing = await this.records.get(partnershipId, year);
    if (existing?.assessment.status === 'closed') return { kind: 'alreadyClosed', assessment: existing.assessment };
    const partnership = await this.register.get(partnershipId);
    if (!partnership) throw new Error(`Partnership ${partnershipId} is not in the register`);
    if ((await this.records.responses(partnershipId, year)).length === 0) return { kind: 'noResponses' };

    const nextReviewDue = addMonths(this.today(), this.options.reviewIntervalMonths);
    const { assessment, alreadyClosed } = await this.reassess(partnership, year, 'closed', { closedBy: by, closedAt: this.clock.now().toISOString(), nextReviewDue });
    // Someone else closed it while this close was being worked out: theirs stands, and they updated the register.
    if (alreadyClosed) return { kind: 'alreadyClosed', assessment };
    const updated = await this.register.update(partnershipId, by, 'self-assessment.closed', (p) => ({
      ...p,
      nextReviewDue,
      // The stage belongs to the year: a stage confirmed in an earlier year does not outlive it.
      stage: { suggested: assessment.stage.stage, ...(assessment.stage.confirmed ? { confirmed: assessment.stage.confirmed } : {}) },
      status: p.status === 'under-review' ? 'active' : p.status,
      latestAssessment: {
        year,
        ...(assessment.scores.overall.percent !== undefined ? { percent: assessment.scores.overall.percent } : {}),
        ...(assessment.scores.overall.band ? { band: assessment.scores.overall.band } : {}),
        ...(assessment.comparison?.overall.trend ? { trend: assessment.comparison.overall.trend } : {}),
        recommendation: assessment.recommendation.recommendation,
        closedAt: assessment.closedAt!,
        ...(assessment.lowConfidence ? { lowConfidence: assessment.lowConfidence } : {}),
      },
    }));
    return { kind: 'closed', assessment, partnership: updated ?? partnership };
  }

  /** The officer confirms or changes the suggested stage; the recommendation follows the confirmed stage. */
  async confirmStage(partnershipId: string, year: string, stage: LifeCycleStage, by: PersonRef): Promise<SelfAssessment | undefined> {
    const existing = await this.records.get(partnershipId, year);
    if (!existing || existing.assessment.status !== 'closed') return undefined;
    const partnership = await this.register.get(partnershipId);
    if (!partnership) return undefined;
    const { assessment } = await this.reassess(partnership, year, 'closed', {
      closedBy: existing.assessment.closedBy!,
      closedAt: existing.assessment.closedAt!,
      nextReviewDue: existing.assessment.nextReviewDue!,
      confirmedStage: stage,
      confirmedBy: by,
    });
    let registerShowsThisYear = true;
    await this.register.update(partnershipId, by, 'self-assessment.stage-confirmed', (p) => {
      // The register shows the latest closed year; confirming an earlier year's stage changes only that year's record.
      registerShowsThisYear = !p.latestAssessment || p.latestAssessment.year === year;
      if (!registerShowsThisYear) return undefined;
      return p.stage.confirmed === stage && p.latestAssessment?.recommendation === assessment.recommendation.recommendation
        ? undefined
        : { ...p, stage: { ...p.stage, confirmed: stage }, ...(p.latestAssessment ? { latestAssessment: { ...p.latestAssessment, recommendation: assessment.recommendation.recommendation } } : {}) };
    });
    if (!registerShowsThisYear) {
      await this.register.recordEvent({ partnershipId, by, action: 'self-assessment.stage-confirmed', recordKind: 'self-assessment', recordId: yearKey(year), note: `Stage for ${year} confirmed as ${stage}` });
    }
    return assessment;
  }

  /**
   * Recombines the year's responses and saves the result, re-reading on a
   * concurrent change. A closed year is never reopened or closed again: the
   * check is on the record read in the same attempt as the write, whose ETag
   * makes the write fail if anyone (on any instance) closed it in between, so
   * a late response or a second close finds it closed on the next attempt and
   * leaves it as it is (`alreadyClosed`). Only confirming the stage rewrites a closed year.
   */
  private async reassess(
    partnership: Partnership,
    year: string,
    status: SelfAssessment['status'],
    closing?: { closedBy: PersonRef; closedAt: string; nextReviewDue: string; confirmedStage?: LifeCycleStage; confirmedBy?: PersonRef },
  ): Promise<{ assessment: SelfAssessment; alreadyClosed: boolean }> {
    const { before, after, written } = await this.records.change(partnership.id, year, async (existing) => {
      // Checked on the record read in the same attempt as the write: its ETag fails the write if
      // anyone closed the year meanwhile, and the next attempt then finds it closed.
      if (existing?.status === 'closed' && !closing?.confirmedStage) return undefined;
      // Read afresh on every attempt: a concurrent save usually means another officer's response.
      const responses = await this.records.responses(partnership.id, year);
      const version = Math.max(...responses.map((r) => r.bankVersion), 1);
      const bank = this.banks.version(SELF_ASSESSMENT_BANK_ID, version) ?? this.banks.latest(SELF_ASSESSMENT_BANK_ID)!;
      const previous = (await this.records.history(partnership.id)).filter((a) => a.year < year).at(-1);
      const confirmedStage = closing?.confirmedStage ?? existing?.stage.confirmed;
      const computed = assessYear({
        bank,
        partnership,
        year,
        responses,
        ...(previous ? { previous } : {}),
        highRiskBands: this.scale.bands.filter((b) => b.escalation !== 'none').map((b) => b.id),
        today: this.today(),
        ...(confirmedStage ? { confirmedStage } : {}),
      });
      const confirmedBy = closing?.confirmedBy ?? existing?.stage.confirmedBy;
      const assessment: SelfAssessment = {
        ...computed,
        stage: { ...computed.stage, ...(confirmedBy ? { confirmedBy } : {}) },
        status,
        updatedAt: this.clock.now().toISOString(),
        ...(closing ? { closedBy: closing.closedBy, closedAt: closing.closedAt, nextReviewDue: closing.nextReviewDue } : {}),
      };
      return assessment;
    });
    return { assessment: after!, alreadyClosed: !written && before?.status === 'closed' };
  }

  today(): string {
    return isoDay(this.clock.now());
  }

  /** The instant now, as an ISO timestamp. */
  now(): string {
    return this.clock.now().toISOString();
  }
}
