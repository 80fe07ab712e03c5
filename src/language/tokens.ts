/**
 * A message split into words, each kept as typed (for names) and simplified
 * (for matching): lower case, accents and punctuation removed, "&" read as
 * "and", a possessive "'s" dropped ("CSP's lead" reads as "csp lead").
 */
export interface Token {
  /** As typed, capitals kept. */
  text: string;
  /** Lower case letters and digits only (plus "/" inside "2026/27"). */
  simple: string;
  /** A comma (or semicolon) follows it: "Essex Police, Rayleigh Business Group". */
  listBreak?: boolean;
}

export function tokenise(message: string): Token[] {
  const cleaned = message
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/<at>[^<]*<\/at>/gi, ' ');
  const tokens: Token[] = [];
  for (const match of cleaned.matchAll(/[^\s,;:!?()[\]{}"<>|*_~`#+=]+/gu)) {
    const after = cleaned[match.index + match[0].length];
    // "high-risk" reads as "high risk"; "2026-27" as "2026 27".
    const parts = match[0].split(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/u);
    parts.forEach((raw, i) => {
      const word = raw.replace(/^['.-]+|['.-]+$/g, '');
      if (!word) return;
      const simple = simplifyWord(word);
      if (!simple) return;
      tokens.push({ text: word, simple, ...(i === parts.length - 1 && (after === ',' || after === ';') ? { listBreak: true } : {}) });
    });
  }
  return tokens;
}

export function simplifyWord(word: string): string {
  const lower = word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/'s$/, '')
    .replace(/^&$/, 'and');
  // "2026/27" keeps its slash; "£12,500" and "12.5k" keep their digits.
  if (/^\d{4}\/\d{2,4}$/.test(lower)) return lower;
  return lower.replace(/[^a-z0-9£.]+/g, '').replace(/\.(?!\d)/g, '');
}

/** The simplified words of a phrase, as the gazetteer stores its surfaces. */
export function simpleWords(phrase: string): string[] {
  return tokenise(phrase).map((t) => t.simple);
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one slip. */
export function editDistance(a: string, b: string, ceiling = Number.POSITIVE_INFINITY): number {
  const cols = b.length + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previousPrevious[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= ceiling) return ceiling;
    previousPrevious = previous;
    previous = current;
  }
  return previous[cols - 1]!;
}

/** How many typing slips a word of this length may carry and still be read as the word meant. */
export function slipsAllowed(word: string): number {
  if (word.length < 4 || /\d/.test(word)) return 0;
  return word.length >= 8 ? 2 : 1;
}
