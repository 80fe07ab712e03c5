import { z } from 'zod';

/**
 * Fields that come back from cards, checked by meaning and not only by shape:
 * card data is the client's word, so a day that does not exist, a year that is
 * not a council year or a key with characters no record id holds is refused
 * before anything reads storage.
 */

/** A record id as the stores accept it (no / \ ? # or control characters). */
export const recordId = z.string().min(1).max(200).regex(/^[^/\\?#\u0000-\u001f]+$/, 'not a record id');

/** A real calendar day written yyyy-mm-dd, between 2000 and 2100. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date')
  .refine((value) => isRealDay(value), 'not a real day');

/** A council year such as "2026/27": April to March, two consecutive years, 2000 to 2099. */
export const councilYear = z
  .string()
  .regex(/^\d{4}\/\d{2}$/, 'not a council year')
  .refine((value) => {
    const start = Number(value.slice(0, 4));
    return start >= 2000 && start <= 2099 && Number(value.slice(5)) === (start + 1) % 100;
  }, 'not a council year');

/** Words an officer typed or a button carries, bounded. */
export const words = (max: number) => z.string().trim().min(1).max(max);

export function isRealDay(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
