import type { AppConfig } from '../config/config.js';
import type { RecordStore } from './recordStore.js';
import { SqliteRecordStore } from './sqliteRecordStore.js';

/** Cosmos when it is configured, otherwise the embedded SQLite file. */
export async function openRecordStore(settings: AppConfig['storage']): Promise<RecordStore> {
  if (settings.kind === 'cosmos') {
    // Loaded only when used: the Azure SDK is large and a local run never needs it.
    const { openCosmosRecordStore } = await import('./cosmosRecordStore.js');
    return openCosmosRecordStore(settings);
  }
  return new SqliteRecordStore(settings.path);
}
