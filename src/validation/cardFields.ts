import { z } from 'zod';

/**
 * Fields that come back from cards, checked by meaning and not only by shape:
 * card data is the client's word, so a day that does not exist, a year that is
 * not a council year or a key with characters no record id holds is refused
 * before anything reads storage.
 */

/**
 * What each failed check means, as the router tells the officer who pressed the button. Only
 * these messages are shown: zod's own (about types and lengths) stay in the log as field paths.
 */
export const FIELD_PROBLEMS = {
  'not a record id': "That button refers to a record in a form I never make, so I couldn't use it.",
  'not a date': "That button carries a date that isn't written as a date, so I couldn't use it.",
  'not a real day': "That button carries a date that isn't a real day in the calendar, so I couldn't use it.",
  'not a council year': "That button carries a year that isn't a council year (such as 2026/27), so I couldn't use it.",
  'not a reminder key': "That button refers to a reminder I never sent, so I couldn't use it.",
  'not a period': "That button carries a period that ends before it starts, so I couldn't use it.",
} as const;

export type FieldProblem = keyof typeof FIELD_PROBLEMS;

interface Issue {
  message: string;
  /** A union's issue holds each alternative's own issues. */
  errors?: Issue[][];
}

/** The officer-facing sentence for the first failed check that has one (inside unions too), if any. */
export function fieldProblemOf(issues: readonly Issue[], depth = 0): string | undefined {
  for (const issue of issues) {
    if (Object.hasOwn(FIELD_PROBLEMS, issue.message)) return FIELD_PROBLEMS[issue.message as FieldProblem];
    if (depth < 5) {
      for (const alternative of issue.errors ?? []) {
        const found = fieldProblemOf(alternative, depth + 1);
        if (found) return found;
      }
    }
  }
  return undefined;
}

const problem = (name: FieldProblem) => name;

/** A record id as the stores accept it (no / \ ? # or control characters). */
export const recordId = z.string().min(1).max(200).regex(/^[^/\\?#\u0000-\u001f]+$/, problem('not a record id'));

/** A real calendar day written yyyy-mm-dd, between 2000 and 2100. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, problem('not a date'))
  .refine((value) => isRealDay(value), problem('not a real day'));

/** A council year such as "2026/27": April to March, two consecutive years, 2000 to 2099. */
export const councilYear = z
  .string()
  .regex(/^\d{4}\/\d{2}$/, problem('not a council year'))
  .refine((value) => {
    const start = Number(value.slice(0, 4));
    return start >= 2000 && start <= 2099 && Number(value.slice(5)) === (start + 1) % 100;
  }, problem('not a council year'));

/** Words an officer typed or a button carries, bounded. */
export const words = (max: number) => z.string().trim().min(1).max(max);

export function isRealDay(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
