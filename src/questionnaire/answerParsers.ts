import * as chrono from 'chrono-node';
import { normaliseText } from '../conversation/normaliseText.js';
import { formatGbp, formatUkDate } from '../util/ukFormat.js';
import type { AnswerValue, ListColumn, ListQuestion, ListRow, Option, Question } from './bankSchema.js';
import { alternativeInputId, inputId, listInputId } from './inputIds.js';
import type { ParseResult } from './parseResult.js';

/**
 * Turning what an officer typed, or sent from a card, into a stored answer.
 * Card data is untrusted: any field may be missing, of the wrong type or huge.
 */

const BLANK: ParseResult = { kind: 'blank' };
const answer = (value: AnswerValue): ParseResult => ({ kind: 'answer', value });
const invalid = (message: string): ParseResult => ({ kind: 'invalid', message });
/** Longest raw input looked at; anything longer is refused before any parsing work. */
const MAX_RAW_LENGTH = 20_000;

export function parseTypedAnswer(question: Question, text: string, today: Date): ParseResult {
  const raw = typeof text === 'string' ? text : '';
  if (raw.trim() === '') return BLANK;
  switch (question.type) {
    case 'yesNoUnsure':
      return parseYesNoUnsure(raw);
    case 'text':
      return parseText(raw, question.minLength, question.maxLength);
    case 'choice':
      return parseChoice(raw, question.options, true);
    case 'multiChoice':
      return parseMultiChoice(splitList(raw), question.options, question.exclusiveOption, true);
    case 'number':
    case 'money':
      return parseNumber(raw, question);
    case 'date':
      return parseDate(raw, question, today, true);
    case 'list':
      return parseListRows(typedRows(raw, question), question, today);
  }
}

export function parseCardAnswer(question: Question, inputs: Record<string, unknown>, today: Date): ParseResult {
  const raw = cardString(inputs, inputId(question.id));
  if (raw === UNREADABLE) return invalid(UNREADABLE_MESSAGE);
  switch (question.type) {
    case 'yesNoUnsure':
      if (raw === undefined || raw.trim() === '') return BLANK;
      return ['yes', 'no', 'unsure'].includes(raw) ? answer(raw) : invalid('Please answer yes, no or not sure.');
    case 'text':
      if (raw === undefined || raw.trim() === '') return BLANK;
      return parseText(raw, question.minLength, question.maxLength);
    case 'choice':
      if (raw === undefined || raw.trim() === '') return BLANK;
      return parseChoice(raw, question.options, false);
    case 'multiChoice':
      if (raw === undefined || raw.trim() === '') return BLANK;
      return parseMultiChoice(raw.split(','), question.options, question.exclusiveOption, false);
    case 'number':
    case 'money':
      if (raw === undefined || raw.trim() === '') return BLANK;
      return parseNumber(raw, question);
    case 'date': {
      if (question.alternative && cardString(inputs, alternativeInputId(question.id)) === 'true') return answer(question.alternative.value);
      if (raw === undefined || raw.trim() === '') return BLANK;
      return parseDate(raw, question, today, false);
    }
    case 'list': {
      const rows: Array<Record<string, string>> = [];
      for (let row = 0; row < question.maxRows; row++) {
        const cells: Record<string, string> = {};
        for (const column of question.columns) {
          const cell = cardString(inputs, listInputId(question.id, row, column.id));
          if (cell === UNREADABLE) return invalid(UNREADABLE_MESSAGE);
          if (cell !== undefined && cell.trim() !== '') cells[column.id] = cell;
        }
        rows.push(cells);
      }
      if (hasMoreRowsThan(inputs, question)) return invalid(`You can list up to ${question.maxRows} ${plural(question.itemName)}.`);
      return parseListRows(rows, question, today);
    }
  }
}

/** A card value as a string, or undefined when missing or not a plain scalar. */
function cardString(inputs: Record<string, unknown>, key: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(inputs, key)) return undefined;
  const value = inputs[key];
  if (typeof value === 'string') return value.length > MAX_RAW_LENGTH ? value.slice(0, MAX_RAW_LENGTH + 1) : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return value === undefined || value === null ? undefined : UNREADABLE;
}

