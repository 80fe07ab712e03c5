import type { ListRow } from '../questionnaire/bankSchema.js';
import type { Significance } from '../domain/significance.js';
import type { Rating } from '../domain/newPartnershipOutcome.js';
import type { AssessedRisk } from '../domain/riskAssessment.js';

/** `removed`: taken off the register because it was made in error (kept for the audit trail); distinct from an exit (`closed`). */
export type PartnershipStatus = 'proposed' | 'active' | 'under-review' | 'exiting' | 'closed' | 'rejected' | 'removed';
export type LifeCycleStage = 'forming' | 'frustration' | 'functioning' | 'flying' | 'failing';

export interface PersonRef {
  /** The Entra object id; `email:<address>` for someone named by email who has not used the bot yet (linked at their first message). */
  objectId: string;
  name: string;
}

/** The governing document internal audit looks for: its type, when it was agreed, its next review, where it is kept. */
export interface GoverningDocument {
  type?: string;
  agreedOn?: string;
  nextReview?: string;
  link?: string;
}

/** Something the partnership must do, e.g. a condition of its approval. A simple list for now. */
export interface PartnershipAction {
  id: string;
  text: string;
  source: 'approval-condition';
  addedAt: string;
  by: PersonRef;
}

/**
 * A register entry (spec section 3). Fields added since the first release are
 * optional, so entries written before them still read: an absent `priorityPlan`
 * means version 1 (the Business Plan 2016-2020), an absent `reference` means the
 * id serves as the reference.
 */
export interface Partnership {
  id: string;
  /** The council's own reference, the register import's key; absent for entries made in the bot (the id serves). */
  reference?: string;
  /** How the entry reached the register. Absent: the new-partnership questionnaire. */
  source?: 'questionnaire' | 'import';
  name: string;
  purpose: string;
  /**
   * Its objectives, one each, as recorded (the new-partnership question listing them, the import's
   * Objectives column or a correction). The exit interview asks about these; absent, the officer lists them.
   */
  objectives?: string[];
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
  /** The plan its priorities were judged against, with their labels then (absent: version 1). */
  priorityPlan?: { version: number; labels: Record<string, string> };
  councilCashPerYear: number;
  inKind?: string;
  liabilities?: string;
  /** The partnership's own total budget a year, all partners together, in pounds. */
  totalBudgetPerYear?: number;
  /** Council officers' time given to it, hours a month. */
  officerHoursPerMonth?: number;
  /** The councillor who represents the council on it. */
  leadMember?: string;
  governingDocument?: GoverningDocument;
  /** Who it reports to, e.g. "Community Safety Board, quarterly". */
  reportingLine?: string;
  significance: Significance;
  /** Why it has that significance. */
  significanceReasons?: string[];
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
  /** Conditions of approval and other follow-ups. */
  actions?: PartnershipAction[];
  /** Set when the SPO removed it as made in error. */
  removal?: { at: string; by: PersonRef; reason: string; statusBefore: PartnershipStatus };
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
  /** 1 for the first submission; after "ask for changes" the officer resubmits as 2, 3… (absent: 1). */
  revision?: number;
  adDecision?: ProposalDecision;
}

export interface ProposalDecision {
  decision: 'approved' | 'approved-with-conditions' | 'rejected' | 'changes-requested';
  by: PersonRef;
  at: string;
  comments?: string;
  conditions?: string[];
  /** The SPO decided because the service area had no Assistant Director. */
  inPlaceOfDirector?: boolean;
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
  /** Why it was changed, where the change needs one (money, significance, status). */
  reason?: string;
}
