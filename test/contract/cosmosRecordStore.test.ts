import { Agent } from 'node:https';
import { CosmosClient, type Container, type FeedOptions } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosSettings } from '../../src/config/config.js';
import {
  CosmosRecordStore,
  openCosmosRecordStore,
  RECORDS_INDEXING_POLICY,
  RECORDS_PARTITION_KEY_PATH,
} from '../../src/storage/cosmosRecordStore.js';
import { isStorageThrottled, isStorageUnavailable, RecordConflictError, StorageThrottledError, StorageUnavailableError } from '../../src/storage/storageErrors.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { recordStoreContract } from './recordStore.contract.js';

let cosmos: FakeCosmos;

beforeAll(async () => {
  cosmos = await startFakeCosmos();
});
afterAll(async () => {
  await cosmos.close();
});

// settings() names a new database on every call, so each test starts empty.
recordStoreContract('cosmos (fake server)', () => openCosmosRecordStore(cosmos.settings()), undefined, async () => {
  // A server of its own that then goes away.
  const doomed = await startFakeCosmos();
  const store = await openCosmosRecordStore(doomed.settings());
  await store.create({ kind: 'partnership', partition: 'team-a', id: 'alpha' }, { n: 1 });
  await doomed.close();
  return {
    store,
    async dispose() {
      await store.close();
    },
  };
});

