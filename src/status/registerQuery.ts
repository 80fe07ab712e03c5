import { z } from 'zod';
import { yearBefore, yearBounds, assessmentYearOf } from '../domain/assessmentYear.js';
import type { ReviewHorizon } from '../domain/reviewHorizon.js';
import { horizonDate } from '../domain/reviewHorizon.js';
import type { Rating } from '../domain/newPartnershipOutcome.js';
import type { Significance } from '../domain/significance.js';
import type { LifeCycleStage, Partnership, PartnershipStatus } from '../partnerships/partnership.js';
import { councilYear, isoDate, recordId, type FieldProblem } from '../validation/cardFields.js';
import { currentStage } from './registerLists.js';

/**
 * A question about the register, however it was asked: which entries
 * (filters), and what of them (a list, a count, a total, the top one, or one
 * field of one partnership). Every status question becomes one of these and
 * is answered by one path (dialogs/statusAnswers.ts). Pure data.
 */
export interface RegisterQuery {
  kind: 'query';
  ask: QueryAsk;
  /** For `field`: which one; `everything` is the whole detail card. */
  field?: QueryField;
  /** For `field`: the partnership as the officer named it. */
  partnershipName?: string;
  filter: QueryFilter;
  order?: QueryOrder;
}

export type QueryAsk = 'list' | 'count' | 'total' | 'top' | 'field';

export const QUERY_FIELDS = ['everything', 'scoreHistory', 'leadOfficer', 'partners', 'assistantDirector', 'nextReview', 'score', 'money', 'stage', 'status', 'risks', 'actions'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export interface QueryOrder {
  by: 'cash' | 'started' | 'score';
  direction: 'asc' | 'desc';
}

/** A span of time: a council year (or this or last one), or the days between two dates. */
export type QueryPeriod = { year: string } | { relativeYear: 'this' | 'last' } | { from: string; to: string };

export interface QueryFilter {
  statuses?: PartnershipStatus[];
  significance?: Significance[];
  /** Residual risk band ids. */
  risks?: string[];
  stages?: LifeCycleStage[];
  priority?: string;
  /** The new-partnership outcome. */
  outcomes?: Rating[];
  /** A partner organisation, as the register names it. */
  partner?: string;
  /** An officer who leads or is named on it, and their name for the answer. */
  officer?: { id: string; name: string };
  /** Its Assistant Director. */
  director?: { id: string; name: string };
  /** A service area value. */
  area?: string;
  /** Only those the asker leads or is named on. */
  mine?: boolean;
  /** Review due (or overdue) by this horizon: one indexed query. */
  reviewDue?: ReviewHorizon;
  /** Review already overdue. */
  overdue?: boolean;
  started?: QueryPeriod;
  /** The council left within this period. */
  ended?: QueryPeriod;
}

const person = z.object({ id: recordId, name: z.string().trim().min(1).max(150) }).strict();
const period = z.union([
  z.object({ year: councilYear }).strict(),
  z.object({ relativeYear: z.enum(['this', 'last']) }).strict(),
  z.object({ from: isoDate, to: isoDate }).strict().refine((p) => p.from <= p.to, 'not a period' satisfies FieldProblem),
]);
const horizon = z.union([
  z.object({ amount: z.number().int().min(1).max(999), unit: z.enum(['day', 'week', 'month']) }).strict(),
  z.object({ until: isoDate }).strict(),
]);

export const queryFilterSchema = z
  .object({
    statuses: z.array(z.enum(['proposed', 'active', 'under-review', 'exiting', 'closed', 'rejected'])).max(6).optional(),
    significance: z.array(z.enum(['high', 'medium', 'low'])).max(3).optional(),
    risks: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/)).max(10).optional(),
    stages: z.array(z.enum(['forming', 'frustration', 'functioning', 'flying', 'failing'])).max(5).optional(),
    priority: z.string().regex(/^[a-z0-9-]{1,60}$/).optional(),
    outcomes: z.array(z.enum(['red', 'amber', 'green'])).max(3).optional(),
    partner: z.string().trim().min(1).max(150).optional(),
    officer: person.optional(),
    director: person.optional(),
    area: z.string().regex(/^[a-z0-9-]{1,60}$/).optional(),
    mine: z.boolean().optional(),
    reviewDue: horizon.optional(),
    overdue: z.boolean().optional(),
    started: period.optional(),
    ended: period.optional(),
  })
  .strict();

