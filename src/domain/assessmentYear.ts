/**
 * Self-assessments are held per council financial year, April to March,
 * written as "2026/27".
 */
export function assessmentYearOf(isoDate: string): string {
  const [year, month] = isoDate.slice(0, 10).split('-').map(Number) as [number, number];
  const start = month >= 4 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Orders years such as "2025/26" < "2026/27" (plain string order works for four-digit years). */
export function isEarlierYear(a: string, b: string): boolean {
  return a < b;
}

/** "2026/27" as "2026-27", for record ids and notification keys, which cannot hold "/". */
export function yearKey(year: string): string {
  return year.replace('/', '-');
}

/** "2026/27" → ["2026-04-01", "2027-03-31"]: the first and last day of the year. */
export function yearBounds(year: string): [string, string] {
  const start = Number(year.slice(0, 4));
  return [`${start}-04-01`, `${start + 1}-03-31`];
}

/** The year `by` years before: "2026/27", 1 → "2025/26". */
export function yearBefore(year: string, by = 1): string {
  const start = Number(year.slice(0, 4)) - by;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The years strictly between two years, earliest first: "2023/24", "2026/27" → ["2024/25", "2025/26"]. */
export function yearsBetween(earlier: string, later: string): string[] {
  const years: string[] = [];
  for (let year = yearBefore(later); year > earlier; year = yearBefore(year)) years.unshift(year);
  return years;
}

/** Missing years said as missing: "No self-assessment was closed for 2024/25 or 2025/26". */
export function missingYearsText(years: readonly string[]): string {
  const list = years.length <= 1 ? (years[0] ?? '') : `${years.slice(0, -1).join(', ')} or ${years.at(-1)!}`;
  return `No self-assessment was closed for ${list}`;
}
