import { daysBetween } from '../domain/reviewHorizon.js';
import type { LifeCycleStage, Partnership, PartnershipStatus } from '../partnerships/partnership.js';
import type { Significance } from '../domain/significance.js';
import type { RegisterFilter } from './statusQuestion.js';

/** How many entries one list card shows; ten keeps a page readable and far under Teams' 28 KB limit. */
export const LIST_PAGE_SIZE = 10;

export const STATUS_LABELS: Record<PartnershipStatus, string> = {
  proposed: 'Proposed',
  active: 'Active',
  'under-review': 'Under review',
  exiting: 'Exiting',
  closed: 'Closed',
  rejected: 'Rejected',
  removed: 'Removed (made in error)',
};

export const SIGNIFICANCE_LABELS: Record<Significance, string> = { high: 'High significance', medium: 'Medium significance', low: 'Low significance' };

/** The stage officers confirmed, else the one the toolkit suggested. */
export function currentStage(p: Pick<Partnership, 'stage'>): LifeCycleStage {
  return p.stage.confirmed ?? p.stage.suggested;
}

/** Filters the store cannot apply (the stage is one of two fields). Pure. */
export function matchesFilter(p: Partnership, filter: RegisterFilter): boolean {
  if (filter.statuses?.length && !filter.statuses.includes(p.status)) return false;
  if (filter.significance?.length && !filter.significance.includes(p.significance)) return false;
  if (filter.risks?.length && !(p.overallRisk && filter.risks.includes(p.overallRisk))) return false;
  if (filter.stages?.length && !filter.stages.includes(currentStage(p))) return false;
  if (filter.priority && !p.priorities.includes(filter.priority)) return false;
  return true;
}

export type ReviewState = { state: 'overdue'; days: number } | { state: 'due'; days: number } | { state: 'later' } | { state: 'none' };

/** Where a partnership's review stands today. Only active and under-review partnerships are reviewed. */
export function reviewState(p: Pick<Partnership, 'status' | 'nextReviewDue'>, today: string, dueWithinDays = 60): ReviewState {
  if (p.status !== 'active' && p.status !== 'under-review') return { state: 'none' };
  const days = daysBetween(today, p.nextReviewDue);
  if (days < 0) return { state: 'overdue', days: -days };
  if (days <= dueWithinDays) return { state: 'due', days };
  return { state: 'later' };
}

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
  /** 1-based position of the first item, for "Showing 11 to 20 of 200". */
  first: number;
  last: number;
}

/** One page of a list; a page past the end shows the last page. Pure. */
export function pageOf<T>(items: readonly T[], page: number, size = LIST_PAGE_SIZE): Page<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const start = (current - 1) * size;
  const slice = items.slice(start, start + size);
  return { items: slice, page: current, pageCount, total: items.length, first: slice.length ? start + 1 : 0, last: start + slice.length };
}

/** Alphabetical, ignoring a leading "The". */
export function byName(a: Pick<Partnership, 'name'>, b: Pick<Partnership, 'name'>): number {
  const key = (name: string) => name.replace(/^the\s+/i, '');
  return key(a.name).localeCompare(key(b.name), 'en-GB', { sensitivity: 'base' });
}
