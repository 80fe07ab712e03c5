import type { LifeCycleStage } from '../partnerships/partnership.js';
import type { ScoreBand } from './selfAssessmentScoring.js';
import type { Trend } from './yearOnYear.js';

export type Recommendation = 'continue' | 'improve' | 'review' | 'exit';

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  continue: 'Continue',
  improve: 'Continue with an improvement plan',
  review: 'Review involvement: Assistant Director decision',
  exit: 'Plan exit',
};

export interface RecommendationInput {
  overallBand?: ScoreBand;
  sectionBands: Array<ScoreBand | undefined>;
  overallTrend?: Trend;
  /** Last year's closed assessment, if any. */
  previous?: { band?: ScoreBand; trend?: Trend };
  /** Means (0-3) of the two statements the spec singles out. */
  f2Mean?: number;
  m4Mean?: number;
  /**
   * Everyone rated F2 (still supports a council priority) or M4 (benefits
   * outweigh the costs) not applicable. Neither can be, so that is no way
   * round the review rule (banks from version 2 do not offer it; older drafts may).
   */
  f2NotApplicable?: boolean;
  m4NotApplicable?: boolean;
  /** Why the score rests on little evidence (see lowConfidenceText); absent when it does not. */
  lowConfidence?: string;
  /** The register's residual risk is high or very high. */
  highResidualRisk: boolean;
  confirmedStage?: LifeCycleStage;
  /** Officers say the aims are achieved and nothing further is planned. */
  aimsAchieved: boolean;
}

export interface RecommendationResult {
  recommendation: Recommendation;
  reasons: string[];
  /** Aims achieved: celebrate before closing. */
  celebrate: boolean;
}

/** Spec section 6: the most serious rule that applies decides. */
export function recommendInvolvement(input: RecommendationInput): RecommendationResult {
  const red = input.overallBand === 'red';
  const declined = input.overallTrend === 'declined';

  const exit: string[] = [];
  if (red && declined && input.previous?.band === 'red' && input.previous.trend === 'declined') exit.push('Weak (under 50%) and declining two years running');
  if (input.confirmedStage === 'failing') exit.push('Life-cycle stage confirmed as failing');
  if (input.aimsAchieved) exit.push('Aims achieved with nothing further planned: celebrate what it achieved and close it well');
  if (exit.length > 0) return { recommendation: 'exit', reasons: exit, celebrate: input.aimsAchieved };

  const review: string[] = [];
  if (red) review.push('Overall score is weak (under 50%)');
  if (input.f2Mean !== undefined && input.f2Mean <= 1) review.push('The work no longer clearly supports a council priority');
  if (input.m4Mean !== undefined && input.m4Mean <= 1) review.push('The benefits may not outweigh the costs');
  if (input.f2NotApplicable) review.push('Whether the work still supports a council priority was rated not applicable, but it always applies');
  if (input.m4NotApplicable) review.push('Whether the benefits outweigh the costs was rated not applicable, but it always applies');
  if (input.highResidualRisk) review.push('Residual risk is high or very high');
  if (red && input.previous?.band === 'red') review.push('Weak (under 50%) two years running');
  if (review.length > 0) return { recommendation: 'review', reasons: review, celebrate: false };

  const improve: string[] = [];
  if (input.overallBand === undefined) improve.push('Not scored: every statement was rated not applicable');
  if (input.overallBand === 'amber') improve.push('Overall score is developing (50% to 74%)');
  if (input.sectionBands.some((b) => b === 'red')) improve.push('At least one area is weak (under 50%)');
  if (declined) improve.push('Overall score declined since last year');
  // Low confidence caps the recommendation here: a green score on little evidence is not a reason to carry on unchanged.
  if (input.lowConfidence) improve.push(`${input.lowConfidence}, so there is too little evidence to continue without an improvement plan`);
  if (improve.length > 0) return { recommendation: 'improve', reasons: improve, celebrate: false };

  return { recommendation: 'continue', reasons: ['Overall score is strong (75% or more), no area is weak and it has not declined'], celebrate: false };
}
