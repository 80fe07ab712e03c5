import type { RecordKey } from './recordStore.js';

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

export class RecordConflictError extends Error {
  override readonly name = 'RecordConflictError';
  constructor(readonly key: RecordKey) {
    super(`Record ${describe(key)} already exists`);
  }
}

export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
  constructor(readonly key: RecordKey) {
    super(`Record ${describe(key)} does not exist`);
  }
}

/** The store did not answer (network, throttling past retries, disk): nothing was written. */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