/** Stands for a card value of the wrong shape (an object or array where text belongs). */
const UNREADABLE = '\u0000unreadable';
const UNREADABLE_MESSAGE = "I couldn't read that answer from the card. Please try again, or type your answer.";

// ---- yes / no / not sure ----

const YES = ['yes', 'y', 'yeah', 'yep', 'yes please', 'correct', 'true', 'it is', 'we have', 'they have', 'yes it is', 'yes we have', 'agreed', 'definitely', 'absolutely'];
const NO = ['no', 'n', 'nope', 'not yet', 'false', "we haven't", 'we have not', 'no it is not', "it isn't", 'no not yet', 'none', 'never'];
const UNSURE = ['unsure', 'not sure', "don't know", 'dont know', 'do not know', 'dunno', 'maybe', 'unknown', 'possibly', 'n/k', 'nk', 'not known', 'perhaps', 'partly', 'partially', "i don't know", 'i dont know', 'not certain'];

function parseYesNoUnsure(raw: string): ParseResult {
  const text = normaliseText(raw);
  if (YES.includes(text)) return answer('yes');
  if (NO.includes(text)) return answer('no');
  if (UNSURE.includes(text)) return answer('unsure');
  return invalid('Please answer yes, no or not sure.');
}

// ---- free text ----

function parseText(raw: string, minLength: number, maxLength: number): ParseResult {
  // Control characters other than tab and newline have no place in an answer.
  const cleaned = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (cleaned === '') return BLANK;
  if (cleaned.length > maxLength) {
    return invalid(`That answer is ${cleaned.length.toLocaleString('en-GB')} characters long; the limit here is ${maxLength.toLocaleString('en-GB')}. Please shorten it.`);
  }
  if (cleaned.length < minLength) return invalid(`Please give a little more detail: at least ${minLength.toLocaleString('en-GB')} characters.`);
  return answer(cleaned);
}

// ---- choices ----

function optionList(options: Option[]): string {
  return options.map((o) => o.label).join(', ');
}

function matchOption(raw: string, options: Option[], lenient: boolean): Option | 'ambiguous' | undefined {
  const text = normaliseText(raw).replace(/^(the|an?)\s+/, '');
  if (!lenient) return options.find((o) => o.value === raw.trim());
  const exact = options.find(
    (o) => normaliseText(o.value) === text || normaliseText(o.label) === text || (o.synonyms ?? []).some((s) => normaliseText(s) === text),
  );
  if (exact) return exact;
  if (/^\d+$/.test(text)) return options[Number(text) - 1];
  if (text.length < 3) return undefined;
  const partial = options.filter((o) => normaliseText(o.label).startsWith(text) || normaliseText(o.label).includes(text) || normaliseText(o.value).replace(/-/g, ' ') === text);
  if (partial.length === 1) return partial[0];
  return partial.length > 1 ? 'ambiguous' : undefined;
}

function parseChoice(raw: string, options: Option[], lenient: boolean): ParseResult {
  const match = matchOption(raw, options, lenient);
  if (!match || match === 'ambiguous') return invalid(`Please choose one of: ${optionList(options)}.`);
  return answer(match.value);
}

function splitList(raw: string): string[] {
  return raw.split(/,|;|\n|\band\b|&/i);
}

function parseMultiChoice(parts: string[], options: Option[], exclusive: string | undefined, lenient: boolean): ParseResult {
  const chosen = new Set<string>();
  for (const part of parts) {
    if (part.trim() === '') continue;
    const match = matchOption(part, options, lenient);
    if (!match || match === 'ambiguous') {
      return invalid(`I couldn't match "${part.trim().slice(0, 60)}". Please choose from: ${optionList(options)}.`);
    }
    chosen.add(match.value);
  }
  if (chosen.size === 0) return BLANK;
  if (exclusive && chosen.has(exclusive) && chosen.size > 1) {
    const label = options.find((o) => o.value === exclusive)?.label ?? exclusive;
    return invalid(`You chose "${label}" together with other options; please choose either ${label} or the others.`);
  }
  return answer(options.filter((o) => chosen.has(o.value)).map((o) => o.value));
}

// ---- numbers and money ----

const ZERO_WORDS = ['nil', 'none', 'nothing', 'zero', 'no money', 'nought'];

