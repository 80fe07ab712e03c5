import { StorageUnavailableError } from '../../src/storage/storageErrors.js';
import type { MessageDelivery } from '../../src/notifications/notifier.js';
import type { RecordKey, RecordPage, RecordQuery, RecordStore, StoredRecord } from '../../src/storage/recordStore.js';

/**
 * kill -9 for an app instance inside the test process. Every effect the instance can have
 * on the world (a storage write, a message handed to Teams) is a numbered step; armed at
 * step n, the instance dies there: that effect and every later call, reads included, never
 * complete, so nothing more escapes. Steps are described, so a test can say which one died.
 */
export class KillSwitch {
  readonly steps: string[] = [];
  private target?: number;
  private dead = false;
  private announce!: () => void;
  /** Resolves when the instance dies. */
  readonly died = new Promise<void>((resolve) => (this.announce = resolve));

  /**
   * Counts steps from now; at step `at` (1-based) the instance dies ('kill'), or that one effect
   * fails as a storage outage or a Teams 503 would and the instance carries on ('fail').
   */
  arm(at?: number, mode: 'kill' | 'fail' = 'kill'): void {
    this.steps.length = 0;
    this.target = at;
    this.mode = mode;
    this.armed = true;
  }

  private mode: 'kill' | 'fail' = 'kill';
  /** True once the 'fail' step was reached. */
  failed = false;

  private armed = false;

  get isDead(): boolean {
    return this.dead;
  }

  /** True when the effect may happen; false once dead (the caller then hangs for ever). Throws at the 'fail' step. */
  step(description: string): boolean {
    if (this.dead) return false;
    if (!this.armed) return true;
    this.steps.push(description);
    if (this.mode === 'fail' && this.steps.length === this.target) {
      this.failed = true;
      throw description.startsWith('deliver') ? Object.assign(new Error('Service Unavailable'), { statusCode: 503 }) : new StorageUnavailableError(`The store failed (${description})`);
    }
    if (this.mode === 'kill' && this.target !== undefined && this.steps.length >= this.target) {
      this.dead = true;
      this.announce();
      return false;
    }
    return true;
  }
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** A RecordStore that dies with its KillSwitch: a fake of a process killed mid-write, not a mock. */
export class KillableStore implements RecordStore {
  constructor(
    private readonly inner: RecordStore,
    private readonly kill: KillSwitch,
  ) {}

  get name() {
    return this.inner.name;
  }
  read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    return this.kill.isDead ? never() : this.inner.read<T>(key);
  }
  async create<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    return this.kill.step(`create ${key.kind}`) ? this.inner.create(key, body) : never();
  }
  async replace<T>(key: RecordKey, body: T, etag: string): Promise<StoredRecord<T>> {
    return this.kill.step(`replace ${key.kind}`) ? this.inner.replace(key, body, etag) : never();
  }
  async upsert<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    return this.kill.step(`upsert ${key.kind}`) ? this.inner.upsert(key, body) : never();
  }
  async delete(key: RecordKey, etag?: string): Promise<boolean> {
    return this.kill.step(`delete ${key.kind}`) ? this.inner.delete(key, etag) : never();
  }
  query<T>(query: RecordQuery): Promise<RecordPage<T>> {
    return this.kill.isDead ? never() : this.inner.query<T>(query);
  }
  ping(): Promise<void> {
    return this.kill.isDead ? never() : this.inner.ping();
  }
  /** The underlying store belongs to the test: the next instance opens on it. */
  async close(): Promise<void> {}
}

/** Teams' proactive delivery, dying with the same switch: a message handed over at or after the kill never reaches Teams. */
export function killableDelivery(kill: KillSwitch): (delivery: MessageDelivery) => MessageDelivery {
  return (delivery) => ({
    deliver: async (address, message) => (kill.step(`deliver ${message.summary}`) ? delivery.deliver(address, message) : never()),
  });
}

/** A clock some minutes ahead: the next instance starts after the killed one's leases and claims ran out. */
export function clockAhead(minutes: number) {
  return { now: () => new Date(Date.now() + minutes * 60_000) };
}
