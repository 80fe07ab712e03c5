import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { clockAhead, KillableStore, killableDelivery, KillSwitch } from '../support/killSwitch.js';
import { GOOD, registerPartnership } from '../support/newPartnershipRun.js';
import { loadBank } from '../support/questionnaireDriver.js';
import { completeSelfAssessment, fullResponse, seedLedPartnership } from '../support/selfAssessmentRun.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { cardSubmitActivity, testUser, type TestUser } from '../support/teamsActivities.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import { newDraft, type Draft } from '../../src/questionnaire/draft.js';
import { applicableQuestions, SUMMARY } from '../../src/questionnaire/steps.js';
import type { Answers, Bank, Question } from '../../src/questionnaire/bankSchema.js';
import type { NewPartnershipAssessment, Partnership } from '../../src/partnerships/partnership.js';
import { exitDocumentFrom } from '../../src/partnerships/exitDocument.js';

/**
 * kill -9 at every step of every completion. For each step n, an instance ("A") is set up
 * healthy, then armed to die at the n-th effect of the officer's Submit (or the Assistant
 * Director's Approve or Sign off): its store and its Teams connector freeze there for ever, so nothing
 * more escapes. A fresh instance ("B") then starts on the same store, its clock past A's
 * leases, and either the person's next message (odd steps) or the recovery sweep (even
 * steps) must finish the work. Afterwards every submission exists exactly once, the person
 * was told, and every notice reached its recipient exactly once.
 *
 * The one step where "exactly once" cannot hold is named: A dies after Teams accepted a
 * notice and before the outbox recorded that (Teams has no idempotency key), so B sends it
 * again; there the notice arrives at least once and at most twice. Nothing is ever lost.
 */

const YEAR = (() => {
  const now = new Date();
  const start = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
})();

/** FAULT_STEPS=all (default) kills at every step; a number kills at every n-th step only, for quick runs. */
const STRIDE = process.env['FAULT_STEPS'] && process.env['FAULT_STEPS'] !== 'all' ? Number(process.env['FAULT_STEPS']) : 1;
const MAX_STEPS = 80;

interface Scene {
  /** The person whose press is killed and who must be told. */
  actor: TestUser;
  actorChat: string;
  /** The press that A dies during. */
  press: Record<string, unknown>;
  /** After B started: the person's next message (a new press for decisions). */
  again: (b: TestBot) => Promise<BotActivity[]>;
  /** If A died before the submission was recorded, the person submits again (nobody answered them). */
  retryIfNotTaken: (b: TestBot) => Promise<BotActivity[] | undefined>;
  check: (b: TestBot, told: string, since: number, window: boolean) => Promise<void>;
}

