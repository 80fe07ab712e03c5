import type { RecordKey, RecordPage, RecordQuery, RecordStore, StoredRecord } from '../../src/storage/recordStore.js';

export type StoreOperation = 'read' | 'create' | 'replace' | 'upsert' | 'delete' | 'query';

/** One held operation: `reached` settles when it arrives at the store, and it goes on when released. */
export interface Hold {
  reached: Promise<void>;
  release(): void;
}

interface PendingHold {
  match: (operation: StoreOperation, target: RecordKey | RecordQuery) => boolean;
  arrived: () => void;
  gate: Promise<void>;
}

/**
 * A RecordStore that stops one chosen operation at its door until the test lets
 * it through, so that two turns interleave in exactly the order a test names:
 * a race made certain rather than likely. Everything else passes straight through.
 */
export class HoldingStore implements RecordStore {
  private pending: PendingHold[] = [];

  constructor(private readonly inner: RecordStore) {}

  get name() {
    return this.inner.name;
  }

  /** The next operation `match` picks waits, before it reaches the store, until `release()`. */
  holdNext(match: PendingHold['match']): Hold {
    let arrived!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.pending.push({ match, arrived, gate });
    return { reached, release };
  }

  read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    return this.pass('read', key, () => this.inner.read<T>(key));
  }
  create<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    return this.pass('create', key, () => this.inner.create(key, body));
  }
  replace<T>(key: RecordKey, body: T, etag: string): Promise<StoredRecord<T>> {
    return this.pass('replace', key, () => this.inner.replace(key, body, etag));
  }
  upsert<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    return this.pass('upsert', key, () => this.inner.upsert(key, body));
  }
  delete(key: RecordKey, etag?: string): Promise<boolean> {
    return this.pass('delete', key, () => this.inner.delete(key, etag));
  }
  query<T>(query: RecordQuery): Promise<RecordPage<T>> {
    return this.pass('query', query, () => this.inner.query<T>(query));
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  private async pass<R>(operation: StoreOperation, target: RecordKey | RecordQuery, call: () => Promise<R>): Promise<R> {
    const index = this.pending.findIndex((p) => p.match(operation, target));
    if (index >= 0) {
      const [hold] = this.pending.splice(index, 1);
      hold!.arrived();
      await hold!.gate;
    }
    return call();
  }
}
