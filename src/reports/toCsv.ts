/** A CSV cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | undefined;

/**
 * Excel reads a file without a byte order mark as the local code page, so "£"
 * and accented names would come out garbled; the BOM makes it read UTF-8.
 */
export const UTF8_BOM = '\uFEFF';

/** Characters that make a spreadsheet treat a cell as a formula (or as a DDE command). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell, RFC 4180 quoted. Text that a spreadsheet would run as a formula is
 * prefixed with an apostrophe, so a partnership named "=HYPERLINK(...)" is shown
 * as typed and never executed when the SPO opens the file. Numbers stay numbers
 * so they can be summed.
 */
export function csvCell(value: CsvCell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A whole file: header row first, CRLF line ends (RFC 4180), with the UTF-8 BOM. Pure. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
