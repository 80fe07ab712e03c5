import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';

/**
 * Readiness means the store both reads and writes: a store that answers reads while every write
 * fails (a read-only or full SQLite file, a Cosmos account refusing writes) would otherwise look
 * healthy while no officer's answer can be saved (security report L1). The probe writes one small
 * record per instance (no personal data: an instance name and a time) and reads it back.
 */
export const HEALTH_KIND = 'health';

/** Longer than this and the store counts as failing: App Service waits a minute between probes. */
export const PROBE_TIMEOUT_MS = 5_000;

export interface StorageProbe {
  check(): Promise<'ok' | 'failing'>;
}

/** One probe per process; its record is named after the App Service instance (or the host). */
export function storageProbe(store: RecordStore, instance = process.env['WEBSITE_INSTANCE_ID'] ?? hostname()): StorageProbe {
  const key: RecordKey = { kind: HEALTH_KIND, partition: HEALTH_KIND, id: instance.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'instance' };
  return {
    async check() {
      const marker = randomUUID();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('storage probe timed out')), PROBE_TIMEOUT_MS);
      });
      try {
        await Promise.race([
          (async () => {
            await store.upsert(key, { marker, checkedAt: new Date().toISOString() });
            const back = await store.read<{ marker: string }>(key);
            if (back?.body.marker !== marker) throw new Error('storage probe read back something else');
          })(),
          timeout,
        ]);
        return 'ok';
      } catch {
        return 'failing';
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
