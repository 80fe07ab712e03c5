import type { RecordKey, RecordPage, RecordQuery, RecordStore, StoredRecord } from '../../src/storage/recordStore.js';
import { StorageThrottledError, StorageUnavailableError } from '../../src/storage/storageErrors.js';

type Operation = 'read' | 'create' | 'replace' | 'upsert' | 'delete' | 'query' | 'ping';

/** Thrown while throttled: what a Cosmos 429 looks like once it reaches the store's caller. */
export class ThrottledError extends StorageThrottledError {
  readonly statusCode = 429;
  constructor() {
    super('Request rate is large (429): the store is throttling');
  }
}

/**
 * A RecordStore that fails on command, for fault tests: go down and come back,
 * fail the next N calls, or throttle the next N calls. Nothing reaches the inner
 * store while a call fails, so a failed write really wrote nothing.
 */
export class FaultyStore implements RecordStore {
  private down = false;
  private failures = 0;
  private throttles = 0;
  private meeting?: { kind: string; waiting: Array<() => void>; size: number };
  private rival?: { count: number; write: (current: unknown) => unknown };
  private failingWriteOf?: string;
  /** Calls refused so far, so a test can show the fault really happened. */
  refused = 0;

  constructor(private readonly inner: RecordStore) {}

  get name() {
    return this.inner.name;
  }

  goDown(): void {
    this.down = true;
  }
  comeBack(): void {
    this.down = false;
  }
  failNext(count: number): void {
    this.failures = count;
  }
  throttleNext(count: number): void {
    this.throttles = count;
  }
  /** The next create or replace of a record of this kind fails; everything before it works (a fault mid-turn). */
  failNextWriteOf(kind: string): void {
    this.failingWriteOf = kind;
  }

  /**
   * The next `size` reads of `kind` wait for each other, so concurrent turns all read
   * the same version before any of them writes: a race made certain rather than likely.
   */
  meetAtNextReads(kind: string, size: number): void {
    this.meeting = { kind, waiting: [], size };
  }

  /**
   * Before each of the next `count` creates or replaces, another writer gets there first:
   * `write` is given the stored body (undefined when absent) and its result is stored
   * directly (undefined: the record is deleted). The caller's own write then meets a real
   * stale etag, a real create conflict or a real missing record from the inner store.
   */
  rivalWritesBeforeNext(count: number, write: (current: unknown) => unknown): void {
    this.rival = { count, write };
  }

  async read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    const meeting = this.meeting;
    if (meeting && meeting.kind === key.kind) {
      const record = await this.guard('read', () => this.inner.read<T>(key));
      await new Promise<void>((resolve) => {
        meeting.waiting.push(resolve);
        if (meeting.waiting.length >= meeting.size) {
          this.meeting = undefined;
          for (const release of meeting.waiting) release();
        }
      });
      return record;
    }
    return this.guard('read', () => this.inner.read<T>(key));
  }
  async create<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    this.failIfWriteOf(key);
    await this.rivalWrites(key);
    return this.guard('create', () => this.inner.create(key, body));
  }
  async replace<T>(key: RecordKey, body: T, etag: string): Promise<StoredRecord<T>> {
    this.failIfWriteOf(key);
    await this.rivalWrites(key);
    return this.guard('replace', () => this.inner.replace(key, body, etag));
  }
  upsert<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    return this.guard('upsert', () => this.inner.upsert(key, body));
  }
  delete(key: RecordKey, etag?: string): Promise<boolean> {
    return this.guard('delete', () => this.inner.delete(key, etag));
  }
  query<T>(query: RecordQuery): Promise<RecordPage<T>> {
    return this.guard('query', () => this.inner.query<T>(query));
  }
  ping(): Promise<void> {
    return this.guard('ping', () => this.inner.ping());
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  private async rivalWrites(key: RecordKey): Promise<void> {
    const rival = this.rival;
    if (!rival || rival.count <= 0) return;
    rival.count--;
    const current = await this.inner.read(key);
    const next = rival.write(current?.body);
    if (next === undefined) await this.inner.delete(key);
    else if (current) await this.inner.replace(key, next, current.etag);
    else await this.inner.create(key, next);
  }

  private failIfWriteOf(key: RecordKey): void {
    if (this.failingWriteOf !== key.kind) return;
    this.failingWriteOf = undefined;
    this.refused++;
    throw new StorageUnavailableError(`The store failed writing a ${key.kind}`);
  }

  private async guard<R>(operation: Operation, call: () => Promise<R>): Promise<R> {
    if (this.down) {
      this.refused++;
      throw new StorageUnavailableError(`The store is down (${operation})`);
    }
    if (this.failures > 0) {
      this.failures--;
      this.refused++;
      throw new StorageUnavailableError(`The store failed (${operation})`);
    }
    if (this.throttles > 0) {
      this.throttles--;
      this.refused++;
      throw new ThrottledError();
    }
    return call();
  }
}
