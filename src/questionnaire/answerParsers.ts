// British English alone: the package's index loads every locale (266 modules against 51, about 50 ms of start-up).
import * as chronoEn from 'chrono-node/en';
import { normaliseText } from '../conversation/normaliseText.js';
import { nextChristmas } from '../util/nextChristmas.js';
import { nextEaster } from '../util/nextEaster.js';
import { formatGbp, formatUkDate } from '../util/ukFormat.js';
import type { AnswerValue, ListColumn, ListQuestion, ListRow, Option, Question } from './bankSchema.js';
import { alternativeInputId, inputId, listInputId } from './inputIds.js';
import type { ParseResult } from './parseResult.js';

/**
 * Turning what an officer typed, or sent from a card, into a stored answer.
 * Pure functions: no bot SDK, no clock of their own (`today` is passed in), never throw.
 * Card data is untrusted: any field may be missing, of the wrong type or huge.
 */

type NumberQuestion = Extract<Question, { type: 'number' | 'money' }>;
type DateQuestion = Extract<Question, { type: 'date' }>;

const BLANK: ParseResult = { kind: 'blank' };
const answer = (value: AnswerValue): ParseResult => ({ kind: 'answer', value });
const invalid = (message: string): ParseResult => ({ kind: 'invalid', message });
/** An answer of the right kind that the question cannot take: the officer is told why, never sent elsewhere. */
const refusedAnswer = (message: string): ParseResult => ({ kind: 'invalid', message, answerLike: true });

/** Longest input read as a number, date or choice; a real one is never near this. */
const MAX_SHORT_INPUT = 200;
const UNEXPECTED_MESSAGE = "Sorry, I couldn't read that answer. Please try again, or type it in a different way.";
const WRONG_SHAPE_MESSAGE = "I couldn't read that answer from the card. Please try again, or type your answer.";

// ---- entry points ----

/**
 * An officer typed `text` in chat in reply to `question`. `current` is the answer already held
 * (prefilled by the bot, or given earlier): "yes" or "that's right" keeps it, and numbered list
 * rows ("2 partly, only in Rayleigh") update those rows of it instead of retyping the list.
 */
export function parseTypedAnswer(question: Question, text: string, today: Date, current?: AnswerValue): ParseResult {
  try {
    const raw = typeof text === 'string' ? text : '';
    if (raw.trim() === '') return BLANK;
    if (current !== undefined && question.type !== 'yesNoUnsure' && isConfirmation(raw)) return answer(current);
    switch (question.type) {
      case 'yesNoUnsure':
        return parseYesNoUnsure(raw);
      case 'text':
        return parseText(raw, question.minLength, question.maxLength);
      case 'choice':
        return parseChoice(raw, question.options, true);
      case 'multiChoice':
        return parseMultiChoice(splitTypedChoices(raw, question.options), question.options, question.exclusiveOption, true);
      case 'number':
      case 'money':
        return parseNumber(raw, question);
      case 'date':
        return parseDate(raw, question, today, true);
      case 'list': {
        if (NOTHING_TO_LIST.includes(comparable(raw).replace(/[.!]$/, ''))) return BLANK;
        const held = Array.isArray(current) && current.length > 0 && typeof current[0] === 'object' ? (current as ListRow[]) : [];
        return parseListRows(updatedRows(raw, question, held) ?? typedRows(raw, question), question, today);
      }
    }
  } catch {
    return invalid(UNEXPECTED_MESSAGE);
  }
}

/** Words that accept what the bot already holds; only offered when there is an answer to keep. */
const CONFIRMATIONS = [
  'yes', 'y', 'yep', 'yeah', 'ok', 'okay', 'correct', 'right', 'that is right', "that's right", 'thats right', 'that is correct', "that's correct",
  'looks right', 'looks good', 'confirmed', 'confirm', 'fine', 'yes that is right', "yes that's right", 'yes correct', 'agreed', 'keep', 'keep it', 'no change', 'no changes',
];

function isConfirmation(raw: string): boolean {
  if (raw.length > MAX_SHORT_INPUT) return false;
  const text = normaliseText(raw).replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return CONFIRMATIONS.includes(text);
}

/** A list answer typed as "nothing": treated as no answer, so an optional list is skipped. */
const NOTHING_TO_LIST = ['none', 'no', 'nothing', 'n/a', 'na', 'not applicable', 'nil', 'there are none', 'there is nothing'];

