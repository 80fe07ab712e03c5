import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Condition, RecordKey, RecordPage, RecordQuery, RecordStore } from '../../src/storage/recordStore.js';
import { changeRecord, createOnce, MAX_CHANGE_ATTEMPTS } from '../../src/storage/changeRecord.js';
import { isRecordConflict, isRecordNotFound, isStaleRecord, isStorageThrottled, isStorageUnavailable, RecordConflictError, RecordNotFoundError, StaleRecordError, StorageUnavailableError } from '../../src/storage/storageErrors.js';
import { FaultyStore } from '../support/faultyStore.js';

interface Partnership {
  name: string;
  status: 'active' | 'paused' | 'closed';
  nextReviewDue: string;
  score: number;
  tags: string[];
  active: boolean;
  note: string | null;
  lead: { objectId: string };
  /** Named like an SQL keyword on purpose. */
  value: number;
}

const KIND = 'partnership';

/** Five partnerships over three partitions, plus a record of another kind that would match most filters. */
const PARTNERSHIPS: Array<{ id: string; partition: string; body: Partnership }> = [
  {
    id: 'alpha',
    partition: 'team-a',
    body: {
      name: 'Alpha Trust',
      status: 'active',
      nextReviewDue: '2025-01-15T09:00:00.000Z',
      score: 10,
      tags: ['health', 'youth'],
      active: true,
      note: null,
      lead: { objectId: 'u1' },
      value: 1,
    },
  },
  {
    id: 'bravo',
    partition: 'team-a',
    body: {
      name: 'Bravo Council',
      status: 'paused',
      nextReviewDue: '2025-03-01T00:00:00.000Z',
      score: 20,
      tags: ['housing'],
      active: false,
      note: 'on hold',
      lead: { objectId: 'u2' },
      value: 2,
    },
  },
  {
    id: 'charlie',
    partition: 'team-b',
    body: {
      name: 'Charlie Hub',
      status: 'active',
      nextReviewDue: '2025-06-30T12:30:00.000Z',
      score: 30,
      tags: ['youth'],
      active: true,
      note: null,
      lead: { objectId: 'u1' },
      value: 3,
    },
  },
  {
    id: 'delta',
    partition: 'team-b',
    body: {
      name: 'Delta Group',
      status: 'closed',
      nextReviewDue: '2025-12-01T08:00:00.000Z',
      score: 40,
      tags: [],
      active: false,
      note: 'ended',
      lead: { objectId: 'u3' },
      value: 4,
    },
  },
  {
    id: 'echo',
    partition: 'team-c',
    body: {
      name: 'Echo Partners',
      status: 'active',
      nextReviewDue: '2026-02-10T17:45:00.000Z',
      score: 50,
      tags: ['health'],
      active: true,
      note: 'new',
      lead: { objectId: 'u2' },
      value: 5,
    },
  },
];

function key(id: string, partition = 'team-a', kind = KIND): RecordKey {
  return { kind, partition, id };
}

function sortedIds(page: RecordPage<unknown>): string[] {
  return page.items.map((r) => r.id).sort();
}

function orderedIds(page: RecordPage<unknown>): string[] {
  return page.items.map((r) => r.id);
}

/** Reads every page of a query, checking along the way that only the last page lacks a continuation. */
async function allPages<T>(store: RecordStore, query: RecordQuery): Promise<Array<RecordPage<T>>> {
  const pages: Array<RecordPage<T>> = [];
  let continuation: string | undefined;
  do {
    const page = await store.query<T>({ ...query, continuation });
    pages.push(page);
    continuation = page.continuation;
    if (pages.length > 50) throw new Error('query did not finish paging');
  } while (continuation !== undefined);
  return pages;
}

const GUARDS = { isStaleRecord, isRecordConflict, isRecordNotFound, isStorageUnavailable, isStorageThrottled };

/** The names of the guards that recognise what `attempt` failed with. */
async function guardsRecognising(attempt: Promise<unknown>): Promise<string[]> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  return Object.entries(GUARDS)
    .filter(([, guard]) => guard(error))
    .map(([name]) => name);
}

/** A store that cannot answer (its server gone, its database closed), and how to put it away. */
export interface UnreachableStore {
  store: RecordStore;
  dispose(): Promise<void>;
}

