/**
 * Amounts written in words, as officers type them: "twenty-five thousand", "a hundred and fifty",
 * "half a million", "one and a half million", "a dozen". Each run of number words becomes its
 * digits, and the rest of the text is left as it was ("twenty five thousand pounds a year" →
 * "25000 pounds a year"). Written here rather than taken from a library: the npm packages for this
 * are unmaintained, and Microsoft's recognizers (already installed with botbuilder-dialogs) read
 * "half a million" as 0.000002 and "two and a half thousand" as 2.0005, where a wrong amount is
 * worse than a refusal. A run it cannot make sense of ("thousand thousand") is left as words, so the
 * parser after it refuses the answer instead of guessing.
 */

const UNITS: Record<string, number> = {
  zero: 0, nought: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
/** Words that may only join number words: "a hundred", "and fifty", "half a million". */
const JOINERS = new Set(['a', 'an', 'and', 'half']);
const COUNTS: Record<string, number> = { dozen: 12, couple: 2 };

const isNumberWord = (w: string): boolean => w in UNITS || w in SCALES || w === 'hundred' || w in COUNTS || JOINERS.has(w);

/** The value of one run of number words, or undefined when the words do not make one number. */
function valueOf(words: string[]): number | undefined {
  let total = 0;
  let current: number | undefined;
  let half = false;
  let lastWasScale = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    if (w === 'a' || w === 'an') {
      // "half a million" and "one and a half million": the half says how much, not the "a".
      if (half || next === 'half') continue;
      // "a hundred", "a million", "a dozen", "a couple"; never "a" alone.
      if (next === undefined || !(next === 'hundred' || next in SCALES || next in COUNTS)) return undefined;
      current ??= 1;
      continue;
    }
    if (w === 'and') {
      // "one hundred and fifty", "one and a half million"; not at either end.
      if (current === undefined && !lastWasScale) return undefined;
      if (next === undefined) return undefined;
      continue;
    }
    if (w === 'half') {
      // "half a million", "one and a half thousand": a half of the scale that follows.
      if (half) return undefined;
      half = true;
      continue;
    }
    lastWasScale = false;
    if (w in UNITS) {
      const n = UNITS[w]!;
      // "twenty five" adds; "five twenty" or "five five" is not one number.
      if (current !== undefined && !(current % 100 >= 20 && current % 10 === 0 && n < 10) && !(current % 100 === 0 && current > 0 && n < 100)) return undefined;
      current = (current ?? 0) + n;
    } else if (w === 'hundred') {
      // A scale word needs a number or "a" before it: "1.5 million" is left for the digits' parser.
      if (current === undefined || current >= 100) return undefined;
      current *= 100;
    } else if (w in COUNTS) {
      if (current === undefined) return undefined;
      current *= COUNTS[w]!;
    } else if (w in SCALES) {
      if (current === undefined && !half) return undefined;
      const scale = SCALES[w]!;
      // "two million five hundred thousand" adds a smaller scale after a larger one; "thousand thousand" is not a number.
      if (total !== 0 && total <= scale) return undefined;
      const base = current ?? 0;
      total += (base + (half ? 0.5 : 0)) * scale;
      current = undefined;
      half = false;
      lastWasScale = true;
    } else {
      return undefined;
    }
  }
  if (half) return undefined;
  return total + (current ?? 0);
}

/** The text with every run of number words put as digits; a run that does not read stays as it was. */
export function numberWordsToDigits(text: string): string {
  const words = text.split(/(\s+|-)/);
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!.toLowerCase();
    if (!isNumberWord(w) || (JOINERS.has(w) && !startsRun(words, i))) {
      out.push(words[i]!);
      i++;
      continue;
    }
    // The longest run of number words (and the spaces or hyphens between them) from here.
    let end = i;
    const run: string[] = [];
    let j = i;
    while (j < words.length) {
      const piece = words[j]!;
      if (/^(\s+|-)$/.test(piece)) { j++; continue; }
      if (!isNumberWord(piece.toLowerCase())) break;
      run.push(piece.toLowerCase());
      end = j;
      j++;
    }
    // Joiners at the end belong to the words after: "five and a bit" keeps "and a bit".
    while (run.length > 0 && JOINERS.has(run[run.length - 1]!)) {
      run.pop();
      do end--; while (end > i && /^(\s+|-)$/.test(words[end]!));
    }
    const value = run.length > 0 ? valueOf(run) : undefined;
    if (value === undefined) {
      out.push(words[i]!);
      i++;
      continue;
    }
    out.push(String(value));
    i = end + 1;
  }
  return out.join('');
}

/** "a" or "and" starts a run only before a number word: "a hundred", not "a year". */
function startsRun(words: string[], i: number): boolean {
  for (let j = i + 1; j < words.length; j++) {
    const piece = words[j]!;
    if (/^(\s+|-)$/.test(piece)) continue;
    const w = piece.toLowerCase();
    return isNumberWord(w) && !(w === 'a' || w === 'an' || w === 'and') ? true : JOINERS.has(w) ? startsRun(words, j) : false;
  }
  return false;
}