/** An Adaptive Card Action.Submit arrived; `inputs` is the raw, untrusted activity.value. */
export function parseCardAnswer(question: Question, inputs: Record<string, unknown>, today: Date): ParseResult {
  try {
    const values: Record<string, unknown> = isPlainObject(inputs) ? inputs : {};
    if (question.type === 'list') return parseCardList(question, values, today);
    if (question.type === 'date' && question.alternative && cardValue(values, alternativeInputId(question.id)) === 'true') {
      return answer(question.alternative.value);
    }
    const raw = cardValue(values, inputId(question.id));
    if (raw === WRONG_SHAPE) return invalid(WRONG_SHAPE_MESSAGE);
    if (raw === undefined || raw.trim() === '') return BLANK;
    switch (question.type) {
      case 'yesNoUnsure':
        return ['yes', 'no', 'unsure'].includes(raw.trim()) ? answer(raw.trim()) : invalid(YES_NO_MESSAGE);
      case 'text':
        return parseText(raw, question.minLength, question.maxLength);
      case 'choice':
        return parseChoice(raw, question.options, false);
      case 'multiChoice':
        return parseMultiChoice(raw.split(','), question.options, question.exclusiveOption, false);
      case 'number':
      case 'money':
        return parseNumber(raw, question);
      case 'date':
        return parseDate(raw, question, today, false);
    }
  } catch {
    return invalid(UNEXPECTED_MESSAGE);
  }
}

// ---- reading card values ----