/**
 * The behaviour every RecordStore adapter must share. `open` gives a store with no records
 * (called before each test; the store is closed after it); `cleanup` runs once after all tests;
 * `openUnreachable` gives a store that holds a record (`partnership` `alpha` in `team-a`) but can no longer answer.
 */
export function recordStoreContract(
  name: string,
  open: () => Promise<RecordStore>,
  cleanup: (() => Promise<void>) | undefined,
  openUnreachable: () => Promise<UnreachableStore>,
): void {
  describe(`RecordStore contract: ${name}`, () => {
    let store: RecordStore;

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await cleanup?.();
    });

    async function seedPartnerships(): Promise<void> {
      for (const p of PARTNERSHIPS) await store.create(key(p.id, p.partition), p.body);
      // Another kind with the same ids and bodies: kind filters must keep these out.
      await store.create(key('alpha', 'team-a', 'person'), PARTNERSHIPS[0]!.body);
      await store.create(key('zulu', 'team-b', 'person'), PARTNERSHIPS[2]!.body);
    }

    async function idsWhere(where: Condition[], partition?: string): Promise<string[]> {
      return sortedIds(await store.query({ kind: KIND, partition, where }));
    }

    describe('create and read', () => {
      it('round-trips kind, partition, id and body, with an etag and an updatedAt', async () => {
        const body = {
          title: 'Joint venture — “Ørsted” café',
          counts: [1, 2.5, -3],
          nested: { flag: false, empty: null, list: [{ a: 'b' }] },
        };
        const before = Date.now();
        const created = await store.create(key('rec-1', 'part-1', 'draft'), body);
        const after = Date.now();

        expect(created).toMatchObject({ kind: 'draft', partition: 'part-1', id: 'rec-1', body });
        expect(typeof created.etag).toBe('string');
        expect(created.etag.length).toBeGreaterThan(0);
        expect(new Date(created.updatedAt).toISOString()).toBe(created.updatedAt);
        expect(Date.parse(created.updatedAt)).toBeGreaterThanOrEqual(before - 1000);
        expect(Date.parse(created.updatedAt)).toBeLessThanOrEqual(after + 1000);

        const read = await store.read<typeof body>(key('rec-1', 'part-1', 'draft'));
        expect(read).toEqual(created);
      });

      it('reads a missing record as undefined', async () => {
        expect(await store.read(key('nobody'))).toBeUndefined();
      });

      it('refuses to create a record that exists, and keeps the original', async () => {
        const original = await store.create(key('dup'), { v: 1 });
        const attempt = store.create(key('dup'), { v: 2 });
        await expect(attempt).rejects.toBeInstanceOf(RecordConflictError);
        await expect(attempt).rejects.toMatchObject({ name: 'RecordConflictError', key: key('dup') });
        expect(await store.read(key('dup'))).toEqual(original);
      });

      it('treats the same id in another partition or another kind as a different record', async () => {
        await store.create(key('same', 'p1', 'k1'), { who: 'p1/k1' });
        await store.create(key('same', 'p2', 'k1'), { who: 'p2/k1' });
        await store.create(key('same', 'p1', 'k2'), { who: 'p1/k2' });

        expect((await store.read<{ who: string }>(key('same', 'p1', 'k1')))?.body.who).toBe('p1/k1');
        expect((await store.read<{ who: string }>(key('same', 'p2', 'k1')))?.body.who).toBe('p2/k1');
        expect((await store.read<{ who: string }>(key('same', 'p1', 'k2')))?.body.who).toBe('p1/k2');
        expect(await store.read(key('same', 'p2', 'k2'))).toBeUndefined();

        expect(await store.delete(key('same', 'p1', 'k1'))).toBe(true);
        expect(await store.read(key('same', 'p1', 'k1'))).toBeUndefined();
        expect((await store.read<{ who: string }>(key('same', 'p2', 'k1')))?.body.who).toBe('p2/k1');
        expect((await store.read<{ who: string }>(key('same', 'p1', 'k2')))?.body.who).toBe('p1/k2');
      });
    });

    describe('replace', () => {
      it('replaces with the current etag and issues a new one', async () => {
        const created = await store.create(key('r'), { step: 1 });
        const replaced = await store.replace(key('r'), { step: 2 }, created.etag);

        expect(replaced).toMatchObject({ kind: KIND, partition: 'team-a', id: 'r', body: { step: 2 } });
        expect(replaced.etag).not.toBe(created.etag);
        expect(Date.parse(replaced.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
        expect(await store.read(key('r'))).toEqual(replaced);
      });

      it('refuses a stale etag and leaves the stored body unchanged', async () => {
        const created = await store.create(key('r'), { step: 1 });
        const current = await store.replace(key('r'), { step: 2 }, created.etag);

        const attempt = store.replace(key('r'), { step: 3 }, created.etag);
        await expect(attempt).rejects.toBeInstanceOf(StaleRecordError);
        await expect(attempt).rejects.toMatchObject({ name: 'StaleRecordError' });
        expect(await store.read(key('r'))).toEqual(current);
      });

      it('refuses to replace a missing record', async () => {
        const attempt = store.replace(key('ghost'), { step: 1 }, 'some-etag');
        await expect(attempt).rejects.toBeInstanceOf(RecordNotFoundError);
        await expect(attempt).rejects.toMatchObject({ name: 'RecordNotFoundError' });
        expect(await store.read(key('ghost'))).toBeUndefined();
      });
    });

    describe('upsert', () => {
      it('creates a missing record', async () => {
        const written = await store.upsert(key('u'), { n: 1 });
        expect(written).toMatchObject({ kind: KIND, partition: 'team-a', id: 'u', body: { n: 1 } });
        expect(await store.read(key('u'))).toEqual(written);
      });

      it('overwrites an existing record whatever its etag', async () => {
        const first = await store.create(key('u'), { n: 1, old: true });
        await store.replace(key('u'), { n: 2 }, first.etag);
        const second = await store.upsert(key('u'), { n: 3 });
        expect(second.body).toEqual({ n: 3 });
        expect(second.etag).not.toBe(first.etag);
        expect(await store.read(key('u'))).toEqual(second);
      });
    });

    describe('delete', () => {
      it('returns true when it deleted something, then false', async () => {
        await store.create(key('d'), { n: 1 });
        expect(await store.delete(key('d'))).toBe(true);
        expect(await store.read(key('d'))).toBeUndefined();
        expect(await store.delete(key('d'))).toBe(false);
      });

      it('refuses a stale etag and keeps the record; deletes with the current one', async () => {
        const created = await store.create(key('d'), { n: 1 });
        const current = await store.replace(key('d'), { n: 2 }, created.etag);

        const attempt = store.delete(key('d'), created.etag);
        await expect(attempt).rejects.toBeInstanceOf(StaleRecordError);
        expect(await store.read(key('d'))).toEqual(current);

        expect(await store.delete(key('d'), current.etag)).toBe(true);
        expect(await store.read(key('d'))).toBeUndefined();
      });
    });

    describe('query', () => {
      it('returns every record of a kind, and only that kind, as full records', async () => {
        await seedPartnerships();
        const page = await store.query<Partnership>({ kind: KIND });
        expect(sortedIds(page)).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
        expect(page.continuation).toBeUndefined();
        for (const item of page.items) {
          expect(item.kind).toBe(KIND);
          expect(item).toEqual(await store.read(key(item.id, item.partition)));
        }
        expect(sortedIds(await store.query({ kind: 'person' }))).toEqual(['alpha', 'zulu']);
        expect((await store.query({ kind: 'nothing' })).items).toEqual([]);
      });

      it('keeps to one partition when given one', async () => {
        await seedPartnerships();
        const page = await store.query({ kind: KIND, partition: 'team-a' });
        expect(sortedIds(page)).toEqual(['alpha', 'bravo']);
        expect(page.items.every((r) => r.partition === 'team-a')).toBe(true);
        expect(sortedIds(await store.query({ kind: KIND, partition: 'team-b' }))).toEqual(['charlie', 'delta']);
        expect(sortedIds(await store.query({ kind: 'person', partition: 'team-b' }))).toEqual(['zulu']);
        expect((await store.query({ kind: KIND, partition: 'team-z' })).items).toEqual([]);
        expect(await idsWhere([{ field: 'status', op: '=', value: 'active' }], 'team-b')).toEqual(['charlie']);
      });

      it('compares ISO date strings with = != < <= > >=', async () => {
        await seedPartnerships();
        const due = '2025-06-30T12:30:00.000Z';
        expect(await idsWhere([{ field: 'nextReviewDue', op: '=', value: due }])).toEqual(['charlie']);
        expect(await idsWhere([{ field: 'nextReviewDue', op: '!=', value: due }])).toEqual(['alpha', 'bravo', 'delta', 'echo']);
        expect(await idsWhere([{ field: 'nextReviewDue', op: '<', value: due }])).toEqual(['alpha', 'bravo']);
        expect(await idsWhere([{ field: 'nextReviewDue', op: '<=', value: due }])).toEqual(['alpha', 'bravo', 'charlie']);
        expect(await idsWhere([{ field: 'nextReviewDue', op: '>', value: due }])).toEqual(['delta', 'echo']);
        expect(await idsWhere([{ field: 'nextReviewDue', op: '>=', value: due }])).toEqual(['charlie', 'delta', 'echo']);
        // A date range, as the "reviews due" question asks.
        expect(
          await idsWhere([
            { field: 'nextReviewDue', op: '>=', value: '2025-02-01T00:00:00.000Z' },
            { field: 'nextReviewDue', op: '<', value: '2025-12-01T08:00:00.000Z' },
          ]),
        ).toEqual(['bravo', 'charlie']);
      });

      it('compares plain strings with = and !=', async () => {
        await seedPartnerships();
        expect(await idsWhere([{ field: 'status', op: '=', value: 'active' }])).toEqual(['alpha', 'charlie', 'echo']);
        expect(await idsWhere([{ field: 'status', op: '!=', value: 'active' }])).toEqual(['bravo', 'delta']);
        expect(await idsWhere([{ field: 'status', op: '=', value: 'Active' }])).toEqual([]);
      });

      it('compares numbers with = != < <= > >=', async () => {
        await seedPartnerships();
        expect(await idsWhere([{ field: 'score', op: '=', value: 30 }])).toEqual(['charlie']);
        expect(await idsWhere([{ field: 'score', op: '!=', value: 30 }])).toEqual(['alpha', 'bravo', 'delta', 'echo']);
        expect(await idsWhere([{ field: 'score', op: '<', value: 30 }])).toEqual(['alpha', 'bravo']);
        expect(await idsWhere([{ field: 'score', op: '<=', value: 30 }])).toEqual(['alpha', 'bravo', 'charlie']);
        expect(await idsWhere([{ field: 'score', op: '>', value: 30 }])).toEqual(['delta', 'echo']);
        expect(await idsWhere([{ field: 'score', op: '>=', value: 30 }])).toEqual(['charlie', 'delta', 'echo']);
        // Numeric, not textual: "5" > "40" as text, 5 < 40 as numbers.
        expect(await idsWhere([{ field: 'value', op: '<', value: 40 }])).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
      });

      it('combines conditions with AND', async () => {
        await seedPartnerships();
        expect(
          await idsWhere([
            { field: 'status', op: '=', value: 'active' },
            { field: 'score', op: '>=', value: 30 },
          ]),
        ).toEqual(['charlie', 'echo']);
      });

      it('matches booleans by equality', async () => {
        await seedPartnerships();
        expect(await idsWhere([{ field: 'active', op: '=', value: true }])).toEqual(['alpha', 'charlie', 'echo']);
        expect(await idsWhere([{ field: 'active', op: '=', value: false }])).toEqual(['bravo', 'delta']);
      });

      it('matches null with = null and != null, a missing field counting as null', async () => {
        await seedPartnerships();
        const { note: _omitted, ...withoutNote } = PARTNERSHIPS[1]!.body;
        await store.create(key('foxtrot', 'team-c'), withoutNote);
        expect(await idsWhere([{ field: 'note', op: '=', value: null }])).toEqual(['alpha', 'charlie', 'foxtrot']);
        expect(await idsWhere([{ field: 'note', op: '!=', value: null }])).toEqual(['bravo', 'delta', 'echo']);
      });

      it('matches a field against a list with in', async () => {
        await seedPartnerships();
        expect(await idsWhere([{ field: 'status', op: 'in', value: ['paused', 'closed'] }])).toEqual(['bravo', 'delta']);
        expect(await idsWhere([{ field: 'score', op: 'in', value: [10, 50, 99] }])).toEqual(['alpha', 'echo']);
        expect(await idsWhere([{ field: 'status', op: 'in', value: [] }])).toEqual([]);
      });

      it('finds records whose array field contains a value with arrayContains', async () => {
        await seedPartnerships();
        expect(await idsWhere([{ field: 'tags', op: 'arrayContains', value: 'youth' }])).toEqual(['alpha', 'charlie']);
        expect(await idsWhere([{ field: 'tags', op: 'arrayContains', value: 'health' }])).toEqual(['alpha', 'echo']);
        expect(await idsWhere([{ field: 'tags', op: 'arrayContains', value: 'heal' }])).toEqual([]);
      });

      it('matches a prefix, case-sensitively, with startsWith', async () => {
        await seedPartnerships();
        expect(await idsWhere([{ field: 'name', op: 'startsWith', value: 'Ch' }])).toEqual(['charlie']);
        expect(await idsWhere([{ field: 'name', op: 'startsWith', value: 'ch' }])).toEqual([]);
        expect(await idsWhere([{ field: 'nextReviewDue', op: 'startsWith', value: '2025-' }])).toEqual([
          'alpha',
          'bravo',
          'charlie',
          'delta',
        ]);
      });

      it('follows dotted field paths into nested objects', async () => {
        await seedPartnerships();
        expect(await idsWhere([{ field: 'lead.objectId', op: '=', value: 'u1' }])).toEqual(['alpha', 'charlie']);
      });

      it('orders by a date field ascending and descending', async () => {
        await seedPartnerships();
        const asc = await store.query({ kind: KIND, orderBy: { field: 'nextReviewDue', direction: 'asc' } });
        expect(orderedIds(asc)).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
        const byDefault = await store.query({ kind: KIND, orderBy: { field: 'nextReviewDue' } });
        expect(orderedIds(byDefault)).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
        const desc = await store.query({ kind: KIND, orderBy: { field: 'nextReviewDue', direction: 'desc' } });
        expect(orderedIds(desc)).toEqual(['echo', 'delta', 'charlie', 'bravo', 'alpha']);
        const filtered = await store.query({
          kind: KIND,
          where: [{ field: 'status', op: '=', value: 'active' }],
          orderBy: { field: 'nextReviewDue', direction: 'desc' },
        });
        expect(orderedIds(filtered)).toEqual(['echo', 'charlie', 'alpha']);
      });

      describe('paging', () => {
        const ids = Array.from({ length: 25 }, (_, i) => `item-${String(i).padStart(2, '0')}`);

        async function seedItems(partitionOf: (i: number) => string): Promise<void> {
          // Written out of order so that insertion order cannot pass for sorting.
          const order = ids.map((_, i) => (i * 7) % ids.length);
          for (const i of order) await store.create(key(ids[i]!, partitionOf(i), 'item'), { n: i, even: i % 2 === 0 });
        }

        it('splits 25 records into pages of 10, 10 and 5 without duplicates or gaps', async () => {
          await seedItems(() => 'bulk');
          const first = await store.query({ kind: 'item', partition: 'bulk', pageSize: 10 });
          expect(first.items).toHaveLength(10);
          expect(first.continuation).toEqual(expect.any(String));

          const second = await store.query({ kind: 'item', partition: 'bulk', pageSize: 10, continuation: first.continuation });
          expect(second.items).toHaveLength(10);
          expect(second.continuation).toEqual(expect.any(String));

          const third = await store.query({ kind: 'item', partition: 'bulk', pageSize: 10, continuation: second.continuation });
          expect(third.items).toHaveLength(5);
          expect(third.continuation).toBeUndefined();

          const all = [...orderedIds(first), ...orderedIds(second), ...orderedIds(third)];
          expect(all).toEqual(ids);
        });

        it('pages an ordered, filtered query in order', async () => {
          await seedItems(() => 'bulk');
          const pages = await allPages<{ n: number }>(store, {
            kind: 'item',
            partition: 'bulk',
            where: [{ field: 'n', op: '>=', value: 5 }],
            orderBy: { field: 'n', direction: 'desc' },
            pageSize: 7,
          });
          expect(pages.map((p) => p.items.length)).toEqual([7, 7, 6]);
          const ns = pages.flatMap((p) => p.items.map((r) => r.body.n));
          expect(ns).toEqual(Array.from({ length: 20 }, (_, i) => 24 - i));
        });

        it('pages across partitions without duplicates or gaps', async () => {
          await seedItems((i) => `shard-${i % 3}`);
          const pages = await allPages(store, { kind: 'item', pageSize: 10 });
          expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
          const all = pages.flatMap((p) => orderedIds(p));
          expect(new Set(all).size).toBe(25);
          expect([...all].sort()).toEqual(ids);
          for (const item of pages.flatMap((p) => p.items)) {
            expect(item.partition).toBe(`shard-${Number(item.id.slice(5)) % 3}`);
          }
        });

        it('gives one page when everything fits', async () => {
          await seedItems(() => 'bulk');
          const page = await store.query({ kind: 'item', pageSize: 25 });
          expect(page.items).toHaveLength(25);
          expect(page.continuation).toBeUndefined();
          expect((await store.query({ kind: 'item' })).items).toHaveLength(25);
        });

        it('rejects a page size outside 1..1000', async () => {
          await expect(store.query({ kind: 'item', pageSize: 0 })).rejects.toThrow(/page size/i);
          await expect(store.query({ kind: 'item', pageSize: 1001 })).rejects.toThrow(/page size/i);
        });
      });
    });

    describe('validation', () => {
      it('rejects an invalid field path in a condition or an order', async () => {
        await store.create(key('v'), { a: 1 });
        await expect(store.query({ kind: KIND, where: [{ field: 'a;DROP', op: '=', value: 1 }] })).rejects.toThrow(/Invalid field path/);
        await expect(store.query({ kind: KIND, where: [{ field: "a') OR 1=1 --", op: '=', value: 1 }] })).rejects.toThrow(
          /Invalid field path/,
        );
        await expect(store.query({ kind: KIND, orderBy: { field: 'a;DROP' } })).rejects.toThrow(/Invalid field path/);
        expect(await store.read(key('v'))).toBeDefined();
      });

      it('rejects an invalid key on every operation', async () => {
        const bad = key('a/b');
        await expect(store.create(bad, { n: 1 })).rejects.toThrow(/Invalid record id/);
        await expect(store.read(bad)).rejects.toThrow(/Invalid record id/);
        await expect(store.upsert(bad, { n: 1 })).rejects.toThrow(/Invalid record id/);
        await expect(store.replace(bad, { n: 1 }, 'etag')).rejects.toThrow(/Invalid record id/);
        await expect(store.delete(bad)).rejects.toThrow(/Invalid record id/);
        await expect(store.create(key('ok', 'team#1'), { n: 1 })).rejects.toThrow(/Invalid record partition/);
        expect((await store.query({ kind: KIND })).items).toEqual([]);
      });
    });

    describe('typed errors', () => {
      it('a create that meets an existing record fails with RecordConflictError, recognised by isRecordConflict alone', async () => {
        await store.create(key('dup'), { n: 1 });
        const attempt = store.create(key('dup'), { n: 2 });
        await expect(attempt).rejects.toBeInstanceOf(RecordConflictError);
        expect(await guardsRecognising(attempt)).toEqual(['isRecordConflict']);
      });

      it('a stale replace or delete fails with StaleRecordError, recognised by isStaleRecord alone', async () => {
        const created = await store.create(key('s'), { n: 1 });
        await store.replace(key('s'), { n: 2 }, created.etag);
        const replace = store.replace(key('s'), { n: 3 }, created.etag);
        await expect(replace).rejects.toBeInstanceOf(StaleRecordError);
        expect(await guardsRecognising(replace)).toEqual(['isStaleRecord']);
        const remove = store.delete(key('s'), created.etag);
        await expect(remove).rejects.toBeInstanceOf(StaleRecordError);
        expect(await guardsRecognising(remove)).toEqual(['isStaleRecord']);
      });

      it('a replace of a missing record fails with RecordNotFoundError, recognised by isRecordNotFound alone', async () => {
        const attempt = store.replace(key('nothing'), { n: 1 }, 'some-etag');
        await expect(attempt).rejects.toBeInstanceOf(RecordNotFoundError);
        expect(await guardsRecognising(attempt)).toEqual(['isRecordNotFound']);
      });

      it('a store that cannot answer fails with StorageUnavailableError on every operation, recognised by isStorageUnavailable alone', async () => {
        const unreachable = await openUnreachable();
        try {
          const down = unreachable.store;
          const alpha = key('alpha');
          // Started one at a time, so no failure waits unhandled while another is looked at.
          const operations: Array<() => Promise<unknown>> = [
            () => down.read(alpha),
            () => down.create(key('bravo'), { n: 1 }),
            () => down.replace(alpha, { n: 2 }, 'some-etag'),
            () => down.upsert(alpha, { n: 3 }),
            () => down.delete(alpha),
            () => down.query({ kind: KIND }),
            () => down.ping(),
          ];
          for (const operation of operations) {
            const attempt = operation();
            await expect(attempt).rejects.toBeInstanceOf(StorageUnavailableError);
            expect(await guardsRecognising(attempt)).toEqual(['isStorageUnavailable']);
          }
        } finally {
          await unreachable.dispose();
        }
      });
    });

    describe('changeRecord', () => {
      interface Tally {
        n: number;
        by: string[];
      }
      const tallyKey = key('tally');
      const add = (who: string) => (current: Tally | undefined): Tally => ({ n: (current?.n ?? 0) + 1, by: [...(current?.by ?? []), who] });

      it('applies two concurrent changes both, deciding the later one again on the newer version', async () => {
        await store.create(tallyKey, { n: 0, by: [] });
        const racing = new FaultyStore(store);
        // Both read version 1 before either writes.
        racing.meetAtNextReads(KIND, 2);
        let decisions = 0;
        const counted = (who: string) => (current: Tally | undefined) => {
          decisions++;
          return add(who)(current);
        };
        const [first, second] = await Promise.all([changeRecord(racing, tallyKey, counted('a')), changeRecord(racing, tallyKey, counted('b'))]);
        expect(decisions).toBe(3);
        expect([first.written, second.written]).toEqual([true, true]);
        const stored = await store.read<Tally>(tallyKey);
        expect(stored?.body.n).toBe(2);
        expect([...stored!.body.by].sort()).toEqual(['a', 'b']);
        // Each caller learns what it changed from and to, for its audit trail.
        const later = first.before!.n === 1 ? first : second;
        expect(later.before?.n).toBe(1);
        expect(later.after?.n).toBe(2);
      });

      it('creates when absent; of two concurrent creates, the one that meets a conflict applies its change to the other', async () => {
        const racing = new FaultyStore(store);
        racing.meetAtNextReads(KIND, 2);
        const both = await Promise.all([changeRecord(racing, tallyKey, add('a')), changeRecord(racing, tallyKey, add('b'))]);
        expect(both.map((c) => c.before === undefined).sort()).toEqual([false, true]);
        expect((await store.read<Tally>(tallyKey))?.body.n).toBe(2);
      });

      it('writes nothing when the change makes none', async () => {
        const created = await store.create(tallyKey, { n: 5, by: [] });
        const outcome = await changeRecord<Tally>(store, tallyKey, () => undefined);
        expect(outcome).toEqual({ before: { n: 5, by: [] }, after: { n: 5, by: [] }, written: false });
        expect((await store.read(tallyKey))?.etag).toBe(created.etag);
        expect(await changeRecord(store, key('absent'), () => undefined)).toEqual({ before: undefined, after: undefined, written: false });
        expect(await store.read(key('absent'))).toBeUndefined();
      });

      it(`gives up after ${MAX_CHANGE_ATTEMPTS} attempts when every write meets a newer version, with a StaleRecordError`, async () => {
        await store.create(tallyKey, { n: 0, by: [] });
        let decisions = 0;
        const attempt = changeRecord<Tally>(store, tallyKey, async (current) => {
          decisions++;
          // Someone else saves between this read and this write, every time.
          const latest = (await store.read<Tally>(tallyKey))!;
          await store.replace(tallyKey, add('rival')(latest.body), latest.etag);
          return add('me')(current);
        });
        await expect(attempt).rejects.toBeInstanceOf(StaleRecordError);
        expect(await guardsRecognising(attempt)).toEqual(['isStaleRecord']);
        expect(decisions).toBe(MAX_CHANGE_ATTEMPTS);
        const stored = (await store.read<Tally>(tallyKey))!.body;
        expect(stored.by).toEqual(Array(MAX_CHANGE_ATTEMPTS).fill('rival'));
      });

      it('createOnce creates once and afterwards returns what is stored', async () => {
        expect(await createOnce(store, tallyKey, { n: 1, by: ['first'] })).toEqual({ body: { n: 1, by: ['first'] }, created: true });
        expect(await createOnce(store, tallyKey, { n: 9, by: ['again'] })).toEqual({ body: { n: 1, by: ['first'] }, created: false });
        expect((await store.read<Tally>(tallyKey))?.body).toEqual({ n: 1, by: ['first'] });
      });
    });

    describe('health', () => {
      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('can be closed twice', async () => {
        await store.close();
        await expect(store.close()).resolves.toBeUndefined();
      });
    });
  });
}
