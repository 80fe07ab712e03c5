/**
 * The action log's rules as pure functions of dates (ISO days): when an action
 * is overdue, when its owner is reminded, when it is raised with the
 * partnership's Assistant Director, and how the log is summed up for the
 * detail card, the register export and the reports.
 */

export type ActionStatus = 'open' | 'done' | 'dropped';

/** Where an action came from: the four places the toolkit creates them. */
export type ActionSource = 'new-partnership' | 'approval-condition' | 'self-assessment' | 'evidence-gap' | 'risk' | 'exit';

export interface ActionFacts {
  status: ActionStatus;
  /** ISO day it is due by. */
  due: string;
  /** ISO timestamp it was closed, when done or dropped. */
  closedAt?: string;
}

/** An action with no date of its own (a weak answer, a condition) is due this many days after it was raised. */
export const DEFAULT_ACTION_DAYS = 90;
/** The owner hears this many days before the due date. */
export const ACTION_DUE_SOON_DAYS = 7;
/** While an action stays overdue its owner hears again this often. */
export const ACTION_OVERDUE_REPEAT_DAYS = 14;
/** Default: an action overdue by more than this is raised with the Assistant Director (ACTION_ESCALATION_DAYS). */
export const DEFAULT_ACTION_ESCALATION_DAYS = 30;
/** Default: a return still missing this many days after the round started is raised with the Assistant Director (RETURN_ESCALATION_DAYS). */
export const DEFAULT_RETURN_ESCALATION_DAYS = 28;
/** While a return is missing its officer hears again this often. */
export const RETURN_REMINDER_REPEAT_DAYS = 14;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Open and past its due date: the due day itself is still on time. */
export function isOverdue(action: ActionFacts, today: string): boolean {
  return action.status === 'open' && action.due < today;
}

export function daysOverdue(action: ActionFacts, today: string): number {
  return isOverdue(action, today) ? daysBetween(action.due, today) : 0;
}

/** Raised with the Assistant Director once it is overdue by more than the threshold. */
export function shouldRaiseWithDirector(action: ActionFacts, today: string, thresholdDays: number): boolean {
  return daysOverdue(action, today) > thresholdDays;
}

/** Done on or before its due date (UK days compared; a note written at 23:30 on the due day counts). */
export function doneOnTime(action: ActionFacts): boolean {
  return action.status === 'done' && action.closedAt !== undefined && action.closedAt.slice(0, 10) <= action.due;
}

/**
 * The owner's reminder for an action on `today`, with the key that makes it go
 * once: "due soon" once in the week before, "overdue" once per 14 days after.
 */
export function actionReminderFor(actionKey: string, action: ActionFacts, today: string): { type: 'actionDue' | 'actionOverdue'; key: string } | undefined {
  if (action.status !== 'open') return undefined;
  const daysLeft = daysBetween(today, action.due);
  if (daysLeft > ACTION_DUE_SOON_DAYS) return undefined;
  if (daysLeft >= 0) return { type: 'actionDue', key: `action-due.${actionKey}.${action.due}` };
  const cycle = Math.floor((-daysLeft - 1) / ACTION_OVERDUE_REPEAT_DAYS);
  return { type: 'actionOverdue', key: `action-overdue.${actionKey}.${action.due}.${cycle}` };
}

export interface ActionCounts {
  open: number;
  overdue: number;
  done: number;
  dropped: number;
  /**
   * Of the actions that are done or past their due date, the share done by it,
   * as a whole percent; undefined while none is (nothing has fallen due yet).
   */
  onTimePercent?: number;
}

/** Counts for the detail card, the export and the reports. Dropped actions count in neither side of the share. */
export function actionCounts(actions: readonly ActionFacts[], today: string): ActionCounts {
  const open = actions.filter((a) => a.status === 'open').length;
  const overdue = actions.filter((a) => isOverdue(a, today)).length;
  const done = actions.filter((a) => a.status === 'done');
  const dropped = actions.filter((a) => a.status === 'dropped').length;
  const onTime = done.filter(doneOnTime).length;
  const fallenDue = done.length + overdue;
  return { open, overdue, done: done.length, dropped, ...(fallenDue > 0 ? { onTimePercent: Math.round((onTime / fallenDue) * 100) } : {}) };
}

/** "3 open (1 overdue); 75% done on time", as the detail card and the reports show it. */
export function describeActionCounts(counts: ActionCounts): string {
  const open = `${counts.open} open${counts.overdue ? ` (${counts.overdue} overdue)` : ''}`;
  const share = counts.onTimePercent === undefined ? 'none due yet' : `${counts.onTimePercent}% done on time`;
  return `${open}; ${counts.done} done; ${share}`;
}

/**
 * The reminder to an officer whose return is missing, `daysSinceStart` after the
 * round began: the first a fortnight in, then every 14 days.
 */
export function returnReminderFor(roundKey: string, partnershipId: string, officerId: string, daysSinceStart: number): { key: string } | undefined {
  if (daysSinceStart < RETURN_REMINDER_REPEAT_DAYS) return undefined;
  const cycle = Math.floor(daysSinceStart / RETURN_REMINDER_REPEAT_DAYS);
  return { key: `return-missing.${roundKey}.${partnershipId}.${officerId}.${cycle}` };
}

/** A return missing `thresholdDays` or more after the round started goes to the Assistant Director, once. */
export function shouldRaiseMissingReturn(daysSinceStart: number, thresholdDays: number): boolean {
  return daysSinceStart >= thresholdDays;
}

/** The share of invited officers who responded, as a whole percent (undefined when nobody was invited). */
export function returnsRate(invited: number, responded: number): number | undefined {
  return invited === 0 ? undefined : Math.round((Math.min(responded, invited) / invited) * 100);
}
