/**
 * Puts right small typing slips in the words the bot listens for ("reveiw",
 * "partnerhsips", "ovredue"), so officers need not retype a question. Only
 * words near a known word change; names and everything else pass through.
 */
export function correctWords(words: readonly string[], vocabulary: ReadonlySet<string>): string[] {
  return words.map((word) => correctWord(word, vocabulary));
}

function correctWord(word: string, vocabulary: ReadonlySet<string>): string {
  if (vocabulary.has(word) || word.length < 4 || /\d/.test(word)) return word;
  // Longer words tolerate two slips; short ones one, so "risk" never becomes "disk"-like neighbours of other words.
  const allowed = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const known of vocabulary) {
    if (Math.abs(known.length - word.length) > allowed) continue;
    // A slip in the first letter of a short word is more often a different word.
    if (word.length < 6 && known[0] !== word[0]) continue;
    const distance = editDistance(word, known, bestDistance);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best ?? word;
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one slip. */
export function editDistance(a: string, b: string, ceiling = Number.POSITIVE_INFINITY): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
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
