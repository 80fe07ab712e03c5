import type { RiskBand, RiskScale } from './riskScale.js';

/** One risk as the officer described it (spec section 5). */
export interface RiskInput {
  category: string;
  description: string;
  likelihood: number;
  impact: number;
  controls?: string;
  controlAdequacy?: 'poor' | 'fair' | 'good' | 'excellent';
  residualLikelihood: number;
  residualImpact: number;
  owner?: string;
  action?: string;
  /** ISO date */
  due?: string;
  /**
   * Why the score after controls is what it is, when the bank queried it: higher
   * than before controls, or lower although the controls are poor.
   */
  scoreNote?: string;
}

export interface AssessedRisk extends RiskInput {
  inherentScore: number;
  inherentBand: string;
  residualScore: number;
  residualBand: string;
}

export interface RiskSummary {
  risks: AssessedRisk[];
  /** Highest residual band, or undefined when no risk was recorded. */
  overall?: RiskBand;
  /** Number of risks per residual band id, every band listed. */
  counts: Record<string, number>;
  /** The worst risks first, at most three. */
  top: AssessedRisk[];
}

export function riskScore(likelihood: number, impact: number): number {
  return likelihood * impact;
}

/**
 * The band a score falls in. Scores a matrix cannot produce (7 on a 4 x 4)
 * fall to the highest band starting at or below them.
 */
export function bandFor(score: number, scale: RiskScale): RiskBand {
  const exact = scale.bands.find((b) => score >= b.min && score <= b.max);
  if (exact) return exact;
  const below = scale.bands.filter((b) => b.min <= score);
  return below[below.length - 1] ?? scale.bands[0]!;
}

export function assessRisks(inputs: RiskInput[], scale: RiskScale): RiskSummary {
  const risks: AssessedRisk[] = inputs.map((risk) => {
    const inherentScore = riskScore(risk.likelihood, risk.impact);
    const residualScore = riskScore(risk.residualLikelihood, risk.residualImpact);
    return { ...risk, inherentScore, inherentBand: bandFor(inherentScore, scale).id, residualScore, residualBand: bandFor(residualScore, scale).id };
  });
  const counts = Object.fromEntries(scale.bands.map((b) => [b.id, risks.filter((r) => r.residualBand === b.id).length]));
  const rank = (id: string) => scale.bands.findIndex((b) => b.id === id);
  const worst = risks.reduce<number>((max, r) => Math.max(max, rank(r.residualBand)), -1);
  const top = [...risks].sort((a, b) => b.residualScore - a.residualScore || b.inherentScore - a.inherentScore).slice(0, 3);
  return { risks, overall: worst >= 0 ? scale.bands[worst] : undefined, counts, top };
}

/** True when the band is at or above the band with the given id. */
export function atLeastBand(band: RiskBand | undefined, bandId: string, scale: RiskScale): boolean {
  if (!band) return false;
  const target = scale.bands.findIndex((b) => b.id === bandId);
  return target >= 0 && scale.bands.findIndex((b) => b.id === band.id) >= target;
}
