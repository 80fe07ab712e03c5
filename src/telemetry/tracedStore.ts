import type { RecordKey, RecordPage, RecordQuery, RecordStore, StoredRecord } from '../storage/recordStore.js';
import type { Tracing } from './tracing.js';

/**
 * A RecordStore whose every call is a client span of the turn it serves: the operation, the
 * store, and the record kind (never an id or a partition, which name people).
 */
export class TracedStore implements RecordStore {
  constructor(
    private readonly inner: RecordStore,
    private readonly tracing: Tracing,
  ) {}

  get name() {
    return this.inner.name;
  }

  read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    return this.traced('read', key.kind, () => this.inner.read<T>(key));
  }
  create<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    return this.traced('create', key.kind, () => this.inner.create(key, body));
  }
  replace<T>(key: RecordKey, body: T, etag: string): Promise<StoredRecord<T>> {
    return this.traced('replace', key.kind, () => this.inner.replace(key, body, etag));
  }
  upsert<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    return this.traced('upsert', key.kind, () => this.inner.upsert(key, body));
  }
  delete(key: RecordKey, etag?: string): Promise<boolean> {
    return this.traced('delete', key.kind, () => this.inner.delete(key, etag));
  }
  query<T>(query: RecordQuery): Promise<RecordPage<T>> {
    return this.traced('query', query.kind, () => this.inner.query<T>(query), { 'toolkit.partitioned': query.partition !== undefined });
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  private traced<R>(operation: string, kind: string, call: () => Promise<R>, extra: Record<string, boolean> = {}): Promise<R> {
    return this.tracing.span(`storage ${operation} ${kind}`, 'client', { 'db.system': this.inner.name, 'db.operation': operation, 'toolkit.record.kind': kind, ...extra }, call);
  }
}
