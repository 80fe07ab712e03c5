import type { RecordKey, RecordStore } from './recordStore.js';
import { isRecordConflict, isRecordNotFound, isStaleRecord } from './storageErrors.js';

/**
 * The one read-modify-write loop. Every change to a record that others may change at
 * the same moment (another turn, another instance) goes through here: read the record,
 * decide on what was read, write with its ETag (or create it when it was absent), and
 * when someone else wrote first decide again on their version.
 */

/** How many times a change is decided and written before giving up: the one default. */
export const MAX_CHANGE_ATTEMPTS = 5;

export interface ChangeOptions {
  /** Attempts before the last StaleRecordError, RecordConflictError or RecordNotFoundError is thrown; defaults to MAX_CHANGE_ATTEMPTS. */
  attempts?: number;
}

/** What a decision makes of the record: a body to write (none: leave it as it is) and anything the caller wants back. */
export interface Decision<T, R> {
  body?: T | undefined;
  result: R;
}

export interface RecordChange<T> {
  /** The body as read on the attempt that counted; undefined when the record was absent. */
  before: T | undefined;
  /** The body as it now stands: the one written, or `before` when nothing was written. */
  after: T | undefined;
  /** True when this call wrote (replaced, or created when `before` is undefined). */
  written: boolean;
}

/**
 * Applies `change` to the record at `key`. The change sees the current body (undefined when
 * absent, so it may create) and returns the new body, or undefined for "no change". It may
 * read other records (it is asked again, afresh, on every attempt) but must not write or
 * send anything: it can run several times. On a stale ETag, a create that meets a record
 * made meanwhile, or a record deleted meanwhile, the record is read again and the change
 * re-applied, at most `attempts` times; then the last of those errors is thrown.
 */
export async function changeRecord<T>(
  store: RecordStore,
  key: RecordKey,
  change: (current: T | undefined) => T | undefined | Promise<T | undefined>,
  options: ChangeOptions = {},
): Promise<RecordChange<T>> {
  return decideRecordChange<T, undefined>(store, key, async (current) => ({ body: await change(current), result: undefined }), options);
}

/**
 * changeRecord for a decision that produces more than the new body (for example the
 * messages a turn sends once its draft is saved): the result of the attempt that
 * counted comes back beside the bodies.
 */
export async function decideRecordChange<T, R>(
  store: RecordStore,
  key: RecordKey,
  decide: (current: T | undefined) => Decision<T, R> | Promise<Decision<T, R>>,
  options: ChangeOptions = {},
): Promise<RecordChange<T> & { result: R }> {
  const attempts = options.attempts ?? MAX_CHANGE_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const record = await store.read<T>(key);
    const before = record?.body;
    const { body, result } = await decide(before);
    if (body === undefined) return { before, after: before, written: false, result };
    try {
      if (record) await store.replace(key, body, record.etag);
      else await store.create(key, body);
      return { before, after: body, written: true, result };
    } catch (error) {
      const someoneElseWrote = isStaleRecord(error) || isRecordConflict(error) || isRecordNotFound(error);
      if (!someoneElseWrote || attempt >= attempts) throw error;
    }
  }
}

/**
 * Creates the record unless it exists, and returns what is stored: the new body
 * (`created`), or the one already there when the same thing is created again.
 */
export async function createOnce<T>(store: RecordStore, key: RecordKey, body: T, options: ChangeOptions = {}): Promise<{ body: T; created: boolean }> {
  try {
    await store.create(key, body);
    return { body, created: true };
  } catch (error) {
    if (!isRecordConflict(error)) throw error;
  }
  // Already there; should it have gone again meanwhile, it is created after all.
  const { after, written } = await changeRecord<T>(store, key, (current) => (current === undefined ? body : undefined), options);
  return { body: after as T, created: written };
}
