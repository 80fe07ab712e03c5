import type { Token } from './tokens.js';
import { TypoIndex } from './typoIndex.js';

/** One way of writing a known thing: its simplified words and how strong a match on it is. */
export interface Surface {
  words: string[];
  /** 3: the full name; 2: its initials; 1: part of it. */
  strength: number;
}

export interface GazetteerEntry {
  type: string;
  /** What the entity is: a partnership's id, an area's value, a person's object id. */
  value: string;
  surfaces: Surface[];
}

export interface GazetteerMatch {
  type: string;
  value: string;
  /** Token positions [start, end). */
  start: number;
  end: number;
  strength: number;
  /** Positions of words read as a slip of the entry's word rather than typed as it. */
  slipped: number[];
}

/**
 * Finds known names and terms in a message, forgiving typing slips in each
 * word. Built once from the register and configuration; a lookup reads a few
 * maps per word, so it stays cheap with thousands of entries.
 */
export class Gazetteer {
  private readonly typos = new TypoIndex();
  private readonly byFirstWord = new Map<string, Array<{ entry: GazetteerEntry; surface: Surface }>>();

  constructor(entries: Iterable<GazetteerEntry>) {
    for (const entry of entries) {
      for (const surface of entry.surfaces) {
        if (surface.words.length === 0) continue;
        for (const word of surface.words) this.typos.add(word);
        const first = surface.words[0]!;
        let list = this.byFirstWord.get(first);
        if (!list) this.byFirstWord.set(first, (list = []));
        list.push({ entry, surface });
      }
    }
  }

  /** Every match in the message, overlapping ones included. */
  allMatches(tokens: readonly Token[]): GazetteerMatch[] {
    const readings = tokens.map((t) => new Set(this.typos.lookup(t.simple)));
    const found: GazetteerMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      for (const first of readings[i]!) {
        for (const { entry, surface } of this.byFirstWord.get(first) ?? []) {
          const n = surface.words.length;
          if (i + n > tokens.length) continue;
          const slipped: number[] = [];
          let fits = true;
          for (let k = 0; k < n; k++) {
            const wanted = surface.words[k]!;
            if (tokens[i + k]!.simple === wanted) continue;
            if (!readings[i + k]!.has(wanted)) {
              fits = false;
              break;
            }
            slipped.push(i + k);
          }
          if (fits) found.push({ type: entry.type, value: entry.value, start: i, end: i + n, strength: surface.strength - slipped.length * 0.1, slipped });
        }
      }
    }
    return found;
  }

  /**
   * The best matches that do not overlap: longer first, then stronger, then by
   * the order of `typeOrder` (a partnership's name beats a partner's inside it).
   */
  matches(tokens: readonly Token[], typeOrder: readonly string[]): GazetteerMatch[] {
    const rank = (type: string) => {
      const i = typeOrder.indexOf(type);
      return i === -1 ? typeOrder.length : i;
    };
    const all = this.allMatches(tokens).sort(
      (a, b) => b.end - b.start - (a.end - a.start) || b.strength - a.strength || rank(a.type) - rank(b.type) || a.start - b.start,
    );
    const taken = new Array<boolean>(tokens.length).fill(false);
    const chosen: GazetteerMatch[] = [];
    const chosenSpans: Array<[number, number, number]> = [];
    for (const match of all) {
      let free = true;
      for (let k = match.start; k < match.end; k++) if (taken[k]) free = false;
      if (!free) {
        // The same span read as another entry of the same type and strength: keep both (an ambiguous name).
        const same = chosenSpans.findIndex(([s, e, idx]) => s === match.start && e === match.end && chosen[idx]!.type === match.type && chosen[idx]!.strength === match.strength);
        if (same !== -1) chosen.push(match);
        continue;
      }
      for (let k = match.start; k < match.end; k++) taken[k] = true;
      chosenSpans.push([match.start, match.end, chosen.length]);
      chosen.push(match);
    }
    return chosen.sort((a, b) => a.start - b.start);
  }
}
