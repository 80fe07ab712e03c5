/** UK English presentation of dates and money, used by every user-facing text. */

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const wholePounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const poundsAndPence = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 14 March 2027. Accepts a Date or an ISO date (yyyy-mm-dd) string. */
export function formatUkDate(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
  return dateFormat.format(date);
}

/** £12,500 or £12,500.50 */
export function formatGbp(amount: number): string {
  return Number.isInteger(amount) ? wholePounds.format(amount) : poundsAndPence.format(amount);
}