/** Stands for a card value of the wrong shape: an object or array where text belongs. */
const WRONG_SHAPE: unique symbol = Symbol('wrong shape');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A card value as text; undefined when missing or null; WRONG_SHAPE for objects, arrays and non-finite numbers. */
function cardValue(inputs: Record<string, unknown>, key: string): string | undefined | typeof WRONG_SHAPE {
  if (!Object.prototype.hasOwnProperty.call(inputs, key)) return undefined;
  const value = inputs[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : WRONG_SHAPE;
  if (typeof value === 'boolean') return String(value);
  return WRONG_SHAPE;
}

// ---- yes / no / not sure ----

const YES_NO_MESSAGE = 'Please answer yes, no or not sure.';
const YES = [
  'yes', 'y', 'yeah', 'yep', 'yes please', 'correct', 'true', 'it is', 'we have', 'they have', 'yes it is', 'yes we have', 'agreed', 'definitely', 'absolutely',
  'yes definitely', 'definitely yes', 'of course', 'sure', 'certainly', 'we do', 'they do', 'it does', 'it has', 'yes we do', 'yes they do', 'i believe so', 'probably', 'probably yes',
];
const NO = [
  'no', 'n', 'nope', 'not yet', 'false', "we haven't", 'we havent', 'we have not', "it isn't", 'it is not', 'no not yet', 'none', 'never',
  'nah', 'no way', 'definitely not', 'certainly not', 'of course not', 'probably not', "we don't", 'we dont', 'we do not', "they don't", 'they dont', 'they do not',
  "they haven't", 'they havent', 'they have not', "it doesn't", 'it does not', "it hasn't", 'it has not', 'no we do not', "no we don't", "no they haven't",
];
const UNSURE = [
  'unsure', 'not sure', "don't know", 'dont know', 'do not know', "i don't know", 'i dont know', 'dunno', 'maybe', 'unknown',
  'possibly', 'n/k', 'nk', 'not known', 'perhaps', 'not certain', 'partly', 'partially',
  // "no idea" is not a no; "yes and no" is neither.
  'no idea', 'not a clue', 'no clue', 'yes and no', 'sort of', 'kind of', 'in part', 'to some extent', 'somewhat', 'tbc', 'to be confirmed',
  'need to check', 'i need to check', 'not sure yet', "don't know yet", 'not known yet',
];

function parseYesNoUnsure(raw: string): ParseResult {
  if (raw.length > MAX_SHORT_INPUT) return invalid(YES_NO_MESSAGE);
  // Inner punctuation goes too, so "No, not yet" reads as "no not yet"; the slash stays for "n/k".
  const text = normaliseText(raw).replace(/[^\p{L}\p{N}'/ ]+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (YES.includes(text)) return answer('yes');
  if (NO.includes(text)) return answer('no');
  if (UNSURE.includes(text)) return answer('unsure');
  return invalid(YES_NO_MESSAGE);
}

// ---- free text ----

const count = (n: number): string => n.toLocaleString('en-GB');

function parseText(raw: string, minLength: number, maxLength: number): ParseResult {
  // Control characters other than tab and newline have no place in an answer.
  const cleaned = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .trim();
  if (cleaned === '') return BLANK;
  if (cleaned.length > maxLength) {
    return invalid(`That answer is ${count(cleaned.length)} characters long; the limit here is ${count(maxLength)}. Please shorten it.`);
  }
  if (cleaned.length < minLength) {
    return invalid(`That answer is ${count(cleaned.length)} characters long; please give a little more detail (at least ${count(minLength)} characters).`);
  }
  return answer(cleaned);
}

// ---- choices ----

function chooseOneOf(options: Option[]): string {
  return `Please choose one of: ${options.map((o) => o.label).join(', ')}.`;
}

/** Lower case, hyphens as spaces, no leading "the"/"a": how typed words and labels are compared. */
function comparable(text: string): string {
  return normaliseText(text)
    .replace(/[-_]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^(the|an?) /, '')
    .trim();
}

function namesOf(option: Option): string[] {
  return [option.value, option.label, ...(option.synonyms ?? [])].map(comparable);
}

/**
 * The option an officer meant. Typed text matches a value, label or synonym, a 1-based number,
 * or failing those a single option whose label starts with, or contains, the typed words.
 * Card text must be exactly an option value.
 */
function matchOption(raw: string, options: Option[], lenient: boolean): Option | 'ambiguous' | undefined {
  if (!lenient) return options.find((o) => o.value === raw.trim());
  if (raw.length > MAX_SHORT_INPUT) return undefined;
  const text = comparable(raw);
  if (text === '') return undefined;
  const exact = options.filter((o) => namesOf(o).includes(text));
  if (exact.length > 0) return exact.length === 1 ? exact[0] : 'ambiguous';
  // A number picks the option in that position, unless the options are numbers themselves (a 0-3 rating): then "4" is simply not one of them.
  if (/^\d+$/.test(text)) return options.some((o) => /^\d+$/.test(o.value)) ? undefined : options[Number(text) - 1];
  if (text.length < 2) return undefined;
  const typedWords = text.split(' ');
  const partial = options.filter((o) =>
    namesOf(o).some((name) => {
      const words = name.split(' ');
      return name.startsWith(text) || typedWords.every((typed) => words.some((word) => word.startsWith(typed)));
    }),
  );
  if (partial.length === 1) return partial[0];
  return partial.length > 1 ? 'ambiguous' : undefined;
}

function parseChoice(raw: string, options: Option[], lenient: boolean): ParseResult {
  const match = matchOption(raw, options, lenient);
  if (!match || match === 'ambiguous') return invalid(chooseOneOf(options));
  return answer(match.value);
}

const ALL_WORDS = ['all', 'all of them', 'all of the above', 'everything'];

/** Typed choices split on commas, semicolons, new lines and "and"/"&", unless a whole part is itself an option ("Health and wellbeing"). */
function splitTypedChoices(raw: string, options: Option[]): string[] {
  const names = new Set(options.flatMap(namesOf));
  return raw
    .split(/[,;\n]/)
    .flatMap((part) => (names.has(comparable(part)) ? [part] : part.split(/\s+and\s+|&/i)));
}

function parseMultiChoice(parts: string[], options: Option[], exclusive: string | undefined, lenient: boolean): ParseResult {
  const chosen = new Set<string>();
  for (const part of parts) {
    if (part.trim() === '') continue;
    if (lenient && ALL_WORDS.includes(comparable(part)) && !options.some((o) => namesOf(o).includes(comparable(part)))) {
      options.filter((o) => o.value !== exclusive).forEach((o) => chosen.add(o.value));
      continue;
    }
    const match = matchOption(part, options, lenient);
    if (!match || match === 'ambiguous') {
      const shown = part.trim().slice(0, 60);
      return invalid(`I couldn't match "${shown}" to an option. ${chooseOneOf(options).replace('one of', 'from')}`);
    }
    chosen.add(match.value);
  }
  if (chosen.size === 0) return BLANK;
  if (exclusive !== undefined && chosen.has(exclusive) && chosen.size > 1) {
    const label = options.find((o) => o.value === exclusive)?.label ?? exclusive;
    return invalid(`You chose "${label}" together with other options; please choose either ${label} or the others.`);
  }
  return answer(options.filter((o) => chosen.has(o.value)).map((o) => o.value));
}

// ---- numbers and money ----

const ZERO_WORDS = ['nil', 'none', 'nothing', 'zero', 'nought', 'no money', 'not any'];
const MULTIPLIERS: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };
const MONEY_GUIDANCE = 'Please give an amount in pounds, for example £12,500 or 12.5k.';

function numberGuidance(unit: string | undefined): string {
  return `Please give a number${unit ? ` of ${unit}` : ''}, for example 12 or 12.5.`;
}

function parseNumber(raw: string, question: NumberQuestion): ParseResult {
  const isMoney = question.type === 'money';
  const guidance = isMoney ? MONEY_GUIDANCE : numberGuidance(question.unit);
  if (raw.length > MAX_SHORT_INPUT) return invalid(guidance);
  const text = raw.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/[!]$/, '');
  if (NOT_KNOWN_YET.test(text.replace(/[.]$/, ''))) return refusedAnswer(`If you don't know the ${isMoney ? 'amount' : 'number'} yet, give your best estimate, or 0 if there is none.`);
  if (RANGE.test(text) || /^(?:less than|under|below|more than|over|above|at least|nearly|almost)\b/.test(text)) {
    return refusedAnswer(`Please give one ${isMoney ? 'amount' : 'number'} rather than a range or a limit: your best estimate is fine.`);
  }
  // The question's period ("a year", "hours a month") and the one typed, if any ("£2,000 a month").
  const wanted = splitPeriod(question.unit ?? '');
  const given = splitPeriod(text);
  const read = readAmount(given.rest, isMoney, wanted.rest || undefined);
  if (read === undefined) return invalid(guidance);
  if (Math.abs(read) > Number.MAX_SAFE_INTEGER) return invalid(`That is far too large to be right. ${guidance}`);
  const shown = (n: number): string => (isMoney ? formatGbp(n) : n.toLocaleString('en-GB'));
  if (given.period && given.period !== wanted.period) return refusedAnswer(periodMismatch(read, given.period, wanted, isMoney, shown));
  const value = isMoney ? roundToPence(read) : read;
  if (question.integer && !Number.isInteger(value)) return invalid('Please give a whole number.');
  if (question.min !== undefined && value < question.min) {
    if (question.min === 0) return invalid(isMoney ? "The amount can't be negative." : "The number can't be negative.");
    return invalid(`The smallest allowed is ${shown(question.min)}.`);
  }
  if (question.max !== undefined && value > question.max) return invalid(`The largest allowed is ${shown(question.max)}.`);
  return answer(value);
}

/**
 * Answers that say a figure or a date is not known yet. The question needs one, so the officer is asked
 * for an estimate (a yes/no question has "not sure" for these).
 */
const NOT_KNOWN_YET = /^(?:not sure(?: yet)?|unsure|(?:i )?(?:don'?t|do not) know(?: yet)?|no idea|not known(?: yet)?|unknown|tbc|tbd|to be (?:confirmed|decided|agreed)|not (?:decided|agreed|set|fixed)(?: yet)?|n\/?k)$/;
/** "5-10", "£5k to £10k", "3 or 4", "between 5 and 10k": a range, not one figure. */
const RANGE = /(?:\d\s*(?:k|m|thousand|million)?\s*(?:-|–|to|or)\s*£?\s*\d)|^between\b/;

type Period = 'year' | 'month' | 'week';
const PER_YEAR: Record<Period, number> = { year: 1, month: 12, week: 52 };
const PERIOD_AT_END =
  /^(.*?)\s*(?:(?:\b(?:a|an|per|each|every)\s+|\/\s*)(year|annum|yr|month|mth|week|wk)|\b(annually|yearly|monthly|weekly|pa|p\.a\.?|pcm|pw|p\.w\.?))\.?$/;
const PERIOD_OF: Record<string, Period> = {
  year: 'year', annum: 'year', yr: 'year', annually: 'year', yearly: 'year', pa: 'year', 'p.a': 'year', 'p.a.': 'year',
  month: 'month', mth: 'month', monthly: 'month', pcm: 'month', week: 'week', wk: 'week', weekly: 'week', pw: 'week', 'p.w': 'week', 'p.w.': 'week',
};

/** "£2,000 a month" → { rest: "£2,000", period: "month" }; "hours a month" → { rest: "hours", period: "month" }. */
function splitPeriod(text: string): { rest: string; period?: Period } {
  const match = PERIOD_AT_END.exec(text.trim().toLowerCase());
  const word = match?.[2] ?? match?.[3];
  const period = word ? PERIOD_OF[word] : undefined;
  return period ? { rest: match![1]!.trim(), period } : { rest: text.trim() };
}

/**
 * An amount given for another period than the question's: never converted silently (a monthly
 * figure taken as a yearly one would put a partnership under its significance threshold), but worked
 * out for the officer to confirm by typing it.
 */
function periodMismatch(read: number, given: Period, wanted: { rest: string; period?: Period }, isMoney: boolean, shown: (n: number) => string): string {
  const noun = isMoney ? 'amount' : 'number';
  const what = (n: number, period: Period): string => `${shown(n)}${wanted.rest ? ` ${wanted.rest}` : ''} a ${period}`;
  // The question names no period (the exit interview's lifetime total): the figure alone, as the question asks it.
  if (!wanted.period) return `Please give the ${noun}${isMoney ? ' in pounds' : ''} without "a ${given}", for example ${isMoney ? '£12,500' : '12'}, as the question asks for it.`;
  const exact = (read * PER_YEAR[given]) / PER_YEAR[wanted.period];
  const converted = isMoney ? Math.round(exact) : exact >= 10 ? Math.round(exact) : Math.round(exact * 10) / 10;
  const about = converted === exact ? '' : 'about ';
  return `${what(read, given)} is ${about}${what(converted, wanted.period)}. This question asks for ${wanted.rest || `the ${noun}`} a ${wanted.period}: type ${shown(converted)} if that's right.`;
}

function roundToPence(value: number): number {
  const rounded = Math.round((value + Number.EPSILON * Math.sign(value)) * 100) / 100;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/**
 * A plain amount: "12", "-3", "1,200", "12.5", "about 40"; for money also "£12,500.50", "12.5k",
 * "£1.2m", "2 million", "nil". A number may be followed by its unit ("12 hours").
 * Anything else (words, "1.2.3", "NaN", "1e400") is undefined.
 */
function readAmount(raw: string, isMoney: boolean, unit?: string): number | undefined {
  if (raw.length > MAX_SHORT_INPUT) return undefined;
  // Deliberately not normaliseText: that would strip the point from ".5".
  const text = raw.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/[.!]$/, '');
  if (ZERO_WORDS.includes(text)) return 0;
  const match = /^(?:(?:about|around|approx\.?|approximately|roughly|circa|c\.|~|up to|at most|no more than) ?)?([-+])? ?(£)? ?([-+])? ?(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)? ?(?:(k|m|bn|thousand|million|billion)(?![a-z]))?(?: ?(pounds?|gbp|[a-z][a-z ]*))?$/.exec(text);
  if (!match) return undefined;
  const [, sign1, pound, sign2, whole, fraction, multiplier, suffix] = match;
  if (whole === undefined && fraction === undefined) return undefined;
  if (sign1 && sign2) return undefined;
  if (suffix !== undefined && !suffixAllowed(suffix, isMoney, unit)) return undefined;
  // "12m" could be minutes or months when it is not money; only k, thousand and million scale a number.
  if (!isMoney && (pound || multiplier === 'm' || multiplier === 'bn' || multiplier === 'billion')) return undefined;
  const base = Number(`${(whole ?? '0').replace(/,/g, '')}${fraction ?? ''}`);
  const value = base * (MULTIPLIERS[multiplier ?? ''] ?? 1) * (sign1 === '-' || sign2 === '-' ? -1 : 1);
  return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : undefined;
}

/** "pounds" after money; after a number, the start of its unit ("hours" for "hours a month"). */
function suffixAllowed(suffix: string, isMoney: boolean, unit: string | undefined): boolean {
  if (isMoney) return suffix === 'pound' || suffix === 'pounds' || suffix === 'gbp';
  if (!unit) return false;
  const wanted = unit.toLowerCase().replace(/\s+/g, ' ').trim();
  const given = suffix.trim();
  return given.length >= 2 && (wanted.startsWith(given) || wanted.startsWith(`${given}s`));
}

// ---- dates ----

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Words that may sit around a natural-language date without changing it ("by the end of March"). */
const DATE_FILLER = new Set(['the', 'by', 'on', 'in', 'at', 'of', 'around', 'about', 'roughly', 'approximately', 'approx', 'circa', 'until', 'till', 'next', 'this']);
const DATE_GUIDANCE = 'Please use day/month/year, for example 14/03/2027, or words such as "end of March".';

function notRealDate(shown: string): ParseResult {
  return invalid(`${shown.slice(0, 40)} isn't a real date. Please use day/month/year, for example 14/03/2027.`);
}

function unreadableDate(): ParseResult {
  return invalid(`I couldn't read that as a date. ${DATE_GUIDANCE}`);
}

/** yyyy-mm-dd when the day exists (and the year is a plausible one), else undefined. */
function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Today's calendar date for the council, in Europe/London, as yyyy-mm-dd. */
function londonToday(today: Date): string {
  const when = Number.isNaN(today.getTime()) ? new Date() : today;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(when);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function addDays(isoValue: string, days: number): string {
  const date = new Date(`${isoValue}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function monthIndex(word: string): number {
  return word.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(word)) : -1;
}

function parseDate(raw: string, question: DateQuestion, today: Date, lenient: boolean): ParseResult {
  if (raw.length > MAX_SHORT_INPUT) return lenient ? unreadableDate() : invalid(DATE_GUIDANCE);
  const alternative = question.alternative;
  if (alternative && lenient && namesOf(alternative).includes(comparable(raw))) return answer(alternative.value);
  let result = lenient ? readTypedDate(raw, today) : readCardDate(raw.trim());
  if (result.kind !== 'answer') return result;
  // A question about the past ("When was that decided?"): "October" or "31/3" with no year is the last one, not the next.
  const latest = resolveLimit(question.notAfter, today);
  if (lenient && latest && (result.value as string) > latest && !/\d{4}/.test(raw)) {
    const back = readTypedDate(raw, today, true);
    if (back.kind === 'answer') result = back;
  }
  return withinLimits(result.value as string, question, today);
}

/** Input.Date sends yyyy-mm-dd and nothing else. */
function readCardDate(text: string): ParseResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return invalid(`That isn't a date I recognise. ${DATE_GUIDANCE}`);
  const value = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return value ? answer(value) : notRealDate(text);
}

/** A typed date, UK order first ("31/03/2027", "31st March 2027", "March 2027"), then natural language. */
function readTypedDate(raw: string, today: Date, back = false): ParseResult {
  const shown = raw.trim();
  const todayIso = londonToday(today);
  const year = Number(todayIso.slice(0, 4));
  // "April next year", "end of May this year": chrono reads neither, so the year is put in as a number.
  const text = normaliseText(raw).replace(/^(.*\b([a-z]+)) (next|this) year$/, (whole, before: string, month: string, which: string) =>
    monthIndex(month) >= 0 ? `${before} ${which === 'next' ? year + 1 : year}` : whole,
  );

  const dayMonthYear = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})$/.exec(text);
  if (dayMonthYear) {
    const [, d, m, y] = dayMonthYear;
    const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
    return found(isoDate(year, Number(m), Number(d)), shown);
  }
  const yearFirst = /^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$/.exec(text);
  if (yearFirst) return found(isoDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])), shown);
  const dayMonth = /^(\d{1,2})[/.](\d{1,2})$/.exec(text);
  if (dayMonth) return found(nextOccurrence(Number(dayMonth[1]), Number(dayMonth[2]), todayIso, back), shown);

  const monthYear = /^([a-z]+),? (\d{4})$/.exec(text);
  if (monthYear && monthIndex(monthYear[1]!) >= 0) return found(isoDate(Number(monthYear[2]), monthIndex(monthYear[1]!) + 1, 1), shown);
  const wordy = /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+),? (\d{4})$/.exec(text);
  if (wordy && monthIndex(wordy[2]!) >= 0) return found(isoDate(Number(wordy[3]), monthIndex(wordy[2]!) + 1, Number(wordy[1])), shown);

  if (/^[\d\s/.\-]+$/.test(text)) return /[/.\-]/.test(text) ? notRealDate(shown) : unreadableDate();
  const phrase = ukPhrase(text, todayIso, back);
  if (phrase) return answer(phrase);
  if (/\b(q[1-4]|quarter|spring|summer|autumn|winter)\b/.test(text)) {
    return refusedAnswer("Quarters and seasons can mean different dates (the council's first quarter runs from April to June). Please give a day, for example 30/06/2027.");
  }
  const vague = /^(?:early|late)[- ]([a-z]+)(?: \d{4})?$/.exec(text);
  if (vague && monthIndex(vague[1]!) >= 0) {
    const month = MONTHS[monthIndex(vague[1]!)]!.replace(/^./, (c) => c.toUpperCase());
    return refusedAnswer(`That's too vague to record as a date. Please give a day, for example "mid-${month}" or "end of ${month}".`);
  }
  if (NOT_KNOWN_YET.test(text)) return refusedAnswer(`If the date isn't fixed yet, please give your best estimate. ${DATE_GUIDANCE}`);
  return naturalDate(text, todayIso, back);
}

