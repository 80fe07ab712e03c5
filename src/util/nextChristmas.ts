import { nextYearly } from './nextYearly.js';

/** 25 December of this year, or of next year once this year's has passed (`today` an ISO date). */
export function nextChristmas(today: string): string {
  return nextYearly(today, (year) => `${year}-12-25`);
}