export const registerQuerySchema = z
  .object({
    kind: z.literal('query'),
    ask: z.enum(['list', 'count', 'total', 'top', 'field']),
    field: z.enum(QUERY_FIELDS).optional(),
    partnershipName: z.string().trim().min(1).max(150).optional(),
    filter: queryFilterSchema,
    order: z.object({ by: z.enum(['cash', 'started', 'score']), direction: z.enum(['asc', 'desc']) }).strict().optional(),
  })
  .strict();

/** The first and last day of a period, given today (ISO). */
export function periodBounds(p: QueryPeriod, today: string): [string, string] {
  if ('from' in p) return [p.from, p.to];
  if ('year' in p) return yearBounds(p.year);
  return yearBounds(yearBefore(assessmentYearOf(today), p.relativeYear === 'last' ? 1 : 0));
}

/** The council year a period names, when it names one. */
export function periodYear(p: QueryPeriod, today: string): string | undefined {
  if ('year' in p) return p.year;
  if ('relativeYear' in p) return yearBefore(assessmentYearOf(today), p.relativeYear === 'last' ? 1 : 0);
  return undefined;
}

/** Only active and under-review partnerships are reviewed. */
const REVIEWED: PartnershipStatus[] = ['active', 'under-review'];

/**
 * Whether an entry meets every filter. `asker` is who asks (for `mine`);
 * `outcomeOf` gives the new-partnership outcome where the filter needs it. Pure.
 */
export function matchesQuery(p: Partnership, filter: QueryFilter, context: { askerId: string; today: string; outcomeOf?: (p: Partnership) => Rating | undefined }): boolean {
  if (filter.statuses?.length && !filter.statuses.includes(p.status)) return false;
  if (filter.significance?.length && !filter.significance.includes(p.significance)) return false;
  if (filter.risks?.length && !(p.overallRisk && filter.risks.includes(p.overallRisk))) return false;
  if (filter.stages?.length && !filter.stages.includes(currentStage(p))) return false;
  if (filter.priority && !p.priorities.includes(filter.priority)) return false;
  if (filter.outcomes?.length) {
    const outcome = context.outcomeOf?.(p);
    if (!outcome || !filter.outcomes.includes(outcome)) return false;
  }
  if (filter.partner && !p.partners.some((row) => sameName(String(row['name'] ?? ''), filter.partner!))) return false;
  if (filter.officer && !p.officerIds.includes(filter.officer.id)) return false;
  if (filter.director && p.assistantDirector?.objectId !== filter.director.id) return false;
  if (filter.area && p.serviceArea !== filter.area) return false;
  if (filter.mine && !p.officerIds.includes(context.askerId)) return false;
  if (filter.reviewDue || filter.overdue) {
    if (!REVIEWED.includes(p.status)) return false;
    const last = filter.overdue ? previousDay(context.today) : horizonDate(filter.reviewDue!, context.today);
    if (p.nextReviewDue.slice(0, 10) > last) return false;
  }
  if (filter.started) {
    const [from, to] = periodBounds(filter.started, context.today);
    if (p.startDate.slice(0, 10) < from || p.startDate.slice(0, 10) > to) return false;
  }
  if (filter.ended) {
    const [from, to] = periodBounds(filter.ended, context.today);
    const ended = p.exitDate?.slice(0, 10);
    if (!ended || ended < from || ended > to) return false;
  }
  return true;
}

/** Sorts for an order: biggest council cash, newest start, best latest score; ties by name. Pure. */
export function compareBy(order: QueryOrder): (a: Partnership, b: Partnership) => number {
  const key = (p: Partnership): number | string | undefined =>
    order.by === 'cash' ? p.councilCashPerYear : order.by === 'started' ? p.startDate : p.latestAssessment?.percent;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    // Entries with no value (never scored) go last whichever way.
    if (ka === undefined || kb === undefined) return ka === kb ? 0 : ka === undefined ? 1 : -1;
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return order.direction === 'asc' ? c : -c;
  };
}

export function previousDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function sameName(a: string, b: string): boolean {
  const simple = (s: string) => s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').replace(/^the /, '').trim();
  return simple(a) === simple(b);
}
