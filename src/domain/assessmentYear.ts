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

/**
 * Which year a new self-assessment response is for. A year the officer names
 * must be this year or last year (a round that straddles 31 March); otherwise
 * last year's assessment while it is still open (officers who respond in
 * April join the round that began in March), or else this year.
 */
export function yearForResponse(today: string, openYears: readonly string[], named?: string): { year: string; stillOpen: boolean } | { refused: string } {
  const current = assessmentYearOf(today);
  const last = yearBefore(current);
  if (named) {
    if (named === current || named === last) return { year: named, stillOpen: named === last };
    return { refused: `You can respond to this year's self-assessment (${current}), or last year's (${last}) until it is closed, but not to ${named}.` };
  }
  return openYears.includes(last) ? { year: last, stillOpen: true } : { year: current, stillOpen: false };
}

/**
 * Which year "close the self-assessment" acts on: the year the officer names;
 * else the one year still open, whichever year that is (responses given on 31
 * March are closed in April as that year); else this year. With more than one
 * year open the officer chooses.
 */
export function yearToClose(today: string, openYears: readonly string[], named?: string): { year: string } | { choose: string[] } {
  if (named) return { year: named };
  if (openYears.length > 1) return { choose: [...openYears].sort() };
  return { year: openYears[0] ?? assessmentYearOf(today) };
}
