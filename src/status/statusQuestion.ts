import type { LifeCycleStage, PartnershipStatus } from '../partnerships/partnership.js';
import type { Significance } from '../domain/significance.js';
import type { ReviewHorizon } from '../domain/reviewHorizon.js';
import type { RegisterQuery } from './registerQuery.js';

/** Which register entries a list question asks for; every field narrows the list. */
export interface RegisterFilter {
  statuses?: PartnershipStatus[];
  significance?: Significance[];
  /** Residual risk band ids, e.g. ["high", "very-high"]. */
  risks?: string[];
  stages?: LifeCycleStage[];
  /** A Business Plan priority value from the new-partnership bank, e.g. "early-intervention". */
  priority?: string;
}

/**
 * A question about the register, asked in plain words (spec section 9): a
 * register query (what typed words are read as), or one of the older shapes
 * that buttons already in chats still carry. All are answered as a query.
 */
export type StatusQuestion =
  | RegisterQuery
  | { kind: 'dueReview'; horizon: ReviewHorizon; onlyMine?: boolean }
  | { kind: 'overdue'; onlyMine?: boolean }
  | { kind: 'mine' }
  /** `onlyMine`: "my high-risk partnerships" narrows even an SPO's view to the ones they work on. */
  | { kind: 'register'; filter: RegisterFilter; onlyMine?: boolean }
  | { kind: 'show'; partnershipName: string }
  | { kind: 'scoreHistory'; partnershipName: string }
  /** Exits in an assessment year ("2026/27"); the current year when absent. */
  | { kind: 'exits'; year?: string; relativeYear?: 'this' | 'last' };

export const HIGH_RISK_BANDS = ['high', 'very-high'];
