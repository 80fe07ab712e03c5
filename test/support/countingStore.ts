import type { RecordKey, RecordPage, RecordQuery, RecordStore, StoredRecord } from '../../src/storage/recordStore.js';

export interface StoreCounts {
  reads: number;
  queries: number;
  /** Records returned by queries: what the store had to hand back. */
  documentsRead: number;
  writes: number;
  /** Per record kind, for finding who makes the round trips. */
  byKind: Record<string, { reads: number; queries: number; writes: number }>;
}

/** A RecordStore that counts round trips by operation and record kind, and passes everything on. */
export class CountingStore implements RecordStore {
  counts: StoreCounts = emptyCounts();

  constructor(private readonly inner: RecordStore) {}

  get name() {
    return this.inner.name;
  }

  reset(): StoreCounts {
    const previous = this.counts;
    this.counts = emptyCounts();
    return previous;
  }

  read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    this.count(key.kind, 'reads');
    return this.inner.read<T>(key);
  }
  create<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    this.count(key.kind, 'writes');
    return this.inner.create(key, body);
  }
  replace<T>(key: RecordKey, body: T, etag: string): Promise<StoredRecord<T>> {
    this.count(key.kind, 'writes');
    return this.inner.replace(key, body, etag);
  }
  upsert<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    this.count(key.kind, 'writes');
    return this.inner.upsert(key, body);
  }
  delete(key: RecordKey, etag?: string): Promise<boolean> {
    this.count(key.kind, 'writes');
    return this.inner.delete(key, etag);
  }
  async query<T>(query: RecordQuery): Promise<RecordPage<T>> {
    this.count(query.kind, 'queries');
    const page = await this.inner.query<T>(query);
    this.counts.documentsRead += page.items.length;
    return page;
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  private count(kind: string, op: 'reads' | 'queries' | 'writes'): void {
    this.counts[op]++;
    const perKind = (this.counts.byKind[kind] ??= { reads: 0, queries: 0, writes: 0 });
    perKind[op]++;
  }
}

function emptyCounts(): StoreCounts {
  return { reads: 0, queries: 0, documentsRead: 0, writes: 0, byKind: {} };
}
