import type { RecommendationResult } from '../domain/involvementRecommendation.js';
import type { StageSuggestion } from '../domain/lifeCycleStage.js';
import type { CombinedStatement, Scores, StatementRating } from '../domain/selfAssessmentScoring.js';
import type { YearComparison } from '../domain/yearOnYear.js';
import type { LifeCycleStage, PersonRef } from '../partnerships/partnership.js';

export type YesNoUnsure = 'yes' | 'no' | 'unsure';

export interface AssessmentAction {
  statementId: string;
  action: string;
  owner: string;
  due?: string;
  raisedBy: string;
  /** "find-out": raised by a "don't know", to close an evidence gap. */
  kind?: 'find-out';
}

/** An officer's evidence or comment on a statement, as they wrote it. */
export interface StatementEvidence {
  statementId: string;
  /** The statement as officers read it when they rated it. */
  statement: string;
  by: string;
  text: string;
}

/** A statement someone rated "don't know": an evidence gap, and who will find out. */
export interface EvidenceGap {
  statementId: string;
  statement: string;
  notKnownBy: string[];
  findOut: Array<{ owner: string; due?: string }>;
}

/** One officer's answers for one partnership and year. */
export interface SelfAssessmentResponse {
  /** `<year>:<officer object id>` with "/" made "-": a later response by the same officer replaces the earlier one. */
  id: string;
  partnershipId: string;
  year: string;
  bankId: string;
  bankVersion: number;
  draftId: string;
  officer: PersonRef;
  ratings: Record<string, StatementRating>;
  evidence: Record<string, string>;
  actions: Omit<AssessmentAction, 'raisedBy'>[];
  /** Stage indicator question id to answer. */
  indicators: Record<string, YesNoUnsure>;
  aimsAchieved?: YesNoUnsure;
  submittedAt: string;
}

/** A partnership's self-assessment for one year: every response combined and scored. */
export interface SelfAssessment {
  /** The year, e.g. "2026/27". */
  id: string;
  partnershipId: string;
  partnershipName: string;
  year: string;
  status: 'open' | 'closed';
  bankId: string;
  bankVersion: number;
  respondents: PersonRef[];
  statements: Record<string, CombinedStatement>;
  areaOf: Record<string, string>;
  scores: Scores;
  comparison?: YearComparison;
  stage: StageSuggestion & { confirmed?: LifeCycleStage; confirmedBy?: PersonRef };
  recommendation: RecommendationResult;
  actions: AssessmentAction[];
  /** Statement ids where officers' views differ. */
  viewsDiffer: string[];
  /** Why the score rests on little evidence, in words; absent when it does not (and on years closed before it was kept). */
  lowConfidence?: string;
  /** Officers' evidence and comments, in statement order (absent on years closed before they were shown). */
  evidence?: StatementEvidence[];
  evidenceGaps?: EvidenceGap[];
  updatedAt: string;
  closedBy?: PersonRef;
  closedAt?: string;
  nextReviewDue?: string;
}
