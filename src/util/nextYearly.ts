/** A day that comes once a year (`dateIn` gives it for a year): this year's, or next year's once it has passed (`today` an ISO date). */
export function nextYearly(today: string, dateIn: (year: number) => string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = dateIn(year);
  return today <= thisYear ? thisYear : dateIn(year + 1);
}