/** A raw SDK client, to look at what the adapter stored. */
function rawClient(settings: CosmosSettings): { client: CosmosClient; dispose(): void } {
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  const client = new CosmosClient({
    endpoint: settings.endpoint,
    key: settings.key,
    agent,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  return {
    client,
    dispose() {
      client.dispose();
      agent.destroy();
    },
  };
}

describe('CosmosRecordStore specifics', () => {
  it('creates the container partitioned on /pk with the composite indexes', async () => {
    const settings = cosmos.settings();
    const store = await openCosmosRecordStore(settings);
    const raw = rawClient(settings);
    try {
      const { resource } = await raw.client.database(settings.database).container(settings.container).read();
      expect(resource?.partitionKey?.paths).toEqual([RECORDS_PARTITION_KEY_PATH]);
      expect(resource?.indexingPolicy?.compositeIndexes).toEqual(RECORDS_INDEXING_POLICY.compositeIndexes);
      expect(RECORDS_INDEXING_POLICY.compositeIndexes.map((pair) => pair.map((p) => p.path))).toEqual([
        ['/kind', '/body/nextReviewDue'],
        ['/kind', '/body/status'],
        ['/kind', '/body/updatedAt'],
      ]);
    } finally {
      raw.dispose();
      await store.close();
    }
  });

  it('stores { id: <kind>.<id>, pk, kind, key, updatedAt, body }', async () => {
    const settings = cosmos.settings();
    const store = await openCosmosRecordStore(settings);
    const raw = rawClient(settings);
    try {
      const created = await store.create({ kind: 'partnership', partition: 'team-a', id: 'alpha' }, { name: 'Alpha' });
      const { resource } = await raw.client
        .database(settings.database)
        .container(settings.container)
        .item('partnership.alpha', 'team-a')
        .read();
      expect(resource).toMatchObject({
        id: 'partnership.alpha',
        pk: 'team-a',
        kind: 'partnership',
        key: 'alpha',
        updatedAt: created.updatedAt,
        body: { name: 'Alpha' },
        _etag: created.etag,
      });
    } finally {
      raw.dispose();
      await store.close();
    }
  });

  it('opens an existing database and container and sees their records', async () => {
    const settings = cosmos.settings();
    const key = { kind: 'draft', partition: 'owner:1', id: 'd1' };
    const first = await openCosmosRecordStore(settings);
    const created = await first.create(key, { step: 3 });
    await first.close();

    const second = await openCosmosRecordStore(settings);
    try {
      expect(await second.read(key)).toEqual(created);
    } finally {
      await second.close();
    }
  });

  it('refuses a container partitioned on another path', async () => {
    const settings = cosmos.settings();
    const raw = rawClient(settings);
    try {
      const { database } = await raw.client.databases.createIfNotExists({ id: settings.database });
      await database.containers.createIfNotExists({ id: settings.container, partitionKey: { paths: ['/userId'] } });
      await expect(openCosmosRecordStore(settings)).rejects.toThrow(/partitioned on \/userId/);
    } finally {
      raw.dispose();
    }
  });

  it('reports StorageUnavailableError when the server is gone', async () => {
    const doomed = await startFakeCosmos();
    const store = await openCosmosRecordStore(doomed.settings());
    try {
      const key = { kind: 'partnership', partition: 'team-a', id: 'alpha' };
      await store.create(key, { name: 'Alpha' });
      await doomed.close();

      await expect(store.read(key)).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(store.create({ ...key, id: 'bravo' }, {})).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(store.query({ kind: 'partnership' })).rejects.toBeInstanceOf(StorageUnavailableError);
      const ping = store.ping();
      await expect(ping).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(ping).rejects.toHaveProperty('cause');
    } finally {
      await store.close();
      await doomed.close();
    }
  });
});

/**
 * The fake server always fills a page, but the real service may answer with fewer items
 * (even none) and a continuation. A scripted container stands in for the SDK here.
 */
describe('CosmosRecordStore over short SDK pages', () => {
  const docs = Array.from({ length: 25 }, (_, i) => ({
    id: `item.i${String(i).padStart(2, '0')}`,
    pk: 'bulk',
    kind: 'item',
    key: `i${String(i).padStart(2, '0')}`,
    updatedAt: '2025-01-01T00:00:00.000Z',
    body: { n: i },
    _etag: `etag-${i}`,
  }));

  function scriptedStore(pageLimit: (call: number) => number) {
    const calls: FeedOptions[] = [];
    const container = {
      items: {
        query(_spec: unknown, options: FeedOptions) {
          calls.push({ ...options });
          const call = calls.length;
          return {
            async fetchNext() {
              const start = options.continuationToken ? Number(options.continuationToken) : 0;
              const end = Math.min(docs.length, start + Math.min(options.maxItemCount ?? 100, pageLimit(call)));
              return { resources: docs.slice(start, end), continuationToken: end < docs.length ? String(end) : undefined };
            },
          };
        },
      },
    };
    const client = { dispose() {} };
    const store = new CosmosRecordStore(client as unknown as CosmosClient, container as unknown as Container);
    return { store, calls };
  }

  it('keeps fetching until a page is full, asking only for what is missing', async () => {
    const { store, calls } = scriptedStore((call) => (call % 4 === 2 ? 0 : 3));
    const seen: string[] = [];
    const sizes: number[] = [];
    let continuation: string | undefined;
    do {
      const page = await store.query<{ n: number }>({ kind: 'item', partition: 'bulk', pageSize: 10, continuation });
      sizes.push(page.items.length);
      seen.push(...page.items.map((r) => r.id));
      continuation = page.continuation;
    } while (continuation !== undefined);

    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual(docs.map((d) => d.key));
    expect(calls.every((c) => (c.maxItemCount ?? 0) >= 1 && (c.maxItemCount ?? 0) <= 10)).toBe(true);
    // First page: 3 + 0 (an empty answer with a continuation) + 3 + 3 + 1.
    expect(calls.slice(0, 5).map((c) => c.maxItemCount)).toEqual([10, 7, 7, 4, 1]);
    expect(calls.every((c) => c.partitionKey === 'bulk')).toBe(true);
  });

  it('resumes a cross-partition query from the query plan when the token is the SDK\'s own', async () => {
    const { store, calls } = scriptedStore(() => 10);
    const composite = JSON.stringify({ rangeMappings: [], rid: 'x' });
    await store.query({ kind: 'item', pageSize: 5, continuation: '0' }).catch(() => undefined);
    await store.query({ kind: 'item', pageSize: 5, continuation: composite }).catch(() => undefined);
    await store.query({ kind: 'item', partition: 'bulk', pageSize: 5, continuation: composite }).catch(() => undefined);
    expect(calls.map((c) => c.forceQueryPlan === true)).toEqual([false, true, false]);
  });

  it('maps throttling and server errors to StorageUnavailableError (429 to its StorageThrottledError), and conflicts to RecordConflictError', async () => {
    const statusError = (code: number) => Object.assign(new Error(`status ${code}`), { code });
    let next: Error = statusError(429);
    const container = {
      items: {
        async create() {
          throw next;
        },
      },
      async read() {
        throw next;
      },
    };
    const store = new CosmosRecordStore({ dispose() {} } as unknown as CosmosClient, container as unknown as Container);
    const key = { kind: 'k', partition: 'p', id: 'i' };

    for (const code of [429, 408, 500, 503]) {
      next = statusError(code);
      const attempt = store.create(key, {});
      await expect(attempt).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(attempt).rejects.toHaveProperty('cause', next);
      const error = await attempt.catch((e: unknown) => e);
      expect({ code, throttled: isStorageThrottled(error), unavailable: isStorageUnavailable(error) }).toEqual({ code, throttled: code === 429, unavailable: true });
    }
    next = statusError(429);
    await expect(store.create(key, {})).rejects.toBeInstanceOf(StorageThrottledError);
    // The health check too.
    await expect(store.ping()).rejects.toBeInstanceOf(StorageThrottledError);
    next = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    await expect(store.create(key, {})).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(store.create(key, {}).catch(isStorageThrottled)).resolves.toBe(false);
    next = statusError(409);
    await expect(store.create(key, {})).rejects.toBeInstanceOf(RecordConflictError);
    // A request the service understood and refused is a bug, not an outage.
    next = statusError(400);
    await expect(store.create(key, {})).rejects.toBe(next);
  });
});