function found(value: string | undefined, shown: string): ParseResult {
  return value ? answer(value) : notRealDate(shown);
}

/** "31/3" with no year: the next 31 March from today, or with `back` the last (a 29 February may be up to four years away). */
function nextOccurrence(day: number, month: number, todayIso: string, back = false): string | undefined {
  const year = Number(todayIso.slice(0, 4));
  for (let years = 0; years <= 4; years++) {
    const candidate = isoDate(back ? year - years : year + years, month, day);
    if (candidate && (back ? candidate <= todayIso : candidate >= todayIso)) return candidate;
  }
  return undefined;
}

/** Phrases chrono does not know: the start or end of the (financial) year, a fortnight, Christmas, Easter, part of a month. */
function ukPhrase(text: string, todayIso: string, back = false): string | undefined {
  const year = Number(todayIso.slice(0, 4));
  const phrase = text.replace(/^(by|until|till|at) /, '').replace(/^the /, '');
  if (/^end of (the |this )?(calendar )?year$/.test(phrase)) return `${year}-12-31`;
  if (/^end of next (calendar )?year$/.test(phrase)) return `${year + 1}-12-31`;
  const financialYearEnd = todayIso <= `${year}-03-31` ? year : year + 1;
  if (/^end of (the |this )?(financial|fiscal) year$/.test(phrase)) return `${financialYearEnd}-03-31`;
  if (/^end of next (financial|fiscal) year$/.test(phrase)) return `${financialYearEnd + 1}-03-31`;
  if (/^(in )?a fortnight('s time)?$/.test(phrase)) return addDays(todayIso, 14);
  if (/^(before )?christmas( day)?$/.test(phrase)) return nextChristmas(todayIso);
  if (/^(start|beginning) of (the |this |next )?(financial|fiscal) year$/.test(phrase)) return `${financialYearEnd}-04-01`;
  if (/^(before )?easter( sunday| day)?$/.test(phrase)) return nextEaster(todayIso);
  // "the start of April", "mid-May 2027", "the middle of June": the 1st or the 15th.
  const partOfMonth = /^(?:(start|beginning|middle) of (?:the )?|(mid)[- ]?)([a-z]+)(?: (\d{4}))?$/.exec(phrase);
  if (partOfMonth && monthIndex(partOfMonth[3]!) >= 0) {
    const day = partOfMonth[1] === 'middle' || partOfMonth[2] ? 15 : 1;
    const month = monthIndex(partOfMonth[3]!) + 1;
    return partOfMonth[4] ? isoDate(Number(partOfMonth[4]), month, day) : nextOccurrence(day, month, todayIso, back);
  }
  return undefined;
}

/**
 * chrono-node's British English parser, looking forward from today (or back, for a question about the past). The date must be the whole
 * answer (apart from filler such as "by the"), and at least a month or weekday must be clear,
 * so "not before March" or "next year" are refused rather than misread.
 */
function naturalDate(text: string, todayIso: string, back = false): ParseResult {
  const [y, m, d] = todayIso.split('-').map(Number) as [number, number, number];
  // Local noon on the council's today, so the server's time zone cannot shift the day.
  const reference = new Date(y, m - 1, d, 12, 0, 0);
  // Forward from today ("Friday" is the coming one), unless the words look back ("last Friday", "two weeks ago") or the question is about the past.
  const looksBack = back || /\b(last|ago|yesterday|previous|past)\b/.test(text);
  const results = chronoEn.GB.parse(text, reference, { forwardDate: !looksBack });
  if (results.length !== 1) return unreadableDate();
  const result = results[0]!;
  const leftover = `${text.slice(0, result.index)} ${text.slice(result.index + result.text.length)}`.split(/[\s,]+/).filter(Boolean);
  if (leftover.some((word) => !DATE_FILLER.has(word))) return unreadableDate();
  const start = result.start;
  if (!start.isCertain('month') && !start.isCertain('day') && !start.isCertain('weekday')) {
    return invalid(`That's too vague to record as a date. ${DATE_GUIDANCE}`);
  }
  const date = start.date();
  let value = isoDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
  // Not forward is not the same as back: chrono takes the nearer "14 March" or "Friday", which may be ahead.
  if (back && value && value > todayIso) {
    if (start.isCertain('weekday') && !start.isCertain('day')) value = addDays(value, -7);
    else if (!start.isCertain('year')) value = isoDate(date.getFullYear() - 1, date.getMonth() + 1, date.getDate());
  }
  return value ? answer(value) : unreadableDate();
}

/** A bank limit ("today" or yyyy-mm-dd) as yyyy-mm-dd; a malformed limit is ignored rather than blamed on the officer. */
function resolveLimit(limit: string | undefined, today: Date): string | undefined {
  if (!limit) return undefined;
  if (limit === 'today') return londonToday(today);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(limit);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function withinLimits(value: string, question: DateQuestion, today: Date): ParseResult {
  const notBefore = resolveLimit(question.notBefore, today);
  const notAfter = resolveLimit(question.notAfter, today);
  if (notBefore && value < notBefore) return invalid(`The date can't be before ${formatUkDate(notBefore)}.`);
  if (notAfter && value > notAfter) return invalid(`The date can't be after ${formatUkDate(notAfter)}.`);
  return answer(value);
}

// ---- lists (repeating rows) ----

/** One row as given, before its cells are read: `position` is what the officer would call it (1-based). */
interface RawRow {
  position: number;
  cells: Record<string, string>;
}

function plural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

function withArticle(label: string): string {
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`;
}

/** Rows on new lines or after ";", cells after "," in column order. */
function typedRows(raw: string, question: ListQuestion): RawRow[] {
  const rows: RawRow[] = [];
  for (const line of raw.split(/\r?\n|;/)) {
    if (line.trim() === '') continue;
    const cells = rejoinThousands(line.split(','), question.columns.length);
    const row: Record<string, string> = {};
    question.columns.forEach((column, i) => {
      const isLast = i === question.columns.length - 1;
      // Extra commas belong to the last column (e.g. an address).
      const cell = (isLast ? cells.slice(i).join(',') : cells[i] ?? '').trim();
      if (cell !== '') row[column.id] = cell;
    });
    if (Object.keys(row).length > 0) rows.push({ position: rows.length + 1, cells: row });
  }
  return rows;
}

const NUMBERED_ROW = /^\s*(?:row\s*)?(\d{1,2})\s*(?:[.:)\-]\s*|\s+)(.*)$/i;

/**
 * Rows typed against a list the bot already holds: when every line starts with the number of a
 * held row, that row keeps its first column (the thing being rated, e.g. an objective) and the
 * rest of the line fills the following columns. Rows not mentioned stay as they are. Undefined
 * when the text is not written that way, so it is read as a fresh list.
 */
function updatedRows(raw: string, question: ListQuestion, held: ListRow[]): RawRow[] | undefined {
  if (held.length === 0 || question.columns.length < 2) return undefined;
  const lines = raw.split(/\r?\n|;/).filter((line) => line.trim() !== '');
  const rows: RawRow[] = held.map((row, i) => ({ position: i + 1, cells: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])) }));
  for (const line of lines) {
    const match = NUMBERED_ROW.exec(line);
    const index = match ? Number(match[1]) - 1 : -1;
    if (!match || index < 0 || index >= held.length) return undefined;
    const rest = question.columns.slice(1);
    const cells = rejoinThousands(match[2]!.split(','), rest.length);
    const target = rows[index]!;
    rest.forEach((column, i) => {
      const isLast = i === rest.length - 1;
      const cell = (isLast ? cells.slice(i).join(',') : cells[i] ?? '').trim();
      if (cell !== '') target.cells[column.id] = cell;
    });
  }
  return rows;
}

/** "£12,500" split on its comma: put it back together while there are more cells than columns. */
function rejoinThousands(cells: string[], columns: number): string[] {
  const out: string[] = [];
  for (const cell of cells) {
    const previous = out[out.length - 1];
    if (cells.length > columns && previous !== undefined && /\d$/.test(previous.trim()) && /^\d{3}(\.\d+)?\s*$/.test(cell)) {
      out[out.length - 1] = `${previous},${cell}`;
    } else {
      out.push(cell);
    }
  }
  return out;
}

function parseCardList(question: ListQuestion, inputs: Record<string, unknown>, today: Date): ParseResult {
  if (hasRowsBeyondLimit(inputs, question)) return invalid(`You can list up to ${question.maxRows} ${plural(question.itemName)}.`);
  const rows: RawRow[] = [];
  for (let row = 0; row < question.maxRows; row++) {
    const cells: Record<string, string> = {};
    for (const column of question.columns) {
      const cell = cardValue(inputs, listInputId(question.id, row, column.id));
      if (cell === WRONG_SHAPE) return invalid(`Row ${row + 1}, ${column.label}: ${WRONG_SHAPE_MESSAGE}`);
      if (cell !== undefined && cell.trim() !== '') cells[column.id] = cell;
    }
    rows.push({ position: row + 1, cells });
  }
  return parseListRows(rows, question, today);
}

function hasRowsBeyondLimit(inputs: Record<string, unknown>, question: ListQuestion): boolean {
  const prefix = `${inputId(question.id)}:`;
  return Object.keys(inputs).some((key) => {
    const row = key.startsWith(prefix) ? key.slice(prefix.length).split(':')[0] ?? '' : '';
    if (!/^\d{1,6}$/.test(row) || Number(row) < question.maxRows) return false;
    const value = inputs[key];
    return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
  });
}

function parseListRows(rows: RawRow[], question: ListQuestion, today: Date): ParseResult {
  const filled = rows.filter((row) => Object.values(row.cells).some((cell) => cell.trim() !== ''));
  const items = plural(question.itemName);
  if (filled.length === 0) return BLANK;
  if (filled.length > question.maxRows) return invalid(`You can list up to ${question.maxRows} ${items}.`);
  if (filled.length < question.minRows) return invalid(`Please list at least ${question.minRows} ${items}.`);
  const parsed: ListRow[] = [];
  for (const row of filled) {
    const name = row.cells[question.columns[0]!.id]?.trim();
    const rowLabel = `Row ${row.position}${name ? ` (${name.slice(0, 40)})` : ''}`;
    const out: ListRow = {};
    for (const column of question.columns) {
      const cell = row.cells[column.id];
      if (cell === undefined || cell.trim() === '') {
        if (column.required) return invalid(`${rowLabel} needs ${withArticle(column.label)}.`);
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
      return column.options && column.options.length > 0 ? parseChoice(everydayOption(cell, column.options), column.options, true) : parseText(cell, 0, column.maxLength);
    case 'number':
    case 'money': {
      const isMoney = column.type === 'money';
      const value = readAmount(cell, isMoney);
      if (value === undefined || Math.abs(value) > Number.MAX_SAFE_INTEGER) return invalid(isMoney ? MONEY_GUIDANCE : numberGuidance(undefined));
      return answer(isMoney ? roundToPence(value) : value);
    }
    case 'date':
      return cell.length > MAX_SHORT_INPUT ? unreadableDate() : readTypedDate(cell, today);
  }
}

/** Everyday words for option labels: "business" is the private sector, "charity" the voluntary one. */
const EVERYDAY_OPTIONS: Array<[RegExp, string]> = [
  [/^(business|businesses|company|companies|firm|firms|trader|traders|commercial|private)$/, 'private sector'],
  [/^(charity|charities|voluntary|volunteers|third sector|vcs)$/, 'voluntary sector'],
  [/^(council|police|nhs|government|public body|local authority|public)$/, 'public sector'],
];

/** The label an everyday word stands for, when the options have it ("business" → "Private sector"); otherwise the words as typed. */
export function everydayOption(text: string, options: Option[]): string {
  const n = normaliseText(text).replace(/[.!]+$/, '').replace(/^(?:the|an?)\s+/, '').trim();
  for (const [pattern, label] of EVERYDAY_OPTIONS) {
    if (pattern.test(n) && options.some((o) => normaliseText(o.label) === label)) return label;
  }
  return text;
}
