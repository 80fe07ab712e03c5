import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textsOf } from '../support/botHarness.js';
import { startChildBot, type ChildBot } from '../support/childBot.js';
import { answerUntilSummary, buttonData } from '../support/questionnaireDriver.js';
import { chatOver, fullResponse, responseProblems } from '../support/selfAssessmentRun.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { cardSubmitActivity, testUser } from '../support/teamsActivities.js';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';
import { PartnershipRegister } from '../../src/partnerships/partnershipRegister.js';
import { systemClock } from '../../src/util/clock.js';
import type { AuditEvent, Partnership } from '../../src/partnerships/partnership.js';

const YEAR = (() => {
  const now = new Date();
  const start = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
})();

/**
 * The real process, killed with SIGKILL in the middle of a completion: the bot process
 * kills itself (kill -9) at the n-th storage write or Teams delivery after the officer
 * pressed Submit. A new process on the same SQLite file finishes it, on the officer's next
 * message or by its recovery sweep: one response, the officer told, the lead told once.
 */
describe('a bot process killed with SIGKILL in the middle of a completion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toolkit-sigkill-'));
  const sqlitePath = join(dir, 'toolkit.db');
  let connector: StubConnector;
  let child: ChildBot | undefined;
  const lead = testUser('Lena Lead', 9300);
  const STEPS = [2, 4, 7, 10];

  beforeAll(async () => {
    connector = await startStubConnector();
    const store = new SqliteRecordStore(sqlitePath);
    const register = new PartnershipRegister(store, systemClock);
    const now = new Date().toISOString();
    for (const step of STEPS) {
      const respondent = testUser(`Rory Respondent ${step}`, 9300 + step);
      const partnership: Partnership = {
        id: `sigkill-${step}`, name: `Killed Process Partnership ${step}`, purpose: 'Testing', partners: [{ name: 'Essex Police' }], leadOfficer: { objectId: lead.objectId, name: lead.name },
        officerIds: [lead.objectId, respondent.objectId], ownerId: lead.objectId, serviceArea: 'communities', statutory: false, priorities: [], councilCashPerYear: 5000,
        significance: 'medium', overallRisk: 'low', startDate: '2023-04-01', nextReviewDue: '2026-06-30', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now,
      };
      await register.createOnce(partnership, { objectId: lead.objectId, name: lead.name });
    }
    await store.close();
  });
  afterAll(async () => {
    await child?.kill();
    await connector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is finished by the next process, exactly once, at each of several steps', async () => {
    const stepsFile = join(dir, 'steps.txt');
    const env = { KILL_SQLITE_PATH: sqlitePath, KILL_SERVICE_URL: connector.serviceUrl, KILL_STEPS_FILE: stepsFile };
    const leadChat = `a:sigkill-lead-${randomUUID()}`;
    child = await startChildBot(env);
    await chatOver(child.url, lead, leadChat, connector.serviceUrl).say('hello');
    for (const [index, step] of STEPS.entries()) {
      const respondent = testUser(`Rory Respondent ${step}`, 9300 + step);
      const conversationId = `a:sigkill-${step}-${randomUUID()}`;
      const chatA = chatOver(child.url, respondent, conversationId, connector.serviceUrl);
      await chatA.say('hello');
      const opening = await chatA.say(`self-assessment for the Killed Process Partnership ${step}`);
      const { summary } = await answerUntilSummary(chatA, opening, fullResponse());
      const since = connector.calls.length;

      // Armed: the process kills itself with SIGKILL at the step-th effect of the Submit.
      await child.send({ cmd: 'arm', at: step });
      const { deliveryMode: _mode, ...submit } = cardSubmitActivity({ user: respondent, conversationId, serviceUrl: connector.serviceUrl, value: buttonData(summary, 'Submit') });
      const pressed = fetch(`${child.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submit) }).then(
        (r) => r.status,
        () => 0,
      );
      await child.exited;
      expect(child.process.signalCode).toBe('SIGKILL');
      const died = readFileSync(stepsFile, 'utf8').trim().split('\n');
      writeFileSync(stepsFile, '');
      // Teams took the notice and the process died before the outbox recorded it: sent again, never lost.
      const window = died.at(-1)!.startsWith('replace notification') && died.at(-2) === 'deliver';
      expect(await pressed).toBe(0);

      // A new process, started after the killed one's leases ran out, on the same file.
      const bySweep = index % 2 === 1;
      child = await startChildBot({ ...env, KILL_CLOCK_AHEAD_MINUTES: '10', KILL_GRACE_SECONDS: bySweep ? '0' : '86400', KILL_RECOVERY_SECONDS: '0' });
      const chatB = chatOver(child.url, respondent, conversationId, connector.serviceUrl);
      let told = '';
      if (bySweep) await child.send({ cmd: 'recover' });
      else told += textsOf(await chatB.say('hello'));
      told += connector.calls
        .slice(since)
        .filter((c) => c.method === 'POST' && c.path.includes(`/conversations/${conversationId}/activities`))
        .map((c) => JSON.stringify(c.body))
        .join('\n');
      // Killed before the submission was recorded, nobody answered: the officer presses Submit again.
      if (!/your response is in|now saved in full/.test(told)) told += textsOf(await chatB.say('submit'));
      await child.kill();
      child = await startChildBot(env);

      const store = new SqliteRecordStore(sqlitePath);
      try {
        expect(await responseProblems(store, `sigkill-${step}`, respondent, YEAR), `step ${step}`).toEqual([]);
        const audit = await store.query<AuditEvent>({ kind: 'audit', partition: `sigkill-${step}`, pageSize: 100 });
        expect(audit.items.filter((e) => e.body.action === 'self-assessment.response-submitted'), `step ${step}`).toHaveLength(1);
      } finally {
        await store.close();
      }
      expect(told, `step ${step}`).toMatch(/your response is in|now saved in full/);
      const notices = connector.calls.slice(since).filter((c) => c.method === 'POST' && c.path.includes(`/conversations/${leadChat}/activities`) && /responded to the self-assessment/.test(String(c.body['summary'] ?? '')));
      if (window) expect(notices.length, `step ${step}`).toBeGreaterThanOrEqual(1);
      else expect(notices.length, `step ${step} (${died.at(-1)})`).toBe(1);
    }
  }, 300_000);
});
