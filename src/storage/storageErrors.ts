import type { RecordKey } from './recordStore.js';

/**
 * The failures a RecordStore reports. Both adapters throw exactly these classes, and
 * callers tell them apart with the guards below (never by comparing `name` strings,
 * which any error can carry).
 */

function describe(key: RecordKey): string {
  return `${key.kind} ${key.id} (partition ${key.partition})`;
}

/** Someone else changed the record since it was read: re-read and retry, or tell the user. */
export class StaleRecordError extends Error {
  override readonly name = 'StaleRecordError';
  constructor(readonly key: RecordKey) {
    super(`Record ${describe(key)} was changed by someone else`);
  }
}

/** A create found the record already there. */
export class RecordConflictError extends Error {
  override readonly name = 'RecordConflictError';
  constructor(readonly key: RecordKey) {
    super(`Record ${describe(key)} already exists`);
  }
}

/** A replace found no record to replace. */
export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
  constructor(readonly key: RecordKey) {
    super(`Record ${describe(key)} does not exist`);
  }
}

/** The store did not answer (network, throttling past retries, disk): nothing was written. */
export class StorageUnavailableError extends Error {
  override readonly name: string = 'StorageUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The store is throttling (a Cosmos DB 429) and the SDK's own retries ran out. To a caller
 * that is an outage like any other (so it is a StorageUnavailableError), but it can be told
 * apart, e.g. to log it or to back off.
 */
export class StorageThrottledError extends StorageUnavailableError {
  override readonly name: string = 'StorageThrottledError';
}

export function isStaleRecord(error: unknown): error is StaleRecordError {
  return error instanceof StaleRecordError;
}

export function isRecordConflict(error: unknown): error is RecordConflictError {
  return error instanceof RecordConflictError;
}

export function isRecordNotFound(error: unknown): error is RecordNotFoundError {
  return error instanceof RecordNotFoundError;
}

/** True for every outage, throttling included. */
export function isStorageUnavailable(error: unknown): error is StorageUnavailableError {
  return error instanceof StorageUnavailableError;
}

export function isStorageThrottled(error: unknown): error is StorageThrottledError {
  return error instanceof StorageThrottledError;
}
