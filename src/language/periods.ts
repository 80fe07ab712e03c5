import * as chronoEn from 'chrono-node/en';
import type { Token } from './tokens.js';
import { nextChristmas } from '../util/nextChristmas.js';

/**
 * A period named in words, as a canonical string:
 * `amount:3:month` ("in the next 3 months"), `until:2027-03-31` ("before 31 March"),
 * `past:6:month` ("in the last 6 months"), `year:this`, `year:last` ("this year", "last year": council years, April to March),
 * `year:2026/27`.
 */
export interface PeriodMatch {
  value: string;
  start: number;
  end: number;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fourteen: 14, fifteen: 15, eighteen: 18, twenty: 20, thirty: 30, sixty: 60, ninety: 90, couple: 2, few: 3,
};
const DATE_WORDS = /\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|tomorrow|today|next|end)/i;
const NUMBER = String.raw`(\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})(?: of)?`;
const UNIT = String.raw`(days?|weeks?|wks?|fortnights?|months?|mths?|quarters?|years?|yrs?)`;
const LEAD = String.raw`(?:(?:in|within|over|during|for|across|inside|on) )?(?:the )?`;

/** Patterns over the message's simplified words joined by single spaces; each gives a value. */
const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
  [new RegExp(String.raw`\b${LEAD}(?:next|coming|following|upcoming) ${NUMBER} ${UNIT}\b`, 'g'), (m) => amount(m[1]!, m[2]!)],
  [new RegExp(String.raw`\b(?:in|within|over|for|inside) (?:the )?${NUMBER} ${UNIT}(?: time)?\b`, 'g'), (m) => amount(m[1]!, m[2]!)],
  [new RegExp(String.raw`\b${LEAD}(?:last|past|previous) ${NUMBER} ${UNIT}\b`, 'g'), (m) => amount(m[1]!, m[2]!)?.replace('amount:', 'past:')],
  // "previous years" and "past years" are years gone by, not last year ("last years scores" is last year's).
  [new RegExp(String.raw`\b${LEAD}(?:(?:this|last|current) (?:financial |council )?years?|(?:previous|past) (?:financial |council )?year|(?:this|last) fy)\b`, 'g'), (m) => (/\b(last|previous|past)\b/.test(m[0]) ? 'year:last' : 'year:this')],
  [new RegExp(String.raw`\b${LEAD}(?:next|coming|this|following) (day|week|fortnight|month|quarter|year)\b`, 'g'), (m) => amount('1', m[1]!)],
  [new RegExp(String.raw`\b${LEAD}(?:financial |council )?(?:year )?(20\d\d)(?:/| |to |-)(20)?(\d\d)\b`, 'g'), (m) => councilYear(m[1]!, m[3]!)],
  [new RegExp(String.raw`\b${NUMBER} ${UNIT}\b`, 'g'), (m) => amount(m[1]!, m[2]!)],
];

/** Finds periods and dates in the words; `today` (ISO) anchors "before 31 March". Pure. */
export function findPeriods(tokens: readonly Token[], today: string): PeriodMatch[] {
  const words = tokens.map((t) => t.simple);
  const starts: number[] = [];
  let joined = '';
  for (const word of words) {
    starts.push(joined.length + (joined ? 1 : 0));
    joined = joined ? `${joined} ${word}` : word;
  }
  const tokenAt = (offset: number) => {
    let index = 0;
    for (let i = 0; i < starts.length; i++) if (starts[i]! <= offset) index = i;
    return index;
  };
  const found: PeriodMatch[] = [];
  const taken = new Array<boolean>(words.length).fill(false);
  const claim = (start: number, end: number, value: string) => {
    for (let k = start; k < end; k++) if (taken[k]) return;
    for (let k = start; k < end; k++) taken[k] = true;
    found.push({ value, start, end });
  };
  for (const [pattern, valueOf] of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(joined); m; m = pattern.exec(joined)) {
      const value = valueOf(m);
      if (!value) continue;
      const start = tokenAt(m.index);
      const end = tokenAt(m.index + m[0].length - 1) + 1;
      claim(start, end, value);
    }
  }
  // "by 31 March", "before the end of March 2027", "until 1/4/27": a date after a word of limit.
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i] || !/^(by|before|until|till|til|upto|ahead)$/.test(words[i]!) ) continue;
    let from = i + 1;
    if (words[i] === 'ahead' && words[from] === 'of') from++;
    if (words[i] === 'up' && words[from] === 'to') from++;
    const rest = tokens.slice(from).map((t) => t.text).join(' ');
    // Christmas is a date the council works to and chrono does not know: the next Christmas Day.
    const christmas = /^(?:the )?christmas(?: day)?\b/i.exec(rest);
    if (christmas) {
      claim(i, from + christmas[0].split(/\s+/).length, `until:${nextChristmas(today)}`);
      continue;
    }
    // chrono is thorough but not cheap: only words that could be a date are given to it.
    if (!DATE_WORDS.test(rest)) continue;
    const parsed = chronoEn.GB.parse(rest, new Date(`${today}T12:00:00Z`), { forwardDate: true })[0];
    if (!parsed || parsed.index > 4) continue;
    const date = parsed.start.date();
    const iso = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate())).toISOString().slice(0, 10);
    // Where the date's words end, counted in tokens.
    const dateWords = parsed.text.split(/\s+/).filter(Boolean).length;
    const leading = rest.slice(0, parsed.index).split(/\s+/).filter(Boolean).length;
    const end = Math.min(tokens.length, from + leading + dateWords);
    // "by the end of March" ends on the month's last day.
    const endOf = /\bend of\b/i.test(rest.slice(0, parsed.index + parsed.text.length));
    const value = endOf && !parsed.start.isCertain('day') ? `until:${lastDayOfMonth(iso)}` : `until:${iso}`;
    claim(i, end, value);
  }
  return found.sort((a, b) => a.start - b.start);
}

function amount(numberWord: string, unitWord: string): string | undefined {
  const n = /^\d+$/.test(numberWord) ? Number(numberWord) : NUMBER_WORDS[numberWord];
  if (n === undefined || n < 1 || n > 999) return undefined;
  const unit = unitWord.replace(/s$/, '');
  if (/^(wk|week)$/.test(unit)) return `amount:${n}:week`;
  if (unit === 'fortnight') return `amount:${n * 14}:day`;
  if (/^(mth|month)$/.test(unit)) return `amount:${n}:month`;
  if (unit === 'quarter') return `amount:${n * 3}:month`;
  if (/^(yr|year)$/.test(unit)) return `amount:${n * 12}:month`;
  return `amount:${n}:day`;
}

function councilYear(start: string, endTwoDigits: string): string | undefined {
  const first = Number(start);
  if (Number(endTwoDigits) !== (first + 1) % 100) return undefined;
  return `year:${first}/${endTwoDigits}`;
}

function lastDayOfMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

