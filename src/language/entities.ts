import { Gazetteer, type GazetteerEntry, type Surface } from './gazetteer.js';
import { findPeriods } from './periods.js';
import type { Terms } from './terms.js';
import { simpleWords, type Token } from './tokens.js';
import { TypoIndex } from './typoIndex.js';

/** The kinds of thing a message can name. Placeholders in utterance files are these in braces: `{partnership}`. */
export const ENTITY_TYPES = ['partnership', 'person', 'organisation', 'area', 'priority', 'stage', 'status', 'significance', 'risk', 'outcome', 'role', 'order', 'period'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Entity {
  type: EntityType;
  /** Canonical: a partnership's or person's id, a term's value, a period such as `amount:3:month`; for a name not in the register, its words. */
  value: string;
  /** The words as typed. */
  text: string;
  start: number;
  end: number;
  /** A name that is not one the asker may see: only its words are known. */
  unresolved?: boolean;
  /** Other entries the same words fit equally well (an ambiguous name). */
  alsoFits?: string[];
}

/** What the register contributes: names of partnerships, their partners, and people. */
export interface RegisterVocabulary {
  partnerships: ReadonlyArray<{ id: string; name: string; officerIds: string[]; serviceArea: string; partners: readonly string[] }>;
  people: ReadonlyArray<{ objectId: string; name: string }>;
}

export interface ReferenceTerms {
  terms: Terms;
  /** Service areas and Business Plan priorities, as the new-partnership bank lists them. */
  areas: ReadonlyArray<{ value: string; label: string }>;
  priorities: ReadonlyArray<{ value: string; label: string }>;
}

/** The placeholder word a recognised entity becomes before classification. */
export function placeholderOf(type: EntityType): string {
  return `ent${type}`;
}

/** Words that carry no name on their own; a partnership is never found from these alone. */
const FILLER = new Set(['the', 'a', 'an', 'of', 'and', 'for', 'in', 'on', 'to', 'with', 'at', 'by']);
/** Words many names share; part of a name must have more than these to find it. */
const GENERIC = new Set([
  ...FILLER,
  'partnership', 'partnerships', 'group', 'trust', 'forum', 'board', 'network', 'council', 'community', 'communities', 'district', 'project',
  'scheme', 'alliance', 'association', 'society', 'committee', 'local', 'partners', 'services', 'service', 'centre', 'town', 'new', 'team',
]);

/** Which reading wins where names overlap: a partnership's own name beats a partner named inside it. */
const TYPE_ORDER: EntityType[] = ['period', 'partnership', 'organisation', 'person', 'risk', 'significance', 'outcome', 'order', 'status', 'stage', 'priority', 'area', 'role'];

/** The gazetteer of the register's names, built once per register snapshot. */
export class RegisterNames {
  readonly gazetteer: Gazetteer;
  readonly partnerships: Map<string, RegisterVocabulary['partnerships'][number]>;
  /** Organisation (simplified name) to the partnerships it is a partner of. */
  readonly partnersOf = new Map<string, string[]>();
  readonly organisationNames = new Map<string, string>();
  readonly peopleNames = new Map<string, string>();

  constructor(vocabulary: RegisterVocabulary, commonWords: ReadonlySet<string>) {
    this.partnerships = new Map(vocabulary.partnerships.map((p) => [p.id, p]));
    const entries: GazetteerEntry[] = [];
    for (const p of vocabulary.partnerships) entries.push({ type: 'partnership', value: p.id, surfaces: partnershipSurfaces(p.name, commonWords) });
    for (const p of vocabulary.partnerships) {
      for (const partner of p.partners) {
        const key = simpleWords(partner).join(' ');
        if (!key) continue;
        if (!this.partnersOf.has(key)) {
          this.partnersOf.set(key, []);
          this.organisationNames.set(key, partner.trim());
          entries.push({ type: 'organisation', value: key, surfaces: organisationSurfaces(partner, commonWords) });
        }
        this.partnersOf.get(key)!.push(p.id);
      }
    }
    for (const person of vocabulary.people) {
      const words = simpleWords(person.name);
      if (words.length === 0) continue;
      this.peopleNames.set(person.objectId, person.name);
      entries.push({ type: 'person', value: person.objectId, surfaces: [{ words, strength: 3 }] });
    }
    this.gazetteer = new Gazetteer(entries);
  }
}

/**
 * Finds the entities in a message: the register's names (only those the asker
 * may see), the configuration's terms, and periods and dates. Everything else
 * that is not an ordinary word is kept as a name the register may not know.
 */
export class EntityRecogniser {
  private readonly terms: Gazetteer;
  private readonly known: TypoIndex;

  constructor(
    reference: ReferenceTerms,
    /** Every word the utterance files use: these are read as themselves, never as a slip of a name. */
    private readonly commonWords: ReadonlySet<string>,
  ) {
    this.terms = new Gazetteer(termEntries(reference));
    this.known = new TypoIndex();
    for (const word of commonWords) this.known.add(word);
  }

  /**
   * `canSee` decides which partnerships count: a name the asker may not see is
   * treated exactly like one that does not exist.
   */
  recognise(tokens: readonly Token[], options: { today: string; names?: RegisterNames; canSee?: (partnershipId: string) => boolean }): Entity[] {
    const exact = tokens.map((t) => this.commonWords.has(t.simple));
    const periods = findPeriods(tokens, options.today).map((p) => ({ type: 'period' as const, value: p.value, start: p.start, end: p.end, strength: 3 }));
    const names = options.names;
    const canSee = options.canSee ?? (() => true);
    const registerMatches = names
      ? names.gazetteer.allMatches(tokens).filter((m) => {
          // An ordinary word typed correctly is never read as a slip for a word of a name.
          if (m.slipped.some((k) => exact[k])) return false;
          if (m.type === 'partnership') return canSee(m.value);
          if (m.type === 'organisation') return (names.partnersOf.get(m.value) ?? []).some(canSee);
          return true;
        })
      : [];
    // "close" is an ordinary word, never a slip for "closed".
    const termMatches = this.terms.allMatches(tokens).filter((m) => !m.slipped.some((k) => exact[k]));
    const chosen = pickNonOverlapping([...periods, ...registerMatches, ...termMatches]);
    const entities: Entity[] = chosen.map((group) => {
      const first = group[0]!;
      const text = tokens.slice(first.start, first.end).map((t) => t.text).join(' ');
      return {
        type: first.type as EntityType,
        value: first.value,
        text,
        start: first.start,
        end: first.end,
        ...(group.length > 1 ? { alsoFits: group.slice(1).map((g) => g.value) } : {}),
      };
    });
    return [...entities, ...this.unknownNames(tokens, entities)].sort((a, b) => a.start - b.start);
  }

  /** Runs of words that are not ordinary words (nor slips of them): names the register does not know, or the asker may not see. */
  private unknownNames(tokens: readonly Token[], entities: readonly Entity[]): Entity[] {
    const covered = new Array<boolean>(tokens.length).fill(false);
    for (const e of entities) for (let k = e.start; k < e.end; k++) covered[k] = true;
    const ordinary = (i: number) => {
      const word = tokens[i]!.simple;
      return this.commonWords.has(word) || this.known.lookup(word).length > 0;
    };
    const capitalised = (i: number) => /^[A-Z]/.test(tokens[i]!.text) && i > 0;
    const runs: Entity[] = [];
    let i = 0;
    while (i < tokens.length) {
      if (covered[i] || ordinary(i)) {
        i++;
        continue;
      }
      // Start at an unknown word; take in capitalised words before it ("Alpha Youth Forum").
      let start = i;
      while (start > 0 && !covered[start - 1] && capitalised(start - 1) && !/^(i|show|tell|who|what|which|how|is|are)$/.test(tokens[start - 1]!.simple)) start--;
      let end = i + 1;
      while (end < tokens.length && !covered[end]) {
        if (!ordinary(end) || capitalised(end)) {
          end++;
          continue;
        }
        // "of", "and", "&" inside a name, when an unknown or capitalised word follows.
        if (FILLER.has(tokens[end]!.simple) && end + 1 < tokens.length && !covered[end + 1] && (!ordinary(end + 1) || capitalised(end + 1))) {
          end += 2;
          continue;
        }
        break;
      }
      const text = tokens.slice(start, end).map((t) => t.text).join(' ');
      // Figures are not names: "£2,000 a month" or "10 hours a week" typed as an answer is not a partnership
      // called "£2 000" or "10 hours" (a name may start with a digit, as "2gether Trust" does, not with a figure).
      if (/\p{L}/u.test(text) && !/^[£$€]?\d[\d,.]*$/u.test(tokens[start]!.text)) runs.push({ type: 'partnership', value: text, text, start, end, unresolved: true });
      i = end;
    }
    return runs;
  }
}

type Candidate = { type: string; value: string; start: number; end: number; strength: number };

/** Longest first, then strongest, then by type order; equally good readings of one span are kept together. */
function pickNonOverlapping(candidates: Candidate[]): Candidate[][] {
  const rank = (type: string) => TYPE_ORDER.indexOf(type as EntityType);
  const sorted = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) || Math.floor(b.strength) - Math.floor(a.strength) || rank(a.type) - rank(b.type) || b.strength - a.strength || a.start - b.start,
  );
  const groups: Candidate[][] = [];
  const taken: boolean[] = [];
  for (const c of sorted) {
    const group = groups.find((g) => g[0]!.start === c.start && g[0]!.end === c.end && g[0]!.type === c.type && g[0]!.strength === c.strength);
    if (group) {
      if (!group.some((g) => g.value === c.value)) group.push(c);
      continue;
    }
    let free = true;
    for (let k = c.start; k < c.end; k++) if (taken[k]) free = false;
    if (!free) continue;
    for (let k = c.start; k < c.end; k++) taken[k] = true;
    groups.push([c]);
  }
  return groups;
}

