import { daysBetween } from '../domain/reviewHorizon.js';

/**
 * Which reminder is due, and for which period, as pure functions of dates.
 * The period is part of the reminder's key: storage refuses a second record
 * with the same key, which is what makes each reminder go once per period
 * however many instances run and however often.
 */

export type ReminderType = 'reviewDue' | 'reviewOverdue' | 'draftUnfinished';

export interface DueReminder {
  type: ReminderType;
  /** Stable for one period of one subject; a valid record id. */
  key: string;
}

/** A review is "due" from this many days before its date, up to and including the day itself. */
export const DUE_WITHIN_DAYS = 30;
/** While a review stays overdue the lead officer hears again this often. */
export const OVERDUE_REPEAT_DAYS = 14;
/** A draft nobody has touched for this long gets a nudge. */
export const DRAFT_IDLE_DAYS = 7;
/** Longest snooze an officer may ask for. */
export const MAX_SNOOZE_DAYS = 90;

/**
 * The review reminder for a partnership on `today` (both ISO dates), if any.
 * Due: from 30 days before the review date to the day itself, once per review date.
 * Overdue: from the day after, once per 14 days while it stays overdue.
 */
export function reviewReminderFor(partnershipId: string, nextReviewDue: string, today: string): DueReminder | undefined {
  const daysLeft = daysBetween(today, nextReviewDue);
  if (daysLeft > DUE_WITHIN_DAYS) return undefined;
  if (daysLeft >= 0) return { type: 'reviewDue', key: `review-due.${partnershipId}.${nextReviewDue}` };
  const cycle = Math.floor((-daysLeft - 1) / OVERDUE_REPEAT_DAYS);
  return { type: 'reviewOverdue', key: `review-overdue.${partnershipId}.${nextReviewDue}.${cycle}` };
}

/**
 * The nudge for an unfinished draft last changed at `updatedAt` (ISO timestamp), if any.
 * Once per stretch of inactivity: working on the draft again starts a new stretch.
 */
export function draftReminderFor(draftId: string, updatedAt: string, today: string): DueReminder | undefined {
  if (daysBetween(ukDay(new Date(updatedAt)), today) < DRAFT_IDLE_DAYS) return undefined;
  return { type: 'draftUnfinished', key: `draft-unfinished.${draftId}.${updatedAt.replace(/[^0-9]/g, '')}` };
}

/** The latest ISO day a review may fall on and still be reminded about today. */
export function reviewWindowEnd(today: string): string {
  return addDays(today, DUE_WITHIN_DAYS);
}

/** The moment before which a draft's last change makes it idle on `today` (start of the UK day, 7 days earlier). */
export function draftIdleCutoff(today: string): string {
  return ukMidnight(addDays(today, -DRAFT_IDLE_DAYS + 1)).toISOString();
}

/** The reminder type a key was made for; undefined for anything that is not a reminder key. */
export function reminderTypeOfKey(key: string): ReminderType | undefined {
  if (/^review-due\.[^.]+\.\d{4}-\d{2}-\d{2}$/.test(key)) return 'reviewDue';
  if (/^review-overdue\.[^.]+\.\d{4}-\d{2}-\d{2}\.\d+$/.test(key)) return 'reviewOverdue';
  if (/^draft-unfinished\.[^.]+\.\d+$/.test(key)) return 'draftUnfinished';
  return undefined;
}

/** A snooze of a whole number of days from 1 to 90; anything else is refused. */
export function isSensibleSnooze(days: unknown): days is number {
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_SNOOZE_DAYS;
}

/** The calendar day in the UK (Europe/London) at an instant, as an ISO date. */
export function ukDay(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The instant a UK wall-clock time happens on an ISO day (handles GMT and BST). */
export function ukWallTime(isoDate: string, hours: number, minutes: number): Date {
  const guess = new Date(`${isoDate}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00Z`);
  // London is UTC or UTC+1; the offset at the guess is right except within an hour of a change.
  const offsetMinutes = londonOffsetMinutes(guess);
  const candidate = new Date(guess.getTime() - offsetMinutes * 60_000);
  const corrected = londonOffsetMinutes(candidate);
  return corrected === offsetMinutes ? candidate : new Date(guess.getTime() - corrected * 60_000);
}

/** When a daily run set for `at` (HH:MM, UK time) next happens after `now`. */
export function nextDailyRun(now: Date, at: { hours: number; minutes: number }): Date {
  const today = ukDay(now);
  const todays = ukWallTime(today, at.hours, at.minutes);
  return todays.getTime() > now.getTime() ? todays : ukWallTime(addDays(today, 1), at.hours, at.minutes);
}

function ukMidnight(isoDate: string): Date {
  return ukWallTime(isoDate, 0, 0);
}

function londonOffsetMinutes(instant: Date): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}
