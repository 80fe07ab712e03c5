import type { ListRow } from '../questionnaire/bankSchema.js';
import type { Significance } from '../domain/significance.js';
import type { Rating } from '../domain/newPartnershipOutcome.js';
import type { AssessedRisk } from '../domain/riskAssessment.js';

export type PartnershipStatus = 'proposed' | 'active' | 'under-review' | 'exiting' | 'closed' | 'rejected';
export type LifeCycleStage = 'forming' | 'frustration' | 'functioning' | 'flying' | 'failing';

export interface PersonRef {
  objectId: string;
  name: string;
}

/** A register entry (spec section 3). */
export interface Partnership {
  id: string;
  name: string;
  purpose: string;
  partners: ListRow[];
  leadOfficer: PersonRef;
  /** Object ids of everyone who may see and answer for it, the lead included. */
  officerIds: string[];
  /** The lead's object id again, as a top-level field the store indexes. */
  ownerId: string;
  serviceArea: string;
  assistantDirector?: PersonRef;
  councilRole?: string;
  legalForm?: string;
  statutory: boolean;
  priorities: string[];
  councilCashPerYear: number;
  inKind?: string;
  liabilities?: string;
  significance: Significance;
  /** Residual band id of the highest risk, e.g. "high". */
  overallRisk?: string;
  startDate: string;
  endDate?: string;
  nextReviewDue: string;
  stage: { suggested: LifeCycleStage; confirmed?: LifeCycleStage };
  exitStrategy?: string;
  status: PartnershipStatus;
  /** The latest closed self-assessment, for status questions and reports. */
  latestAssessment?: { year: string; percent?: number; band?: string; trend?: string; recommendation: string; closedAt: string; lowConfidence?: string };
  /** The day the council's involvement ended; set when the Assistant Director signs off the exit. */
  exitDate?: string;
  createdAt: string;
  updatedAt: string;
}

/** The new-partnership questions and risk assessment as submitted, with their result. */
export interface NewPartnershipAssessment {
  id: string;
  partnershipId: string;
  bankId: string;
  bankVersion: number;
  answers: Record<string, unknown>;
  outcome: Rating;
  reasons: string[];
  actions: string[];
  risks: AssessedRisk[];
  riskCounts: Record<string, number>;
  overallRisk?: string;
  significance: Significance;
  significanceReasons: string[];
  submittedBy: PersonRef;
  submittedAt: string;
  adNotifiedAt?: string;
  adDecision?: { decision: 'approved' | 'changes-requested'; by: PersonRef; at: string; comments?: string };
}

export interface AuditEvent {
  id: string;
  partnershipId: string;
  at: string;
  by: PersonRef;
  /** e.g. "partnership.created", "partnership.status-changed" */
  action: string;
  recordKind: string;
  recordId: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
  note?: string;
}