/** A partnership's full name (with or without "the" and "partnership"), its initials, and distinctive parts of it. */
function partnershipSurfaces(name: string, commonWords: ReadonlySet<string>): Surface[] {
  const words = simpleWords(name);
  const surfaces: Surface[] = [{ words, strength: 3 }];
  const core = words[0] === 'the' ? words.slice(1) : words;
  if (core !== words) surfaces.push({ words: core, strength: 3 });
  if (core.at(-1) === 'partnership' && core.length > 1) surfaces.push({ words: core.slice(0, -1), strength: 2.5 });
  else surfaces.push({ words: [...core, 'partnership'], strength: 3 });
  const initials = new Set<string>();
  initials.add(core.map((w) => w[0]).join(''));
  initials.add(core.filter((w) => !FILLER.has(w)).map((w) => w[0]).join(''));
  const own = /\(([A-Za-z]{2,8})\)/.exec(name)?.[1]?.toLowerCase();
  if (own) initials.add(own);
  for (const i of initials) if (i.length >= 2 && !commonWords.has(i)) surfaces.push({ words: [i], strength: 2 });
  const parts = partsOf(core, commonWords, 3);
  // "the town centre partnership" for the Rayleigh Town Centre Partnership: the name without its first
  // word (a place) names it when three or more words are left, even words many names share, but only
  // after "the": "a new town centre partnership" is one still to be registered.
  const rest = core.slice(1);
  if (rest.length >= 3 && !FILLER.has(rest[0]!) && !parts.some((p) => p.words.join(' ') === rest.join(' '))) parts.push({ words: ['the', ...rest], strength: 1 + rest.length / (core.length + 1) });
  for (const part of parts) {
    surfaces.push(part);
    // "the Rayleigh partnership" for the Rayleigh Town Centre Partnership.
    if (core.at(-1) === 'partnership' && part.words.at(-1) !== 'partnership') surfaces.push({ words: [...part.words, 'partnership'], strength: part.strength });
  }
  return surfaces;
}

