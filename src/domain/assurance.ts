import type { ScoreBand } from './selfAssessmentScoring.js';

/**
 * The governance assurance rating a committee reads for each significant
 * partnership, on the four levels councils align with their Annual Governance
 * Statement (Manchester's register: substantial, reasonable, limited, none).
 * From the latest self-assessment band, whether its risk is still high after
 * controls, and whether actions or its review are overdue. Pure.
 */
export type AssuranceRating = 'substantial' | 'reasonable' | 'limited' | 'none';

export const ASSURANCE_LABELS: Record<AssuranceRating, string> = {
  substantial: 'Substantial',
  reasonable: 'Reasonable',
  limited: 'Limited',
  none: 'No assurance',
};

export interface AssuranceFacts {
  /** The latest closed self-assessment's band; absent when none has been closed. */
  band?: ScoreBand;
  highRisk: boolean;
  overdueActions: number;
  reviewOverdue: boolean;
}

export function assuranceRating(facts: AssuranceFacts): { rating: AssuranceRating; reasons: string[] } {
  const concerns = [
    ...(facts.highRisk ? ['its risk is high after controls'] : []),
    ...(facts.overdueActions > 0 ? [`${facts.overdueActions} action${facts.overdueActions === 1 ? ' is' : 's are'} overdue`] : []),
    ...(facts.reviewOverdue ? ['its annual review is overdue'] : []),
  ];
  if (!facts.band) return { rating: 'none', reasons: ['no self-assessment has been closed', ...concerns] };
  if (facts.band === 'red') return { rating: 'limited', reasons: ['its self-assessment is weak', ...concerns] };
  if (facts.band === 'amber') return concerns.length ? { rating: 'limited', reasons: ['its self-assessment is developing', ...concerns] } : { rating: 'reasonable', reasons: ['its self-assessment is developing'] };
  return concerns.length ? { rating: 'reasonable', reasons: ['its self-assessment is strong', ...concerns] } : { rating: 'substantial', reasons: ['its self-assessment is strong, with no high risk and nothing overdue'] };
}
