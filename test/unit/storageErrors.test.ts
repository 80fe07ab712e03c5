import { describe, expect, it } from 'vitest';
import { isRecordConflict, isRecordNotFound, isStaleRecord, isStorageThrottled, isStorageUnavailable, RecordConflictError, RecordNotFoundError, StaleRecordError, StorageThrottledError, StorageUnavailableError } from '../../src/storage/storageErrors.js';

const key = { kind: 'partnership', partition: 'p1', id: 'p1' };

const guards = { isStaleRecord, isRecordConflict, isRecordNotFound, isStorageUnavailable, isStorageThrottled };

/** Each kind of failure, and the guards that must recognise it (every other guard must not). */
const kinds: Array<{ error: Error; recognisedBy: Array<keyof typeof guards> }> = [
  { error: new StaleRecordError(key), recognisedBy: ['isStaleRecord'] },
  { error: new RecordConflictError(key), recognisedBy: ['isRecordConflict'] },
  { error: new RecordNotFoundError(key), recognisedBy: ['isRecordNotFound'] },
  { error: new StorageUnavailableError('down'), recognisedBy: ['isStorageUnavailable'] },
  // Throttling past the SDK's retries is an outage to callers, and can still be told apart.
  { error: new StorageThrottledError('429'), recognisedBy: ['isStorageUnavailable', 'isStorageThrottled'] },
];

describe('storage error guards', () => {
  for (const { error, recognisedBy } of kinds) {
    it(`recognise ${error.name} by ${recognisedBy.join(' and ')} only`, () => {
      for (const [name, guard] of Object.entries(guards)) {
        expect({ guard: name, matches: guard(error) }).toEqual({ guard: name, matches: recognisedBy.includes(name as keyof typeof guards) });
      }
    });
  }

  it('go by class, not by name: an error merely named like a storage error is none of them', () => {
    for (const name of ['StaleRecordError', 'RecordConflictError', 'RecordNotFoundError', 'StorageUnavailableError', 'StorageThrottledError']) {
      const impostor = Object.assign(new Error('not from the store'), { name });
      for (const guard of Object.values(guards)) expect(guard(impostor)).toBe(false);
    }
    for (const guard of Object.values(guards)) {
      expect(guard(undefined)).toBe(false);
      expect(guard('StaleRecordError')).toBe(false);
    }
  });

  it('keep their names, messages, keys and causes', () => {
    const cause = new Error('socket hang up');
    expect(new StaleRecordError(key)).toMatchObject({ name: 'StaleRecordError', key, message: expect.stringContaining('changed by someone else') });
    expect(new StorageThrottledError('throttled', { cause })).toMatchObject({ name: 'StorageThrottledError', cause });
    expect(new StorageUnavailableError('down').name).toBe('StorageUnavailableError');
  });
});
