import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeRecord, createOnce, decideRecordChange, MAX_CHANGE_ATTEMPTS } from '../../src/storage/changeRecord.js';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';
import { isRecordNotFound, isStaleRecord, isStorageUnavailable } from '../../src/storage/storageErrors.js';
import { FaultyStore } from '../support/faultyStore.js';

interface Tally {
  n: number;
  by: string[];
}

const key = { kind: 'tally', partition: 'p1', id: 't1' };
const add =
  (who: string) =>
  (current: unknown): Tally => {
    const tally = current as Tally | undefined;
    return { n: (tally?.n ?? 0) + 1, by: [...(tally?.by ?? []), who] };
  };

/** The real SQLite store, with a rival writer that gets in first on command (real stale etags and conflicts). */
let inner: SqliteRecordStore;
let store: FaultyStore;

beforeEach(() => {
  inner = new SqliteRecordStore(':memory:');
  store = new FaultyStore(inner);
});
afterEach(async () => {
  await inner.close();
});

async function stored(): Promise<Tally | undefined> {
  return (await inner.read<Tally>(key))?.body;
}

describe('changeRecord', () => {
  it('replaces an existing record with the changed body, reporting before and after', async () => {
    await inner.create(key, { n: 1, by: ['seed'] });
    const outcome = await changeRecord<Tally>(store, key, add('me'));
    expect(outcome).toEqual({ before: { n: 1, by: ['seed'] }, after: { n: 2, by: ['seed', 'me'] }, written: true });
    expect(await stored()).toEqual({ n: 2, by: ['seed', 'me'] });
  });

  it('creates a record the change makes from nothing', async () => {
    const outcome = await changeRecord<Tally>(store, key, add('me'));
    expect(outcome).toEqual({ before: undefined, after: { n: 1, by: ['me'] }, written: true });
    expect(await stored()).toEqual({ n: 1, by: ['me'] });
  });

  it('writes nothing when the change returns undefined, present or absent', async () => {
    expect(await changeRecord(store, key, () => undefined)).toEqual({ before: undefined, after: undefined, written: false });
    expect(await stored()).toBeUndefined();
    const seeded = await inner.create(key, { n: 1, by: [] });
    expect(await changeRecord(store, key, () => undefined)).toEqual({ before: { n: 1, by: [] }, after: { n: 1, by: [] }, written: false });
    expect((await inner.read(key))?.etag).toBe(seeded.etag);
  });

  it('on a stale etag reads again and applies the change to the newer version', async () => {
    await inner.create(key, { n: 0, by: [] });
    store.rivalWritesBeforeNext(1, add('rival'));
    const seen: Array<Tally | undefined> = [];
    const outcome = await changeRecord<Tally>(store, key, (current) => {
      seen.push(current);
      return add('me')(current);
    });
    expect(seen).toEqual([{ n: 0, by: [] }, { n: 1, by: ['rival'] }]);
    expect(outcome).toEqual({ before: { n: 1, by: ['rival'] }, after: { n: 2, by: ['rival', 'me'] }, written: true });
    expect(await stored()).toEqual({ n: 2, by: ['rival', 'me'] });
  });

  it('when a create meets a record made meanwhile, applies the change to that record', async () => {
    store.rivalWritesBeforeNext(1, add('rival'));
    const outcome = await changeRecord<Tally>(store, key, add('me'));
    expect(outcome.before).toEqual({ n: 1, by: ['rival'] });
    expect(await stored()).toEqual({ n: 2, by: ['rival', 'me'] });
  });

  it('when the record is deleted meanwhile, decides again on its absence', async () => {
    await inner.create(key, { n: 5, by: [] });
    store.rivalWritesBeforeNext(1, () => undefined);
    const outcome = await changeRecord<Tally>(store, key, (current) => (current ? add('me')(current) : undefined));
    expect(outcome).toEqual({ before: undefined, after: undefined, written: false });
    expect(await stored()).toBeUndefined();
  });

  it(`gives up after ${MAX_CHANGE_ATTEMPTS} attempts with the last StaleRecordError, having written nothing`, async () => {
    await inner.create(key, { n: 0, by: [] });
    store.rivalWritesBeforeNext(100, add('rival'));
    let decisions = 0;
    const error = await changeRecord<Tally>(store, key, (current) => {
      decisions++;
      return add('me')(current);
    }).catch((e: unknown) => e);
    expect(isStaleRecord(error)).toBe(true);
    expect(decisions).toBe(MAX_CHANGE_ATTEMPTS);
    expect((await stored())?.by).toEqual(Array(MAX_CHANGE_ATTEMPTS).fill('rival'));
  });

  it('honours a smaller bound, throwing what the last attempt met (here a record deleted meanwhile)', async () => {
    // The rival creates before our create (a conflict), then deletes before our replace (not found).
    store.rivalWritesBeforeNext(100, (current) => (current ? undefined : { n: 0, by: ['rival'] }));
    let decisions = 0;
    const error = await changeRecord<Tally>(
      store,
      key,
      (current) => {
        decisions++;
        return add('me')(current);
      },
      { attempts: 2 },
    ).catch((e: unknown) => e);
    expect(decisions).toBe(2);
    expect(isRecordNotFound(error)).toBe(true);
    expect(await stored()).toBeUndefined();
  });

  it('does not retry an outage: the StorageUnavailableError of the write reaches the caller at once', async () => {
    await inner.create(key, { n: 0, by: [] });
    let decisions = 0;
    const error = await changeRecord<Tally>(store, key, (current) => {
      decisions++;
      store.failNext(1); // the write that follows this decision
      return add('me')(current);
    }).catch((e: unknown) => e);
    expect(isStorageUnavailable(error)).toBe(true);
    expect(decisions).toBe(1);
    expect(await stored()).toEqual({ n: 0, by: [] });
  });

  it('does not retry an error of the change itself', async () => {
    let decisions = 0;
    const failing = changeRecord(store, key, () => {
      decisions++;
      throw new Error('no such person');
    });
    await expect(failing).rejects.toThrow('no such person');
    expect(decisions).toBe(1);
  });

  it('awaits a change that reads other records first', async () => {
    await inner.create({ ...key, id: 'source' }, { n: 41, by: [] });
    const outcome = await changeRecord<Tally>(store, key, async () => {
      const source = await store.read<Tally>({ ...key, id: 'source' });
      return { n: source!.body.n + 1, by: ['derived'] };
    });
    expect(outcome.after).toEqual({ n: 42, by: ['derived'] });
  });
});

