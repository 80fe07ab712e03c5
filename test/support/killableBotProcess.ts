/**
 * The bot in a child process for the kill tests and the soak test: the real app on SQLite
 * (KILL_SQLITE_PATH) or the Cosmos test server (KILL_COSMOS, JSON settings), talking to its
 * parent over IPC. `arm` makes the process SIGKILL itself at the n-th storage write or Teams
 * delivery from then on (a real kill -9 at a chosen step); KILL_FAULT_RATE makes that share
 * of storage calls fail as an outage would.
 */
import { appendFileSync } from 'node:fs';
import type { CosmosSettings } from '../../src/config/config.js';
import type { MessageDelivery } from '../../src/notifications/notifier.js';
import type { RecordKey, RecordPage, RecordQuery, RecordStore, StoredRecord } from '../../src/storage/recordStore.js';
import { StorageUnavailableError } from '../../src/storage/storageErrors.js';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';

export type ChildRequest = { id: number } & (
  | { cmd: 'arm'; at: number }
  | { cmd: 'setRoles'; objectId: string; roles: string[]; areas: string[] }
  | { cmd: 'recover' }
);

let armedAt: number | undefined;
let steps = 0;
const faultRate = Number(process.env['KILL_FAULT_RATE'] ?? 0);

/** Each armed step is written down first (synchronously), so the parent knows where the process died. */
function step(description: string): void {
  if (armedAt === undefined) return;
  steps++;
  if (process.env['KILL_STEPS_FILE']) appendFileSync(process.env['KILL_STEPS_FILE'], `${description}\n`);
  if (steps >= armedAt) process.kill(process.pid, 'SIGKILL');
}

function maybeFail(operation: string): void {
  if (faultRate > 0 && Math.random() < faultRate) throw new StorageUnavailableError(`injected storage fault (${operation})`);
}

class ChildStore implements RecordStore {
  constructor(private readonly inner: RecordStore) {}
  get name() {
    return this.inner.name;
  }
  async read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    maybeFail('read');
    return this.inner.read<T>(key);
  }
  async create<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    step(`create ${key.kind}`);
    maybeFail('create');
    return this.inner.create(key, body);
  }
  async replace<T>(key: RecordKey, body: T, etag: string): Promise<StoredRecord<T>> {
    step(`replace ${key.kind}`);
    maybeFail('replace');
    return this.inner.replace(key, body, etag);
  }
  async upsert<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    step(`upsert ${key.kind}`);
    maybeFail('upsert');
    return this.inner.upsert(key, body);
  }
  async delete(key: RecordKey, etag?: string): Promise<boolean> {
    step(`delete ${key.kind}`);
    maybeFail('delete');
    return this.inner.delete(key, etag);
  }
  async query<T>(query: RecordQuery): Promise<RecordPage<T>> {
    maybeFail('query');
    return this.inner.query<T>(query);
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

async function main(): Promise<void> {
  const inner: RecordStore = process.env['KILL_COSMOS']
    ? await (await import('../../src/storage/cosmosRecordStore.js')).openCosmosRecordStore(JSON.parse(process.env['KILL_COSMOS']) as CosmosSettings)
    : new SqliteRecordStore(process.env['KILL_SQLITE_PATH']!);
  const { startTestBot } = await import('./botHarness.js');
  const bot = await startTestBot({
    store: new ChildStore(inner),
    // A restarted instance may start past the killed one's leases, as one started minutes later would.
    ...(process.env['KILL_CLOCK_AHEAD_MINUTES'] ? { clock: { now: () => new Date(Date.now() + Number(process.env['KILL_CLOCK_AHEAD_MINUTES']) * 60_000) } } : {}),
    ...(process.env['KILL_SERVICE_URL'] ? { serviceUrl: process.env['KILL_SERVICE_URL'] } : {}),
    env: { PORT: process.env['KILL_PORT'] ?? '0', RECOVERY_INTERVAL_SECONDS: process.env['KILL_RECOVERY_SECONDS'] ?? '2', RECOVERY_GRACE_SECONDS: process.env['KILL_GRACE_SECONDS'] ?? '3', COMPLETION_LEASE_SECONDS: '5' },
    wrapDelivery: (delivery: MessageDelivery): MessageDelivery => ({
      deliver: (address, message) => {
        step('deliver');
        return delivery.deliver(address, message);
      },
    }),
  });
  process.on('message', (request: ChildRequest) => {
    const answer = async (): Promise<unknown> => {
      switch (request.cmd) {
        case 'arm':
          steps = 0;
          armedAt = request.at;
          return undefined;
        case 'setRoles':
          return bot.app.people.setRoles(request.objectId, request.roles as never, request.areas);
        case 'recover':
          return bot.app.recovery.run();
      }
    };
    answer().then(
      (result) => process.send?.({ id: request.id, result }),
      (error: unknown) => process.send?.({ id: request.id, error: String(error) }),
    );
  });
  process.send?.({ ready: bot.url });
}

main().catch((error: unknown) => {
  process.stderr.write(`killable bot failed: ${String(error)}\n`);
  process.exit(1);
});
