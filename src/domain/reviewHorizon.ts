/** How far ahead "due for review" looks: "next 3 months", "within 30 days", "by 31 March 2027". */
export type ReviewHorizon = { amount: number; unit: 'day' | 'week' | 'month' } | { until: string };

/** The toolkit's default look-ahead when an officer names no period. */
export const DEFAULT_REVIEW_HORIZON: ReviewHorizon = { amount: 60, unit: 'day' };

/** The last day (ISO date) a review may fall on to count as due, given today's ISO date. Pure. */
export function horizonDate(horizon: ReviewHorizon, today: string): string {
  if ('until' in horizon) return horizon.until;
  const date = new Date(`${today}T00:00:00Z`);
  if (horizon.unit === 'month') {
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + horizon.amount);
    // 31 January + 1 month is the last day of February, not 3 March.
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, lastDay));
  } else {
    date.setUTCDate(date.getUTCDate() + horizon.amount * (horizon.unit === 'week' ? 7 : 1));
  }
  return date.toISOString().slice(0, 10);
}

/** "the next 60 days", "the next 3 months", "by 31 March 2027" (the caller formats the date). */
export function describeHorizon(horizon: ReviewHorizon, formatDate: (iso: string) => string): string {
  if ('until' in horizon) return `by ${formatDate(horizon.until)}`;
  const unit = horizon.amount === 1 ? horizon.unit : `${horizon.unit}s`;
  return horizon.amount === 1 ? `the next ${unit}` : `the next ${horizon.amount} ${unit}`;
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}
