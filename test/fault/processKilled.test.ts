import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, textsOf } from '../support/botHarness.js';
import { buttonData, fillCard, questionIdsOnCard } from '../support/questionnaireDriver.js';
import { chatOver, completeSelfAssessment, fullResponse, officer, responseProblems } from '../support/selfAssessmentRun.js';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';
import { PartnershipRegister } from '../../src/partnerships/partnershipRegister.js';
import { systemClock } from '../../src/util/clock.js';
import type { Draft } from '../../src/questionnaire/draft.js';
import type { Partnership } from '../../src/partnerships/partnership.js';

const YEAR = (() => {
  const now = new Date();
  const start = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
})();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The real entry point (src/index.ts) in its own process, as `npm run dev` starts it. */
async function startBotProcess(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'src/index.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'development' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the bot did not become healthy');
}

describe('the bot process is killed between two answers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toolkit-kill-'));
  const sqlitePath = join(dir, 'toolkit.db');
  let port: number;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    const lead = officer(60);
    const store = new SqliteRecordStore(sqlitePath);
    const now = new Date().toISOString();
    const partnership: Partnership = {
      id: 'kill-1', name: 'Resilient Partnership', purpose: 'Testing', partners: [{ name: 'Essex Police' }], leadOfficer: { objectId: lead.objectId, name: lead.name },
      officerIds: [lead.objectId], ownerId: lead.objectId, serviceArea: 'communities', statutory: false, priorities: [], councilCashPerYear: 5000,
      significance: 'medium', overallRisk: 'low', startDate: '2023-04-01', nextReviewDue: '2026-06-30', stage: { suggested: 'functioning' },
      status: 'active', createdAt: now, updatedAt: now,
    };
    await new PartnershipRegister(store, systemClock).createOnce(partnership, { objectId: lead.objectId, name: lead.name });
    await store.close();
    port = await freePort();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('after kill -9 and a restart, nothing answered is lost and the officer carries on to a complete response', async () => {
    const lead = officer(60);
    const conversationId = `a:${randomUUID()}`;
    const chat = chatOver(`http://127.0.0.1:${port}`, lead, conversationId);
    const env = { SQLITE_PATH: sqlitePath };
    const script = fullResponse();

    child = await startBotProcess(env, port);
    await chat.say('hello');
    let replies = await chat.say('self-assessment for the Resilient Partnership');
    const answered: string[] = [];
    for (let card = 0; card < 5; card++) {
      const ids = questionIdsOnCard(cardsOf(replies).at(-1)!);
      replies = await chat.submit({ ...buttonData(replies, 'Next'), ...fillCard(ids, script) });
      answered.push(...ids);
    }

    // Killed without warning between two answers.
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    child = await startBotProcess(env, port);

    // The card on screen still works: the next answer is taken and the rest follows.
    const finished = await completeSelfAssessment(chat, 'Resilient Partnership', script, { from: replies });
    expect(textsOf(finished.submitted)).toContain('Provisional: 1 response so far');

    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    const store = new SqliteRecordStore(sqlitePath);
    try {
      expect(await responseProblems(store, 'kill-1', lead, YEAR)).toEqual([]);
      const drafts = await store.query<Draft>({ kind: 'draft', partition: `owner:${lead.objectId}` });
      expect(drafts.items).toHaveLength(1);
      expect(drafts.items[0]!.body.status).toBe('submitted');
      for (const id of answered) expect(drafts.items[0]!.body.answers[id]).toBeDefined();
    } finally {
      await store.close();
    }
  }, 120_000);
});
