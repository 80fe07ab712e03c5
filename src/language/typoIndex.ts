import { editDistance, slipsAllowed } from './tokens.js';

/**
 * Finds the known words a typed word may be a slip of, quickly: every known
 * word is indexed with each of its one-letter deletions (the symmetric-delete
 * method), so a lookup costs a few map reads whatever the vocabulary's size.
 * Catches one slip (a letter missed, added, changed or two swapped); words of
 * eight letters or more are then checked for up to two.
 */
export class TypoIndex {
  private readonly words = new Set<string>();
  private readonly deletions = new Map<string, Set<string>>();

  add(word: string): void {
    if (this.words.has(word)) return;
    this.words.add(word);
    if (slipsAllowed(word) === 0) return;
    for (const d of deletionsOf(word)) {
      let set = this.deletions.get(d);
      if (!set) this.deletions.set(d, (set = new Set()));
      set.add(word);
    }
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** The word itself when known, else the known words within its allowed slips, closest first. */
  lookup(word: string): string[] {
    if (this.words.has(word)) return [word];
    return this.neighbours(word);
  }

  /** Known words within the word's allowed slips, other than the word itself, closest first. */
  neighbours(word: string): string[] {
    const allowed = slipsAllowed(word);
    if (allowed === 0) return [];
    const candidates = new Set<string>();
    for (const w of this.deletions.get(word) ?? []) candidates.add(w);
    for (const d of deletionsOf(word)) {
      if (this.words.has(d)) candidates.add(d);
      for (const w of this.deletions.get(d) ?? []) candidates.add(w);
    }
    const scored: Array<[string, number]> = [];
    candidates.delete(word);
    for (const candidate of candidates) {
      // A slip in the first letter of a short word is more often a different word.
      if (word.length < 6 && candidate[0] !== word[0]) continue;
      const distance = editDistance(word, candidate, Math.min(allowed, slipsAllowed(candidate) || 1) + 1);
      if (distance <= Math.min(allowed, slipsAllowed(candidate) || 1)) scored.push([candidate, distance]);
    }
    return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  }
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