function parseNumber(raw: string, question: Extract<Question, { type: 'number' | 'money' }>): ParseResult {
  const isMoney = question.type === 'money';
  const guidance = isMoney
    ? 'Please give an amount in pounds, for example £12,500 or 12.5k.'
    : `Please give a number, for example 12 or 12.5${question.unit ? ` (${question.unit})` : ''}.`;
  const value = readAmount(raw, isMoney);
  if (value === undefined) return invalid(guidance);
  const shown = (n: number) => (isMoney ? formatGbp(n) : n.toLocaleString('en-GB'));
  if (question.min !== undefined && value < question.min) {
    return invalid(question.min === 0 ? (isMoney ? "The amount can't be negative." : "The number can't be negative.") : `The smallest allowed is ${shown(question.min)}.`);
  }
  if (question.max !== undefined && value > question.max) return invalid(`The largest allowed is ${shown(question.max)}.`);
  if (question.integer && !Number.isInteger(value)) return invalid('Please give a whole number.');
  return answer(isMoney ? Math.round(value * 100) / 100 : value);
}

function readAmount(raw: string, isMoney: boolean): number | undefined {
  const text = normaliseText(raw);
  if (isMoney && ZERO_WORDS.includes(text)) return 0;
  const match = /^(-)?\s*(£)?\s*(-)?\s*(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*(k|m|bn|thousand|million|billion)?\s*(pounds?|gbp)?$/.exec(text);
  if (!match || (match[4] === undefined && match[5] === undefined)) return undefined;
  const [, sign1, pound, sign2, whole, fraction, multiplier, poundsWord] = match;
  if (!isMoney && (pound || poundsWord)) return undefined;
  if (!isMoney && multiplier && !['thousand', 'million', 'k', 'm'].includes(multiplier)) return undefined;
  const base = Number(`${(whole ?? '0').replace(/,/g, '')}${fraction ?? ''}`);
  const factor = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, bn: 1e9, billion: 1e9 }[multiplier ?? ''] ?? 1;
  const value = base * factor * (sign1 || sign2 ? -1 : 1);
  return Number.isFinite(value) ? value : undefined;
}

// ---- dates ----

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function iso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

function realDateGuidance(shown: string): string {
  return `${shown} isn't a real date. Please use day/month/year, for example 14/03/2027.`;
}

const DATE_GUIDANCE = 'Please give a date as day/month/year, for example 14/03/2027, or in words such as "next April".';

function parseDate(raw: string, question: Extract<Question, { type: 'date' }>, today: Date, lenient: boolean): ParseResult {
  const text = normaliseText(raw);
  const alternative = question.alternative;
  if (alternative && lenient) {
    const words = [alternative.value, alternative.label, ...(alternative.synonyms ?? [])].map((w) => normaliseText(w).replace(/-/g, ' '));
    if (words.includes(text.replace(/-/g, ' '))) return answer(alternative.value);
  }
  const result = lenient ? readTypedDate(text, raw.trim(), today) : readIsoDate(raw.trim());
  if (result.kind !== 'answer') return result;
  return withinLimits(result.value as string, question, today);
}

function readIsoDate(text: string): ParseResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return invalid(DATE_GUIDANCE);
  const value = iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return value ? answer(value) : invalid(realDateGuidance(text));
}

function readTypedDate(text: string, shown: string, today: Date): ParseResult {
  const numeric = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$/.exec(text);
  if (numeric) {
    const year = numeric[3]!.length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
    const value = iso(year, Number(numeric[2]), Number(numeric[1]));
    return value ? answer(value) : invalid(realDateGuidance(shown));
  }
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(text)) {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const value = iso(y, m, d);
    return value ? answer(value) : invalid(realDateGuidance(shown));
  }
  const monthYear = /^([a-z]+)\s+(\d{4})$/.exec(text);
  if (monthYear) {
    const month = MONTHS.findIndex((m) => m.startsWith(monthYear[1]!) && monthYear[1]!.length >= 3);
    if (month >= 0) return answer(iso(Number(monthYear[2]), month + 1, 1)!);
  }
  const dayMonthYear = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\s+(\d{4})$/.exec(text);
  if (dayMonthYear) {
    const month = MONTHS.findIndex((m) => m.startsWith(dayMonthYear[2]!) && dayMonthYear[2]!.length >= 3);
    if (month >= 0) {
      const value = iso(Number(dayMonthYear[3]), month + 1, Number(dayMonthYear[1]));
      return value ? answer(value) : invalid(realDateGuidance(shown));
    }
  }
  if (/\d/.test(text) && /^[\d\s/.\-]+$/.test(text)) return invalid(realDateGuidance(shown));
  const parsed = chrono.en.GB.parseDate(text, today, { forwardDate: true });
  if (!parsed) return invalid(DATE_GUIDANCE);
  return answer(iso(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate())!);
}

