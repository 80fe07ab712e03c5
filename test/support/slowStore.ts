import type { RecordKey, RecordPage, RecordQuery, RecordStore, StoredRecord } from '../../src/storage/recordStore.js';

/** A RecordStore a fixed delay slower on every call: one instance of two on a slower machine or further from the database. */
export class SlowStore implements RecordStore {
  constructor(
    private readonly inner: RecordStore,
    private readonly delayMs: number,
  ) {}

  get name() {
    return this.inner.name;
  }
  private async later<R>(call: () => Promise<R>): Promise<R> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return call();
  }
  read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    return this.later(() => this.inner.read<T>(key));
  }
  create<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    return this.later(() => this.inner.create(key, body));
  }
  replace<T>(key: RecordKey, body: T, etag: string): Promise<StoredRecord<T>> {
    return this.later(() => this.inner.replace(key, body, etag));
  }
  upsert<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    return this.later(() => this.inner.upsert(key, body));
  }
  delete(key: RecordKey, etag?: string): Promise<boolean> {
    return this.later(() => this.inner.delete(key, etag));
  }
  query<T>(query: RecordQuery): Promise<RecordPage<T>> {
    return this.later(() => this.inner.query<T>(query));
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
