import { normaliseText } from '../conversation/normaliseText.js';
import { numberWordsToDigits } from '../util/numberWords.js';
import { everydayOption, parseTypedAnswer } from './answerParsers.js';
import type { AnswerValue, Question } from './bankSchema.js';
import type { ParseResult } from './parseResult.js';

/**
 * One typed message answering the questions of a card. Pure: no bot SDK.
 *
 * - "yes to all", "all no": every open yes/no question;
 * - "1 yes, 3 no, 2 not sure": by the numbers the card shows;
 * - "yes no yes yes": yes/no words in order, one per open yes/no question;
 * - "yes, not yet, yes, yes": one comma-separated part per open question, when each reads;
 * - otherwise the first open question, where a leading yes or no with a comment
 *   ("yes, a DPIA is planned") is that answer with the comment kept.
 * Everyday words are read first: "not really" is no, "mostly" yes, "ten grand"
 * £10,000, "business" the private sector, "we'll be the lead partner" Lead partner.
 */
export interface TypedReading {
  answers: Map<Question, ParseResult>;
  /** Words said after a leading yes or no, by question id: kept, never dropped. */
  comments: Record<string, string>;
}

export function readTypedAnswers(card: Question[], open: Question[], text: string, today: Date, current: Record<string, AnswerValue | undefined>): TypedReading {
  const parse = (q: Question, words: string) => parseTypedAnswer(q, everydayWords(q, words), today, current[q.id]);
  const first = open[0] ?? card[0]!;
  const normalised = normaliseText(text).replace(/[.!]+$/, '').trim();
  const yesNoOpen = open.filter((q) => q.type === 'yesNoUnsure');

  const toAll = /^(?:(yes|no|not sure|unsure)\s+(?:to|for)\s+(?:all|everything|all of them|each)|all\s+(yes|no|not sure|unsure))$/.exec(normalised);
  if (toAll && yesNoOpen.length > 0) {
    const word = toAll[1] ?? toAll[2]!;
    return { answers: new Map(yesNoOpen.map((q) => [q, parse(q, word)])), comments: {} };
  }

  if (card.length > 1) {
    const numbered = readNumbered(text, card.length);
    if (numbered) return { answers: new Map(numbered.map(([n, words]) => [card[n - 1]!, parse(card[n - 1]!, words)])), comments: {} };

    const words = yesNoWords(normalised);
    if (words && words.length >= 2 && words.length <= yesNoOpen.length) {
      return { answers: new Map(words.map((w, i) => [yesNoOpen[i]!, parse(yesNoOpen[i]!, w)])), comments: {} };
    }

    const parts = text.split(/[,;]/).map((p) => p.trim()).filter((p) => p !== '');
    if (open.length >= 2 && parts.length === open.length) {
      const results = open.map((q, i) => [q, parse(q, parts[i]!)] as const);
      if (results.every(([, r]) => r.kind === 'answer')) return { answers: new Map(results), comments: {} };
    }
  }

  // The whole message first: "no idea" is not a no with a comment, nor "yes and no" a yes.
  const whole = parse(first, text);
  if (first.type === 'yesNoUnsure' && whole.kind !== 'answer') {
    const leading = /^\s*(yes|yeah|yep|no|nope|not sure|not yet|not really|mostly|partly)\b[\s,.;:–-]+(.{2,})$/i.exec(text);
    if (leading) {
      const result = parse(first, leading[1]!);
      if (result.kind === 'answer') return { answers: new Map([[first, result]]), comments: { [first.id]: leading[2]!.trim() } };
    }
  }
  return { answers: new Map([[first, whole]]), comments: {} };
}

/** "1 yes, 3 no, 2 not sure" → [[1, "yes"], [3, "no"], [2, "not sure"]], when every part starts with a number on the card. */
function readNumbered(text: string, count: number): Array<[number, string]> | undefined {
  const parts = text.split(/[,;\n]/).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length < 1) return undefined;
  const read: Array<[number, string]> = [];
  for (const part of parts) {
    const match = /^(?:q(?:uestion)?\s*)?(\d{1,2})\s*[.:)=-]?\s+(.+)$/i.exec(part);
    if (!match) return undefined;
    const n = Number(match[1]);
    if (n < 1 || n > count) return undefined;
    read.push([n, match[2]!]);
  }
  // "2 hours" alone is an answer, not question 2: numbering needs two parts or a yes/no word.
  if (read.length === 1 && !yesNoWords(normaliseText(read[0]![1]))) return undefined;
  return read;
}

const YES_NO_WORD = /^(yes|no|y|n|yep|nope|unsure|dunno|maybe|not sure|don't know|dont know|not really|mostly)$/;

/** "yes no not sure yes" → ["yes", "no", "not sure", "yes"]; undefined if any word is not a yes/no word. */
function yesNoWords(normalised: string): string[] | undefined {
  const joined = normalised.replace(/[,;/]+/g, ' ').replace(/\b(not sure|don't know|dont know|not really)\b/g, (m) => m.replace(/ /g, '_'));
  const words = joined.split(/\s+/).filter((w) => w !== '').map((w) => w.replace(/_/g, ' '));
  if (words.length === 0 || !words.every((w) => YES_NO_WORD.test(w))) return undefined;
  return words;
}

/** Everyday words officers type, read as the words the parsers know. */
export function everydayWords(question: Question, text: string): string {
  const t = text.trim();
  switch (question.type) {
    case 'yesNoUnsure': {
      const n = normaliseText(t).replace(/[.!]+$/, '');
      if (/^(not really|not quite|no not really|hardly|not at all|not as such)$/.test(n)) return 'no';
      if (/^(mostly|mostly yes|largely|pretty much|broadly|on the whole|yes mostly|i think so|we think so|yes i think so)$/.test(n)) return 'yes';
      return t;
    }
    case 'money':
    case 'number':
      return moneyWords(t);
    case 'choice':
      return choiceWords(question, t);
    default:
      return t;
  }
}

/**
 * "ten grand a year" → "10k a year", "about 15 grand" → "about 15k", "five hundred quid" → "500",
 * "twenty-five thousand pounds" → "25000". A period ("a year", "a month") stays: the parser holds it
 * to the question's own.
 */
function moneyWords(text: string): string {
  let t = numberWordsToDigits(normaliseText(text))
    .replace(/\bquid\b|\bpounds?\b/g, '')
    .replace(/\bgrand\b/g, 'k');
  t = t.replace(/(\d)\s+k\b/g, '$1k').replace(/\s+/g, ' ').trim();
  return t === '' ? text : t;
}

function choiceWords(question: Extract<Question, { type: 'choice' }>, text: string): string {
  const n = normaliseText(text)
    .replace(/[.!]+$/, '')
    .replace(/^(?:i think |we think |probably )?(?:we'?ll be|we will be|we'?re|we are|it'?s|it is|it will be|it'?ll be|the council will be|the council is|we'd be|as)\s+/, '')
    .replace(/^(?:the|an?)\s+/, '')
    .trim();
  return n === '' ? text : everydayOption(n, question.options);
}
