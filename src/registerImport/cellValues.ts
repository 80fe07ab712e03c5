import { simpleWords } from '../config/referenceData.js';
import { isRealDay } from '../validation/cardFields.js';

/**
 * One cell of an imported register as the file holds it: text (CSV, and most
 * Excel cells), a number, a date (an Excel date cell) or a yes/no (an Excel
 * boolean). Readers below turn cells into register values or say why not.
 */
export type CellValue = string | number | boolean | Date | undefined;

export type Read<T> = { kind: 'value'; value: T } | { kind: 'blank' } | { kind: 'problem'; why: string; accepted: string };

export const blank = { kind: 'blank' } as const;
export const valueOf = <T>(value: T): Read<T> => ({ kind: 'value', value });
export const problem = (why: string, accepted: string): Read<never> => ({ kind: 'problem', why, accepted });

/** What a cell shows, trimmed; the export's apostrophe before formula-like text (see toCsv) is taken off again. */
export function cellText(cell: CellValue): string {
  if (cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  const text = String(cell).replace(/\r\n?/g, '\n').trim();
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

export function readText(cell: CellValue, maxLength: number): Read<string> {
  const text = cellText(cell);
  if (!text) return blank;
  if (text.length > maxLength) return problem(`it is ${text.length} characters long`, `at most ${maxLength} characters`);
  return valueOf(text);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DATE_ACCEPTED = 'a real date, written 14/03/2027, 14 March 2027 or 2027-03-14';

/**
 * A date as officers write it in a register: 14/03/2027 (always day first),
 * 14 March 2027, 14 Mar 2027, 2027-03-14, or an Excel date cell. ISO yyyy-mm-dd out.
 */
export function readDate(cell: CellValue): Read<string> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return problem('it is not a date', DATE_ACCEPTED);
    // Excel date cells arrive as midnight UTC of the day shown.
    return checkedDay(cell.toISOString().slice(0, 10), cellText(cell));
  }
  if (typeof cell === 'number') {
    // An Excel serial day number (days since 30 December 1899), as a cell formatted as a number shows it.
    if (!Number.isInteger(cell) || cell < 36_526 || cell > 73_051) return problem('it is a number, not a date', DATE_ACCEPTED);
    return checkedDay(new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10), String(cell));
  }
  const text = cellText(cell).toLowerCase().replace(/(\d)(st|nd|rd|th)\b/g, '$1').replace(/,/g, ' ').replace(/\s+/g, ' ');
  if (!text) return blank;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return checkedDay(iso(Number(match[1]), Number(match[2]), Number(match[3])), text);
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (match) {
    const year = match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    return checkedDay(iso(year, Number(match[2]), Number(match[1])), text);
  }
  match = /^(\d{1,2}) ([a-z]+)\.? (\d{4})$/.exec(text);
  if (match) {
    const month = MONTHS.findIndex((m) => m === match![2] || (match![2]!.length >= 3 && m.startsWith(match![2]!)));
    if (month >= 0) return checkedDay(iso(Number(match[3]), month + 1, Number(match[1])), text);
  }
  return problem('it is not a date I can read', DATE_ACCEPTED);
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function checkedDay(isoDay: string, shown: string): Read<string> {
  if (!isRealDay(isoDay)) return problem(`there is no such day as ${shown}`, `${DATE_ACCEPTED}, between 2000 and 2100`);
  return valueOf(isoDay);
}

/** Pounds: 12500, £12,500, 12,500.50, 12.5k. Never negative. */
export function readMoney(cell: CellValue): Read<number> {
  const accepted = 'an amount in pounds, for example 12500, £12,500 or 12.5k';
  if (typeof cell === 'number') return cell >= 0 && Number.isFinite(cell) ? valueOf(Math.round(cell * 100) / 100) : problem('it is below zero', accepted);
  const text = cellText(cell).toLowerCase().replace(/[£,\s]/g, '').replace(/^gbp/, '');
  if (!text) return blank;
  const match = /^(\d+(?:\.\d{1,2})?|\d*\.\d+)(k|m)?$/.exec(text);
  if (!match) return problem('it is not an amount of money', accepted);
  const amount = Number(match[1]) * (match[2] === 'k' ? 1000 : match[2] === 'm' ? 1_000_000 : 1);
  if (amount > 1_000_000_000) return problem('it is more than £1,000,000,000', accepted);
  return valueOf(Math.round(amount * 100) / 100);
}

/** A count of hours or similar: 0 or more, at most `max`. */
export function readNumber(cell: CellValue, max: number, unit: string): Read<number> {
  const accepted = `a number of ${unit} from 0 to ${max}`;
  const value = typeof cell === 'number' ? cell : Number(cellText(cell).replace(/,/g, ''));
  if (cellText(cell) === '') return blank;
  if (!Number.isFinite(value)) return problem('it is not a number', accepted);
  if (value < 0 || value > max) return problem(`${value} is out of range`, accepted);
  return valueOf(Math.round(value * 10) / 10);
}

export function readYesNo(cell: CellValue): Read<boolean> {
  if (typeof cell === 'boolean') return valueOf(cell);
  const text = cellText(cell).toLowerCase();
  if (!text) return blank;
  if (['yes', 'y', 'true', '1'].includes(text)) return valueOf(true);
  if (['no', 'n', 'false', '0'].includes(text)) return valueOf(false);
  return problem('it is neither yes nor no', 'Yes or No');
}

/** One of a list of labelled values, by label or value, forgiving case and punctuation. */
export function readChoice<T extends string>(cell: CellValue, options: ReadonlyArray<{ value: T; label: string }>): Read<T> {
  const text = simpleWords(cellText(cell));
  if (!text) return blank;
  const found = options.find((o) => simpleWords(o.label) === text || simpleWords(o.value) === text);
  return found ? valueOf(found.value) : problem('it is not one of the allowed values', options.map((o) => o.label).join(', '));
}

/** Items separated by semicolons (or line breaks), blanks dropped. */
export function splitList(cell: CellValue): string[] {
  return cellText(cell)
    .split(/[;\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}
