/** Adds calendar months, keeping the day where it exists (31 January + 1 month = 28 or 29 February). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * When a new partnership is first reviewed: its planned first review or end
 * date if that comes sooner, otherwise the usual interval after today.
 */
export function firstReviewDue(today: string, plannedDate: string | undefined, intervalMonths: number): string {
  const usual = addMonths(today, intervalMonths);
  if (plannedDate && /^\d{4}-\d{2}-\d{2}$/.test(plannedDate) && plannedDate >= today && plannedDate < usual) return plannedDate;
  return usual;
}
