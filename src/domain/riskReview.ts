import { assessRisks, type AssessedRisk, type RiskInput } from './riskAssessment.js';
import type { RiskScale } from './riskScale.js';
import { HIGH_RISK_REASON, type Significance } from './significance.js';

/**
 * The risk register's review cycle (spec section 5: "review yearly"; issue 19):
 * the risks as they now stand after a review or a risk added, the overall
 * rating worked out again, significance following it, and which risks must
 * reach the Assistant Director because they are newly high or very high. Pure.
 */

/** One risk on a partnership's register as it stands now. */
export interface RegisterRisk extends AssessedRisk {
  /** Open while it still applies; closed at a review that found it no longer relevant. */
  status: 'open' | 'closed';
  raisedAt: string;
  reviewedAt?: string;
}

/** What a review says about one kind of risk already on the register, or about a new one. */
export interface ReviewedRisk {
  category: string;
  stillRelevant: boolean;
  /** The risk re-rated; absent when it is no longer relevant. */
  rated?: RiskInput;
}

export interface RiskRegisterChange {
  risks: RegisterRisk[];
  /** Highest residual band id among open risks; undefined when none is open. */
  overall?: string;
  counts: Record<string, number>;
  /** Open risks whose residual band reaches the escalating bands and was not there before (new, or raised to it). */
  newlyEscalating: RegisterRisk[];
}

const rankOf = (scale: RiskScale, bandId: string | undefined) => (bandId === undefined ? -1 : scale.bands.findIndex((b) => b.id === bandId));

/** Bands whose risks the Assistant Director must hear about (high and very high on the 4 x 4 matrix). */
export function escalatingBands(scale: RiskScale): string[] {
  return scale.bands.filter((b) => b.escalation !== 'none').map((b) => b.id);
}

/**
 * Applies a review (or a single risk added, as a review of one new risk) to the
 * risks on the register. A category not mentioned is left as it was; one found no
 * longer relevant is closed; one re-rated replaces the old rating (one risk per
 * category, as the questionnaires record them).
 */
export function applyRiskReview(current: readonly RegisterRisk[], reviewed: readonly ReviewedRisk[], scale: RiskScale, at: string): RiskRegisterChange {
  const byCategory = new Map(current.map((r) => [r.category, r]));
  const escalating = escalatingBands(scale);
  const newlyEscalating: RegisterRisk[] = [];
  for (const review of reviewed) {
    const before = byCategory.get(review.category);
    if (!review.stillRelevant || !review.rated) {
      if (before) byCategory.set(review.category, { ...before, status: 'closed', reviewedAt: at });
      continue;
    }
    const [assessed] = assessRisks([review.rated], scale).risks;
    const next: RegisterRisk = { ...assessed!, status: 'open', raisedAt: before?.raisedAt ?? at, reviewedAt: at };
    const wasEscalating = before?.status === 'open' && escalating.includes(before.residualBand);
    const rose = before?.status === 'open' && rankOf(scale, next.residualBand) > rankOf(scale, before.residualBand);
    if (escalating.includes(next.residualBand) && (!wasEscalating || rose)) newlyEscalating.push(next);
    byCategory.set(review.category, next);
  }
  const risks = [...byCategory.values()];
  const open = risks.filter((r) => r.status === 'open');
  const summary = assessRisks(open, scale);
  return { risks, ...(summary.overall ? { overall: summary.overall.id } : {}), counts: summary.counts, newlyEscalating };
}

/** The risks a new-partnership assessment recorded, as the register's first entries. */
export function registerRisksFrom(risks: readonly AssessedRisk[], at: string): RegisterRisk[] {
  return risks.map((r) => ({ ...r, status: 'open' as const, raisedAt: at }));
}

/**
 * Significance after the overall risk changed: "high because its risk is high" follows
 * the risk; every other reason stands. When the risk was its only reason for being high
 * and is no longer, it falls to medium, not low: low needs facts (no cash, no
 * liabilities, information only) that only a correction of the entry can establish.
 */
export function significanceAfterRisk(current: { level: Significance; reasons: readonly string[] }, highRisk: boolean): { level: Significance; reasons: string[] } {
  const others = current.reasons.filter((r) => r !== HIGH_RISK_REASON);
  if (highRisk) return current.level === 'high' ? { level: 'high', reasons: [...others, HIGH_RISK_REASON] } : { level: 'high', reasons: [HIGH_RISK_REASON] };
  if (current.level !== 'high') return { level: current.level, reasons: [...others] };
  if (others.length > 0) return { level: 'high', reasons: others };
  return { level: 'medium', reasons: ['its overall risk is no longer high; nothing else makes it highly significant'] };
}

/** "improving", "worsening" or "unchanged" between two overall bands (an unrated side counts as no risk). */
export function riskTrend(scale: RiskScale, before: string | undefined, after: string | undefined): 'improving' | 'worsening' | 'unchanged' {
  const a = rankOf(scale, before);
  const b = rankOf(scale, after);
  return b > a ? 'worsening' : b < a ? 'improving' : 'unchanged';
}
