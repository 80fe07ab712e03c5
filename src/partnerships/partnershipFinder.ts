import Fuse from 'fuse.js';
import { simpleWords } from '../util/simpleWords.js';

/** What the finder needs of a register entry. */
export interface NamedEntry {
  id: string;
  name: string;
}

export type FindResult<T extends NamedEntry> =
  | { kind: 'one'; match: T }
  | { kind: 'several'; matches: T[] }
  | { kind: 'none' };

const MAX_CHOICES = 5;
/** Fuse scores run from 0 (perfect) to 1; above this a match is too loose to offer. */
const LOOSEST_MATCH = 0.4;
/** Matches this close to the best one are offered alongside it. */
const NEAR_BEST = 0.1;
const FILLER_WORDS = new Set(['the', 'a', 'an', 'of', 'and', 'for', '&']);

/**
 * Finds partnerships named in plain words, forgiving typos, partial names and
 * initials ("CSP" for the Community Safety Partnership). Several close matches
 * come back as a list so the officer can pick one; the caller never guesses.
 */
export function findByName<T extends NamedEntry>(query: string, entries: readonly T[]): FindResult<T> {
  const wanted = simplify(query).replace(/^the /, '');
  if (!wanted) return { kind: 'none' };

  const exact = entries.filter((e) => simplify(e.name) === wanted);
  if (exact.length > 0) return result(exact);
  // "the Youth Forum partnership" names the Youth Forum.
  const shorter = wanted.replace(/ partnership$/, '');
  const exactShorter = entries.filter((e) => simplify(e.name) === shorter);
  if (exactShorter.length > 0) return result(exactShorter);

  if (/^[a-z]{2,8}$/.test(wanted)) {
    const byInitials = entries.filter((e) => initialsOf(e.name).includes(wanted));
    if (byInitials.length > 0) return result(byInitials);
  }

  const contained = entries.filter((e) => ` ${simplify(e.name)} `.includes(` ${shorter} `));
  if (contained.length > 0) return result(contained);

  const fuse = new Fuse(entries.map((entry) => ({ entry, simple: simplify(entry.name) })), {
    keys: ['simple'],
    includeScore: true,
    ignoreLocation: true,
    threshold: LOOSEST_MATCH,
  });
  const hits = fuse.search(wanted).filter((h) => (h.score ?? 1) <= LOOSEST_MATCH);
  if (hits.length === 0) return { kind: 'none' };
  const best = hits[0]!.score ?? 0;
  return result(hits.filter((h) => (h.score ?? 1) <= best + NEAR_BEST).map((h) => h.item.entry));
}

function result<T extends NamedEntry>(matches: T[]): FindResult<T> {
  const unique = [...new Map(matches.map((m) => [m.id, m])).values()];
  return unique.length === 1 ? { kind: 'one', match: unique[0]! } : { kind: 'several', matches: unique.slice(0, MAX_CHOICES) };
}

/** Lower case, plain letters and digits, filler words kept (they matter for exact names). */
const simplify = simpleWords;

/** "Community Safety Partnership" gives "csp"; filler words may be left out ("Friends of the Park": "fotp" or "fp"). */
function initialsOf(name: string): string[] {
  const words = simplify(name).split(' ').filter((w) => w.length > 0);
  const all = words.map((w) => w[0]).join('');
  const significant = words.filter((w) => !FILLER_WORDS.has(w)).map((w) => w[0]).join('');
  // Names often carry their own initials in brackets, e.g. "Local Strategic Partnership (LSP)".
  const own = /\(([A-Za-z]{2,8})\)/.exec(name)?.[1]?.toLowerCase();
  return [all, significant, ...(own ? [own] : [])].filter((s) => s.length >= 2);
}

/**
 * Entries whose names are equal or very close to `name` (security report M5):
 * the same words once case, punctuation and "&" are set aside, the same but for
 * a trailing "partnership", or one or two letters apart. Registering or
 * importing such a name asks whether it is the same partnership.
 */
export function similarNames<T extends NamedEntry>(name: string, entries: readonly T[]): T[] {
  const wanted = simplify(name);
  if (!wanted) return [];
  const bare = (s: string) => s.replace(/^the /, '').replace(/ partnership$/, '');
  const digits = (s: string) => s.replace(/\D+/g, ' ').trim();
  const same = entries.filter((e) => simplify(e.name) === wanted || bare(simplify(e.name)) === bare(wanted));
  // A slip of a letter or two is close; a different number ("Forum 01", "Forum 30") is another partnership.
  const close = entries.filter((e) => {
    const other = simplify(e.name);
    const allowed = Math.min(2, Math.floor(Math.max(other.length, wanted.length) / 8));
    return !same.includes(e) && allowed > 0 && digits(other) === digits(wanted) && editDistance(other, wanted, allowed) <= allowed;
  });
  return [...same, ...close];
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]!);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