describe.each(['sqlite', 'cosmos'] as const)('killed at each step of each completion (%s store)', (storeKind) => {
  let inner: RecordStore;
  let cosmos: FakeCosmos | undefined;
  let connector: StubConnector;
  let dir: string;
  let setup: TestBot;
  let people = 0;
  const AD = testUser('Helen Ward', 7900 + (storeKind === 'sqlite' ? 0 : 1));
  const adChat = `a:kill-ad-${storeKind}`;
  const templates: { newPartnership?: Draft; selfAssessment?: Draft } = {};

  const person = (name: string): { user: TestUser; chat: string } => {
    people++;
    const user = testUser(name, 71_000 + people + (storeKind === 'sqlite' ? 0 : 5000));
    return { user, chat: `a:kill-${storeKind}-${people}` };
  };

  const instance = (kill?: KillSwitch, options: { clock?: { now(): Date }; env?: Record<string, string> } = {}) =>
    startTestBot({
      store: kill ? new KillableStore(inner, kill) : inner,
      serviceUrl: connector.serviceUrl,
      ...(kill ? { wrapDelivery: killableDelivery(kill) } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      env: { RECOVERY_INTERVAL_SECONDS: '0', ...options.env },
    });

  /** Deliveries to a 1:1 chat since call index `since`, by summary. */
  const deliveredTo = (chat: string, since: number, summary: RegExp) =>
    connector.calls.slice(since).filter((c) => c.method === 'POST' && c.path.includes(`/conversations/${chat}/activities`) && summary.test(String(c.body['summary'] ?? ''))).length;

  /** Everything sent to a 1:1 chat through the connector since call index `since`. */
  const saidTo = (chat: string, since: number) =>
    connector.calls
      .slice(since)
      .filter((c) => c.method === 'POST' && c.path.includes(`/conversations/${chat}/activities`))
      .map((c) => JSON.stringify(c.body))
      .join('\n');

  const hello = async (bot: TestBot, who: { user: TestUser; chat: string }) => bot.chat(who.user, who.chat).say('hello');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'toolkit-kill-steps-'));
    connector = await startStubConnector();
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      inner = await openCosmosRecordStore(cosmos.settings());
    } else {
      inner = new SqliteRecordStore(join(dir, 'toolkit.db'));
    }
    setup = await instance();
    await setup.chat(AD, adChat).say('hello');
    await setup.app.people.setRoles(AD.objectId, ['officer', 'ad'], ['communities']);
    // Real answers, as the questionnaires store them, to start each scene's draft from.
    const proposer = person('Template Proposer');
    const registered = await registerPartnership(setup, proposer.user, { ...GOOD, NAME: `Template ${storeKind} Partnership` });
    templates.newPartnership = (await setup.app.drafts.get(proposer.user.objectId, registered.partnership.id))!.draft;
    const respondent = person('Template Respondent');
    await hello(setup, respondent);
    await seedLedPartnership(setup, respondent.user, `kill-template-${storeKind}`, `Kill Template ${storeKind}`);
    await completeSelfAssessment(setup.chat(respondent.user, respondent.chat), `Kill Template ${storeKind}`, fullResponse());
    const drafts = await inner.query<Draft>({ kind: 'draft', partition: `owner:${respondent.user.objectId}` });
    templates.selfAssessment = drafts.items[0]!.body;
  }, 240_000);
  afterAll(async () => {
    await setup?.close();
    await inner?.close();
    await cosmos?.close();
    await connector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A draft at its summary, ready to submit, for a fresh officer. */
  async function readyDraft(bot: TestBot, owner: TestUser, template: Draft, changes: Partial<Draft>): Promise<Draft> {
    const bank = loadBank('banks', template.bankId, template.bankVersion);
    const draft: Draft = {
      ...newDraft({ id: randomUUID(), owner, bank, now: new Date(), answers: template.answers, context: { ...template.context } }),
      ...changes,
      position: SUMMARY,
    };
    await bot.app.drafts.create(draft);
    return draft;
  }

  const submitPress = (draft: Draft): Record<string, unknown> => ({ qa: { draft: draft.id, seq: draft.cardSeq, nonce: randomUUID() }, nav: 'submit' });

  async function submittedOrRetried(b: TestBot, owner: TestUser, chat: string, draftId: string): Promise<BotActivity[] | undefined> {
    const found = await b.app.drafts.get(owner.objectId, draftId);
    if (found?.draft.status !== 'inProgress') return undefined;
    return b.chat(owner, chat).submit(submitPress(found.draft));
  }

  const audits = async (b: TestBot, partnershipId: string, action: string) => (await b.app.register.auditTrail(partnershipId)).filter((e) => e.action === action).length;

  const scenes: Record<string, (a: TestBot) => Promise<Scene>> = {
    'new partnership': async (a) => {
      const officer = person('Proposing Officer');
      await hello(a, officer);
      const name = `Killed Step Partnership ${randomUUID().slice(0, 8)}`;
      const draft = await readyDraft(a, officer.user, templates.newPartnership!, {
        answers: { ...templates.newPartnership!.answers, NAME: name },
        context: { ...templates.newPartnership!.context, nameConfirmed: true },
      });
      return {
        actor: officer.user,
        actorChat: officer.chat,
        press: submitPress(draft),
        again: (b) => b.chat(officer.user, officer.chat).say('hello'),
        retryIfNotTaken: (b) => submittedOrRetried(b, officer.user, officer.chat, draft.id),
        async check(b, told, since, window) {
          const stored = (await b.app.drafts.get(officer.user.objectId, draft.id))!.draft;
          expect(stored.status).toBe('submitted');
          expect(stored.completion?.state).toBe('done');
          expect((await b.app.register.get(draft.id))?.name).toBe(name);
          expect(await b.app.register.assessments(draft.id)).toHaveLength(1);
          expect(await audits(b, draft.id, 'partnership.created')).toBe(1);
          expect(await audits(b, draft.id, 'assessment.submitted')).toBe(1);
          expect(await audits(b, draft.id, 'assessment.ad-notified')).toBeLessThanOrEqual(1);
          const notices = deliveredTo(adChat, since, new RegExp(`new partnership "${name}" for your approval`));
          if (window) expect(notices).toBeGreaterThanOrEqual(1);
          else expect(notices).toBe(1);
          expect(told).toContain(name);
        },
      };
    },
    'self-assessment response': async (a) => {
      const lead = person('Leading Officer');
      const respondent = person('Responding Officer');
      await hello(a, lead);
      await hello(a, respondent);
      const id = `kill-sa-${randomUUID().slice(0, 8)}`;
      const partnership = await seedLedPartnership(a, lead.user, id, `Killed Step Assessment ${id.slice(-8)}`, { officerIds: [lead.user.objectId, respondent.user.objectId] });
      const draft = await readyDraft(a, respondent.user, templates.selfAssessment!, {
        subject: { partnershipId: id, name: partnership.name },
        context: { partnershipId: id, year: YEAR },
      });
      return {
        actor: respondent.user,
        actorChat: respondent.chat,
        press: submitPress(draft),
        again: (b) => b.chat(respondent.user, respondent.chat).say('hello'),
        retryIfNotTaken: (b) => submittedOrRetried(b, respondent.user, respondent.chat, draft.id),
        async check(b, told, since, window) {
          const stored = (await b.app.drafts.get(respondent.user.objectId, draft.id))!.draft;
          expect(stored.completion?.state).toBe('done');
          const responses = await inner.query<{ officer: { objectId: string } }>({ kind: 'sa-response', partition: id });
          expect(responses.items.filter((r) => r.body.officer.objectId === respondent.user.objectId)).toHaveLength(1);
          expect(await audits(b, id, 'self-assessment.response-submitted')).toBe(1);
          const notices = deliveredTo(lead.chat, since, /responded to the self-assessment/);
          if (window) expect(notices).toBeGreaterThanOrEqual(1);
          else expect(notices).toBe(1);
          expect(told).toMatch(/your response is in|now saved in full/);
        },
      };
    },
    'exit interview': async (a) => {
      const officer = person('Exiting Officer');
      await hello(a, officer);
      const id = `kill-exit-${randomUUID().slice(0, 8)}`;
      const partnership = await seedLedPartnership(a, officer.user, id, `Killed Step Exit ${id.slice(-8)}`, { status: 'exiting' });
      const bank = loadBank('banks', 'exit-interview');
      const draft = await readyDraft(a, officer.user, { ...newDraft({ id: 'x', owner: officer.user, bank, now: new Date() }) }, {
        subject: { partnershipId: id, name: partnership.name },
        context: { partnershipId: id, statusBeforeExit: 'active' },
        answers: everyRequired(bank, { TYPE: 'achieved', REASONS: ['aims-achieved'], OUTCOME: 'met', EXIT_DATE: '2027-03-31', WORKED: 'Shared data', DIDNT: 'Slow start', DIFFERENTLY: 'Agree data sharing first', ADVICE: 'Name one lead' }),
      });
      return {
        actor: officer.user,
        actorChat: officer.chat,
        press: submitPress(draft),
        again: (b) => b.chat(officer.user, officer.chat).say('hello'),
        retryIfNotTaken: (b) => submittedOrRetried(b, officer.user, officer.chat, draft.id),
        async check(b, told, since, window) {
          const stored = (await b.app.drafts.get(officer.user.objectId, draft.id))!.draft;
          expect(stored.completion?.state).toBe('done');
          expect((await b.app.register.exitDocument(id))?.draftId).toBe(draft.id);
          expect(await audits(b, id, 'exit-document.submitted')).toBe(1);
          expect(await audits(b, id, 'exit-document.ad-notified')).toBeLessThanOrEqual(1);
          const notices = deliveredTo(adChat, since, new RegExp(`Exit of ${partnership.name} for your sign-off`));
          if (window) expect(notices).toBeGreaterThanOrEqual(1);
          else expect(notices).toBe(1);
          expect(told).toMatch(/Exit interview submitted|now saved in full/);
        },
      };
    },
    'decision on a proposal': async (a) => {
      const lead = person('Proposed Lead');
      await hello(a, lead);
      const id = `kill-decision-${randomUUID().slice(0, 8)}`;
      const partnership: Partnership = await seedLedPartnership(a, lead.user, id, `Killed Step Proposal ${id.slice(-8)}`, { status: 'proposed' });
      const assessment: NewPartnershipAssessment = {
        id, partnershipId: id, revision: 1, bankId: 'new-partnership', bankVersion: 3, answers: {}, outcome: 'green', reasons: [], actions: [],
        risks: [], riskCounts: {}, significance: 'medium', significanceReasons: [], submittedBy: { objectId: lead.user.objectId, name: lead.user.name }, submittedAt: new Date().toISOString(),
      } as unknown as NewPartnershipAssessment;
      await a.app.register.saveAssessmentOnce(assessment);
      const press = { verb: 'decideProposal', partnershipId: id, decision: 'approve', revision: 1 };
      return {
        actor: AD,
        actorChat: adChat,
        press,
        // The Assistant Director presses Approve again, having had no answer.
        again: (b) => b.chat(AD, adChat).submit(press),
        retryIfNotTaken: async () => undefined,
        async check(b, told, since, window) {
          expect((await b.app.register.get(id))?.status).toBe('active');
          expect((await b.app.register.assessment(id, id))?.adDecision?.decision).toBe('approved');
          expect(await audits(b, id, 'partnership.approved')).toBe(1);
          expect(await audits(b, id, 'assessment.approved')).toBe(1);
          const notices = deliveredTo(lead.chat, since, new RegExp(`${partnership.name} has been approved`));
          if (window) expect(notices).toBeGreaterThanOrEqual(1);
          else expect(notices).toBe(1);
          expect(told).toMatch(/Approved\.|already been decided/);
        },
      };
    },
    'exit sign-off': async (a) => {
      const lead = person('Exit Lead');
      await hello(a, lead);
      const id = `kill-signoff-${randomUUID().slice(0, 8)}`;
      const partnership = await seedLedPartnership(a, lead.user, id, `Killed Step Sign-off ${id.slice(-8)}`, { status: 'exiting', assistantDirector: { objectId: AD.objectId, name: AD.name } });
      const bank = loadBank('banks', 'exit-interview');
      const document = exitDocumentFrom({
        partnershipId: id, partnershipName: partnership.name, draftId: `${id}-draft`, bankId: bank.id, bankVersion: bank.version,
        answers: { TYPE: 'achieved', OUTCOME: 'met', EXIT_DATE: '2027-03-31' }, leadOfficer: partnership.leadOfficer, assistantDirector: { objectId: AD.objectId, name: AD.name },
        completedBy: partnership.leadOfficer, completedAt: new Date().toISOString(),
      });
      await a.app.register.saveExitDocument(document, partnership.leadOfficer);
      const press = { verb: 'signOffExit', partnershipId: id, revision: 1, decision: 'signOff' };
      return {
        actor: AD,
        actorChat: adChat,
        press,
        again: (b) => b.chat(AD, adChat).submit(press),
        retryIfNotTaken: async () => undefined,
        async check(b, told, since, window) {
          expect((await b.app.register.exitDocument(id))?.status).toBe('signed-off');
          expect((await b.app.register.get(id))?.status).toBe('closed');
          expect(await audits(b, id, 'exit-document.signed-off')).toBe(1);
          expect(await audits(b, id, 'partnership.closed')).toBe(1);
          const notices = deliveredTo(lead.chat, since, new RegExp(`${partnership.name} is now closed`));
          if (window) expect(notices).toBeGreaterThanOrEqual(1);
          else expect(notices).toBe(1);
          expect(told).toMatch(/Signed off\.|already been signed off/);
        },
      };
    },
  };

  for (const [what, scene] of Object.entries(scenes)) {
    it(`${what}: killed at each step, finished by the next message or the recovery sweep, exactly once`, async () => {
      const killedAt: string[] = [];
      for (let step = 1; step <= MAX_STEPS; step += STRIDE) {
        let beyond = false;
        for (const mode of ['kill', 'fail'] as const) {
          const kill = new KillSwitch();
          const a = await instance(kill);
          await a.app.recovery.run();
          const s = await scene(a);
          const since = connector.calls.length;
          kill.arm(step, mode);
          const abort = new AbortController();
          // Delivered as Teams delivers: A's replies go to the connector as it sends them, so what it said before dying is seen.
          const { deliveryMode: _mode, ...activity } = cardSubmitActivity({ user: s.actor, conversationId: s.actorChat, serviceUrl: connector.serviceUrl, value: s.press });
          const request = fetch(`${a.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: abort.signal }).then(
            (r) => r.status,
            () => 0,
          );
          const outcome = await Promise.race([kill.died.then(() => 'killed' as const), request.then((status) => (status === 200 ? ('finished' as const) : ('failed' as const)))]);
          abort.abort();
          await a.close();
          if (mode === 'kill' && outcome === 'finished') {
            expect(step, 'the press must have effects to kill').toBeGreaterThan(3);
            beyond = true;
            break;
          }
          if (mode === 'fail') {
            expect(outcome, 'a failed step is answered, not dropped').toBe('finished');
            if (!kill.failed) break;
          }
          const died = kill.steps.at(-1)!;
          // Teams took the notice and A died before the outbox could record it: sent again, never lost.
          const window = mode === 'kill' && died.startsWith('replace notification') && (kill.steps.at(-2) ?? '').startsWith('deliver');
          if (mode === 'kill') killedAt.push(died);
          const saidByA = saidTo(s.actorChat, since);
          if (mode === 'fail') {
            // Told plainly that the answers are kept, never that the questionnaire is gone.
            expect(saidByA).not.toMatch(/already been submitted or closed/);
          }
          const bySweep = step % 2 === 0;
          const b = await instance(undefined, { clock: clockAhead(10), env: { RECOVERY_GRACE_SECONDS: bySweep ? '0' : '86400' } });
          try {
            await b.app.recovery.run();
            let told = '';
            if (!bySweep) told += textsOf(await s.again(b));
            const retried = await s.retryIfNotTaken(b);
            if (retried) told += textsOf(retried);
            if (bySweep) await b.app.recovery.run();
            // What A said before it died, what B sent through the outbox, and B's replies.
            told += saidTo(s.actorChat, since);
            await s.check(b, told, since, window);
          } catch (error) {
            throw new Error(`${what}, ${mode === 'kill' ? 'killed' : 'failed'} at step ${step} (${died}) and finished by ${bySweep ? 'the sweep' : 'the next message'}: ${(error as Error).message}`);
          } finally {
            await b.close();
          }
        }
        if (beyond) break;
      }
      if (process.env['FAULT_REPORT']) process.stdout.write(`${storeKind} ${what}: killed at ${killedAt.length} steps: ${killedAt.join(', ')}\n`);
      // The completion's own steps were reached, not just the start of the turn.
      expect(killedAt.some((d) => /notification|deliver/.test(d))).toBe(true);
    }, 900_000);
  }
});

/** Answers every required question still open (the first option, a plain value), so the draft can be submitted. */
function everyRequired(bank: Bank, answers: Answers): Answers {
  const filled: Answers = { ...answers };
  for (let round = 0; round < 20; round++) {
    const open = applicableQuestions(bank, filled).filter((q) => q.required && filled[q.id] === undefined);
    if (open.length === 0) return filled;
    for (const q of open) {
      const option = (q as { options?: Array<{ id: string }> }).options?.[0]?.id;
      const columns = (q as { columns?: Array<{ id: string }> }).columns ?? [];
      const value: Record<Question['type'], unknown> = {
        yesNoUnsure: 'no', text: 'Not applicable', choice: option ?? 'other', multiChoice: option ? [option] : [], number: 1, money: 100, date: '2027-03-31',
        list: [Object.fromEntries(columns.map((c) => [c.id, 'Not applicable']))],
      };
      filled[q.id] = value[q.type] as Answers[string];
    }
  }
  return filled;
}