function resolveLimit(limit: string | undefined, today: Date): string | undefined {
  if (!limit) return undefined;
  return limit === 'today' ? today.toISOString().slice(0, 10) : limit;
}

function withinLimits(value: string, question: Extract<Question, { type: 'date' }>, today: Date): ParseResult {
  const notBefore = resolveLimit(question.notBefore, today);
  const notAfter = resolveLimit(question.notAfter, today);
  if (notBefore && value < notBefore) return invalid(`The date can't be before ${formatUkDate(notBefore)}.`);
  if (notAfter && value > notAfter) return invalid(`The date can't be after ${formatUkDate(notAfter)}.`);
  return answer(value);
}

// ---- lists (repeating rows) ----

function plural(word: string): string {
  return word.endsWith('s') ? word : `${word}s`;
}

function typedRows(raw: string, question: ListQuestion): Array<Record<string, string>> {
  return raw
    .split(/\n|;/)
    .map((line) => line.split(','))
    .map((cells) => {
      const row: Record<string, string> = {};
      question.columns.forEach((column, i) => {
        const cell = cells[i]?.trim();
        if (cell) row[column.id] = cell;
      });
      // Extra commas belong to the last column (e.g. an address).
      if (cells.length > question.columns.length) {
        const last = question.columns[question.columns.length - 1]!;
        row[last.id] = cells.slice(question.columns.length - 1).join(',').trim();
      }
      return row;
    });
}

function hasMoreRowsThan(inputs: Record<string, unknown>, question: ListQuestion): boolean {
  const prefix = `${inputId(question.id)}:`;
  return Object.keys(inputs).some((key) => {
    if (!key.startsWith(prefix)) return false;
    const row = Number(key.slice(prefix.length).split(':')[0]);
    const value = inputs[key];
    return Number.isInteger(row) && row >= question.maxRows && typeof value === 'string' && value.trim() !== '';
  });
}

function parseListRows(rows: Array<Record<string, string>>, question: ListQuestion, today: Date): ParseResult {
  const filled = rows.filter((row) => Object.values(row).some((v) => v.trim() !== ''));
  if (filled.length === 0) return BLANK;
  if (filled.length > question.maxRows) return invalid(`You can list up to ${question.maxRows} ${plural(question.itemName)}.`);
  if (filled.length < question.minRows) return invalid(`Please list at least ${question.minRows} ${plural(question.itemName)}.`);
  const parsed: ListRow[] = [];
  for (const [index, row] of filled.entries()) {
    const out: ListRow = {};
    const name = row[question.columns[0]!.id];
    const rowLabel = `Row ${index + 1}${name ? ` (${name.slice(0, 40)})` : ''}`;
    for (const column of question.columns) {
      const cell = row[column.id];
      if (cell === undefined || cell.trim() === '') {
        if (column.required) return invalid(`${rowLabel} needs a ${column.label}.`);
        continue;
      }
      const result = parseCell(cell, column, today);
      if (result.kind === 'invalid') return invalid(`${rowLabel}, ${column.label}: ${result.message}`);
      if (result.kind === 'answer') out[column.id] = result.value as string | number;
    }
    parsed.push(out);
  }
  return answer(parsed);
}

function parseCell(cell: string, column: ListColumn, today: Date): ParseResult {
  switch (column.type) {
    case 'text':
      return parseText(cell, 0, column.maxLength);
    case 'choice':
      return parseChoice(cell, column.options ?? [], true);
    case 'number':
    case 'money': {
      const value = readAmount(cell, column.type === 'money');
      return value === undefined ? invalid(column.type === 'money' ? 'Please give an amount in pounds, for example £12,500.' : 'Please give a number.') : answer(value);
    }
    case 'date':
      return readTypedDate(normaliseText(cell), cell.trim(), today);
  }
}
