import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { testUser } from '../support/teamsActivities.js';

/**
 * Honest health (issue 20, security report L1): liveness says the process answers; readiness says
 * storage both reads and writes. While the store refuses writes readiness fails, and once it takes
 * them again readiness recovers in the same process, with no restart, and officers' work goes on.
 */

async function health(bot: TestBot, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${bot.url}${path}`);
  return { status: response.status, body: await response.json() };
}

/** How this machine makes a file refuse writes: root ignores permissions, so the immutable flag. */
const asRoot = process.getuid?.() === 0;

function sqliteFiles(bot: TestBot): string[] {
  return ['toolkit.db', 'toolkit.db-wal'].map((name) => join(bot.dataDir, name)).filter((path) => existsSync(path));
}

/** The database file and its write-ahead log refuse writes, even through the connection already open. */
function refuseSqliteWrites(files: string[]): void {
  if (asRoot) execFileSync('chattr', ['+i', ...files]);
  else for (const file of files) chmodSync(file, 0o444);
}

function acceptSqliteWrites(files: string[]): void {
  if (asRoot) execFileSync('chattr', ['-i', ...files]);
  else for (const file of files) chmodSync(file, 0o644);
}

const OFFICER = testUser('Robin Health', 71);

describe.each(['sqlite', 'cosmos'] as const)('health on %s', (storeKind) => {
  let bot: TestBot;
  let cosmos: FakeCosmos | undefined;
  let store: RecordStore | undefined;
  let refuse: () => Promise<void>;
  let accept: () => Promise<void>;
  let files: string[] = [];

  beforeAll(async () => {
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      store = await openCosmosRecordStore(cosmos.settings());
    }
    bot = await startTestBot({ store });
    if (storeKind === 'cosmos') {
      refuse = async () => cosmos!.refuseWrites(true);
      accept = async () => cosmos!.refuseWrites(false);
    } else {
      refuse = async () => {
        files = sqliteFiles(bot);
        refuseSqliteWrites(files);
        // Without root, permissions only bite when the file is opened: the bot restarts on the
        // read-only file, as in the report (a deployment that found its file read-only).
        if (!asRoot) await bot.restart();
      };
      accept = async () => acceptSqliteWrites(files);
    }
  }, 60_000);
  afterAll(async () => {
    if (files.length > 0) acceptSqliteWrites(files);
    await bot?.close();
    await store?.close();
    await cosmos?.close();
  });

  it('is live and ready while storage reads and writes, on both paths and the older /api/health', async () => {
    expect(await health(bot, '/api/health/live')).toEqual({ status: 200, body: { live: true } });
    expect(await health(bot, '/api/health/ready')).toEqual({ status: 200, body: { healthy: true, checks: { storage: 'ok' } } });
    expect(await health(bot, '/api/health')).toEqual({ status: 200, body: { healthy: true, checks: { storage: 'ok' } } });
  });

  it('is not ready while the store refuses writes, stays live, and recovers without a restart once it takes them', async () => {
    const chat = bot.chat(OFFICER);
    expect(textsOf(await chat.say('help'))).toContain('What I can help with');
    const port = bot.app.port;

    await refuse();
    try {
      const ready = await health(bot, '/api/health/ready');
      expect(ready).toEqual({ status: 503, body: { healthy: false, checks: { storage: 'failing' } } });
      expect((await health(bot, '/api/health')).status).toBe(503);
      expect(await health(bot, '/api/health/live')).toEqual({ status: 200, body: { live: true } });
      if (storeKind === 'cosmos') expect(cosmos!.refusedWrites).toBeGreaterThan(0);
      // An officer who starts something that must be saved is told plainly, with a reference.
      expect(textsOf(await chat.say('practice'))).toMatch(/can't reach the partnerships database.*Reference [0-9a-f]{8}/s);
    } finally {
      await accept();
    }
    const app = bot.app;

    expect(await health(bot, '/api/health/ready')).toEqual({ status: 200, body: { healthy: true, checks: { storage: 'ok' } } });
    // The same process, not a new one: the store mended itself.
    expect(bot.app).toBe(app);
    expect(bot.app.port).toBe(port);
    // And the work the officer could not start can now be started and is kept.
    expect(textsOf(await chat.say('practice'))).toMatch(/practice/i);
    expect(await bot.app.drafts.inProgress(OFFICER.objectId)).toHaveLength(1);
  });
});
