import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';
import { recordStoreContract } from './recordStore.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'record-store-sqlite-'));
let files = 0;

/** A fresh database file for every test. */
function freshPath(): string {
  files += 1;
  return join(dir, `store-${files}.db`);
}

recordStoreContract(
  'sqlite',
  async () => new SqliteRecordStore(freshPath()),
  async () => rmSync(dir, { recursive: true, force: true }),
  // A database that has gone away under the store: every call fails as it would on a lost disk.
  async () => {
    const store = new SqliteRecordStore(freshPath());
    await store.create({ kind: 'partnership', partition: 'team-a', id: 'alpha' }, { n: 1 });
    await store.close();
    return { store, dispose: async () => undefined };
  },
);

describe('SqliteRecordStore on disk', () => {
  const persistDir = mkdtempSync(join(tmpdir(), 'record-store-sqlite-persist-'));
  afterAll(() => rmSync(persistDir, { recursive: true, force: true }));

  it('keeps records after the store is closed and reopened on the same file', async () => {
    const path = join(persistDir, 'nested', 'toolkit.db');
    const key = { kind: 'partnership', partition: 'team-a', id: 'alpha' };

    const first = new SqliteRecordStore(path);
    const created = await first.create(key, { name: 'Alpha Trust', status: 'active' });
    const replaced = await first.replace(key, { name: 'Alpha Trust', status: 'paused' }, created.etag);
    await first.create({ ...key, id: 'bravo' }, { name: 'Bravo', status: 'active' });
    await first.close();

    const second = new SqliteRecordStore(path);
    try {
      expect(await second.read(key)).toEqual(replaced);
      const page = await second.query<{ status: string }>({ kind: 'partnership', where: [{ field: 'status', op: '=', value: 'active' }] });
      expect(page.items.map((r) => r.id)).toEqual(['bravo']);
      // The etag survives too, so a writer holding it before the restart can still save.
      const again = await second.replace(key, { name: 'Alpha Trust', status: 'closed' }, replaced.etag);
      expect(again.body).toEqual({ name: 'Alpha Trust', status: 'closed' });
    } finally {
      await second.close();
    }
  });
});
