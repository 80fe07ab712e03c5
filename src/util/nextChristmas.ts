/** 25 December of this year, or of next year once this year's has passed (`today` an ISO date). */
export function nextChristmas(today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-12-25`;
  return today <= thisYear ? thisYear : `${year + 1}-12-25`;
}