function organisationSurfaces(name: string, commonWords: ReadonlySet<string>): Surface[] {
  const words = simpleWords(name);
  const core = words[0] === 'the' ? words.slice(1) : words;
  return [{ words: core, strength: 3 }, ...partsOf(core, commonWords, 4)];
}

/** Parts of a name: each run of its words with at least one (this long) that is neither generic nor an ordinary word. */
function partsOf(core: readonly string[], commonWords: ReadonlySet<string>, shortest: number): Surface[] {
  const parts: Surface[] = [];
  for (let s = 0; s < core.length; s++) {
    for (let e = s + 1; e <= core.length; e++) {
      if (s === 0 && e === core.length) continue;
      const part = core.slice(s, e);
      if (FILLER.has(part[0]!) || FILLER.has(part.at(-1)!)) continue;
      if (!part.some((w) => !GENERIC.has(w) && !commonWords.has(w) && w.length >= shortest)) continue;
      parts.push({ words: part, strength: 1 + part.length / (core.length + 1) });
    }
  }
  return parts;
}

/** Entries for the configuration's terms. */
function termEntries(reference: ReferenceTerms): GazetteerEntry[] {
  const entries: GazetteerEntry[] = [];
  const add = (type: EntityType, value: string, phrases: readonly string[]) => {
    const surfaces = [...new Set(phrases.map((p) => simpleWords(p).join(' ')))].filter(Boolean).map((p) => ({ words: p.split(' '), strength: 3 }));
    entries.push({ type, value, surfaces });
  };
  const { terms } = reference;
  for (const [value, phrases] of Object.entries(terms.status)) add('status', value, phrases);
  for (const [value, phrases] of Object.entries(terms.stage)) add('stage', value, phrases);
  for (const [value, phrases] of Object.entries(terms.significance)) add('significance', value, phrases);
  for (const [value, phrases] of Object.entries(terms.risk)) add('risk', value, phrases);
  for (const [value, phrases] of Object.entries(terms.outcome)) add('outcome', value, phrases);
  for (const [value, phrases] of Object.entries(terms.role)) add('role', value, phrases);
  for (const [value, phrases] of Object.entries(terms.order)) add('order', value, phrases);
  for (const area of reference.areas) {
    const label = area.label.replace(/\s*\(.*\)$/, '');
    add('area', area.value, [label, area.value, ...(terms.areaSynonyms[area.value] ?? [])]);
  }
  for (const priority of reference.priorities) {
    add('priority', priority.value, [priority.label, ...(terms.prioritySynonyms[priority.value] ?? [])]);
  }
  return entries;
}