describe('decideRecordChange', () => {
  it('returns the result of the decision that was saved, not of one that met a newer version', async () => {
    await inner.create(key, { n: 0, by: [] });
    store.rivalWritesBeforeNext(1, add('rival'));
    const outcome = await decideRecordChange<Tally, string>(store, key, (current) => ({
      body: add('me')(current),
      result: `decided on ${current?.n}`,
    }));
    expect(outcome.result).toBe('decided on 1');
    expect(outcome.written).toBe(true);
  });

  it('returns the result of a decision that writes nothing', async () => {
    const outcome = await decideRecordChange<Tally, string>(store, key, (current) => ({ result: current ? 'found' : 'gone' }));
    expect(outcome).toEqual({ before: undefined, after: undefined, written: false, result: 'gone' });
  });
});

describe('createOnce', () => {
  it('creates the first time and returns the stored body afterwards, without reading when it creates', async () => {
    let reads = 0;
    const reading = Object.assign(Object.create(store) as FaultyStore, {
      read: (k: typeof key) => {
        reads++;
        return store.read(k);
      },
    });
    expect(await createOnce(reading, key, { n: 1, by: ['first'] })).toEqual({ body: { n: 1, by: ['first'] }, created: true });
    expect(reads).toBe(0);
    expect(await createOnce(reading, key, { n: 2, by: ['second'] })).toEqual({ body: { n: 1, by: ['first'] }, created: false });
    expect(await stored()).toEqual({ n: 1, by: ['first'] });
  });

  it('creates after all when the record it met is deleted before it is read', async () => {
    store.rivalWritesBeforeNext(1, () => ({ n: 9, by: ['rival'] }));
    // The rival's record is there for our create to meet; it goes before we read it.
    const realRead = store.read.bind(store);
    let first = true;
    store.read = async <T,>(k: typeof key) => {
      if (first) {
        first = false;
        await inner.delete(k);
      }
      return realRead<T>(k);
    };
    expect(await createOnce(store, key, { n: 1, by: ['me'] })).toEqual({ body: { n: 1, by: ['me'] }, created: true });
    expect(await stored()).toEqual({ n: 1, by: ['me'] });
  });
});
