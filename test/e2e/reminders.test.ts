import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardProblems } from '../support/cardValidation.js';
import { startTestBot, textOf, textsOf, type BotActivity, type TestBot, type TestChat } from '../support/botHarness.js';
import { buttonData } from '../support/questionnaireDriver.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { ManualClock } from '../../src/util/clock.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import { openRecordStore } from '../../src/storage/openRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { Partnership } from '../../src/partnerships/partnership.js';
import type { ReminderRunSummary } from '../../src/reminders/reminderRun.js';

const SECRET = 'reminders-e2e-secret-0123456789-abcdefghij';
const LEAD = testUser('Priya Shah', 7001);
const SPO = testUser('Jo Bloggs', 7002);
const OTHER = testUser('Sam Patel', 7003);
/** 27 November 2026, 9am in the UK. */
const START = new Date('2026-11-27T09:00:00Z');

/** A reminders run through the real endpoint, as the external scheduler calls it. */
async function runReminders(bot: TestBot): Promise<ReminderRunSummary> {
  const response = await fetch(`${bot.url}/api/reminders/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ReminderRunSummary;
}

async function seedPartnership(bot: TestBot, clock: ManualClock, id: string, name: string, nextReviewDue: string): Promise<Partnership> {
  const now = clock.now().toISOString();
  const partnership: Partnership = {
    id, name, purpose: `The ${name}`, partners: [{ name: 'Essex Police' }], leadOfficer: { objectId: LEAD.objectId, name: LEAD.name },
    officerIds: [LEAD.objectId], ownerId: LEAD.objectId, serviceArea: 'communities', statutory: false, priorities: [], councilCashPerYear: 5000,
    significance: 'medium', overallRisk: 'low', startDate: '2023-04-01', nextReviewDue, stage: { suggested: 'functioning' }, status: 'active',
    createdAt: now, updatedAt: now,
  };
  await bot.app.register.createOnce(partnership, { objectId: SPO.objectId, name: SPO.name });
  return partnership;
}

/** Everything sent proactively into one person's 1:1 chat, as the activities Teams received. */
function sentTo(connector: StubConnector, chat: TestChat): BotActivity[] {
  return connector
    .sent()
    .filter((call) => call.path.includes(`/conversations/${chat.conversationId}/activities`))
    .map((call) => call.body as unknown as BotActivity);
}

describe('reminders over HTTP with a controllable clock (sqlite store)', () => {
  let bot: TestBot;
  let connector: StubConnector;
  let clock: ManualClock;
  let lead: TestChat;
  let spo: TestChat;

  beforeEach(async () => {
    clock = new ManualClock(START);
    connector = await startStubConnector();
    bot = await startTestBot({ serviceUrl: connector.serviceUrl, clock, env: { REMINDERS_SECRET: SECRET } });
    lead = bot.chat(LEAD, 'a:lead-chat');
    spo = bot.chat(SPO, 'a:spo-chat');
    await lead.say('hello');
    await spo.say('hello');
    await bot.app.people.setRoles(SPO.objectId, ['spo']);
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  it('a review due in exactly 30 days is reminded once, and its button starts the self-assessment', async () => {
    await seedPartnership(bot, clock, 'csp', 'Community Safety Partnership', '2026-12-27');
    await seedPartnership(bot, clock, 'later', 'Youth Forum', '2026-12-28');

    const first = await runReminders(bot);
    expect(first).toMatchObject({ day: '2026-11-27', sent: 1, skipped: 0, waiting: 0, unreachable: 0 });
    const [reminder] = sentTo(connector, lead);
    expect(sentTo(connector, lead)).toHaveLength(1);
    expect(textOf(reminder!)).toContain('The Community Safety Partnership is due for review on 27 December 2026.');
    expect(textOf(reminder!)).not.toContain('Youth Forum');
    expect(cardProblems(reminder!.attachments![0]!.content)).toEqual([]);

    const again = await runReminders(bot);
    expect(again).toMatchObject({ sent: 0, skipped: 1, skippedBecause: { alreadySent: 1, snoozed: 0, turnedOff: 0 } });
    clock.advanceDays(10);
    expect((await runReminders(bot)).sent).toBe(1); // the Youth Forum, now within 30 days; CSP stays once
    expect(sentTo(connector, lead)).toHaveLength(2);

    const started = await lead.submit(buttonData([reminder!], 'Start the self-assessment'));
    expect(textsOf(started)).toContain('Community Safety Partnership');
    expect((await bot.app.drafts.inProgress(LEAD.objectId)).some((d) => d.bankId === 'self-assessment')).toBe(true);
  });

  it('an overdue review is reminded the day after, and again every 14 days while it stays overdue', async () => {
    await seedPartnership(bot, clock, 'late', 'Rochford Youth Forum', '2026-11-26');
    expect((await runReminders(bot)).sent).toBe(1);
    expect(textOf(sentTo(connector, lead)[0]!)).toContain('The review of the Rochford Youth Forum was due on 26 November 2026 and is 1 day overdue.');

    clock.advanceDays(13);
    expect((await runReminders(bot)).sent).toBe(0);
    clock.advanceDays(1);
    expect((await runReminders(bot)).sent).toBe(1);
    expect(textOf(sentTo(connector, lead)[1]!)).toContain('is 15 days overdue');
  });

  it('a questionnaire left unfinished for 7 days gets one nudge, and its button carries on', async () => {
    await lead.say('new partnership');
    clock.advanceDays(6);
    expect((await runReminders(bot)).sent).toBe(0);
    clock.advanceDays(1);
    expect((await runReminders(bot)).sent).toBe(1);
    clock.advanceDays(3);
    expect((await runReminders(bot)).sent).toBe(0);

    const nudge = sentTo(connector, lead);
    expect(nudge).toHaveLength(1);
    expect(textOf(nudge[0]!)).toContain('has not changed since 27 November 2026');
    expect(cardProblems(nudge[0]!.attachments![0]!.content)).toEqual([]);
    const resumed = await lead.submit(buttonData(nudge, 'Carry on'));
    expect(cardProblems(resumed.at(-1)!.attachments![0]!.content)).toEqual([]);
    expect(textsOf(resumed)).not.toContain('already been submitted');
  });

  it('"Remind me in 7 days" holds that reminder back until then; a second press or another officer changes nothing', async () => {
    await seedPartnership(bot, clock, 'csp', 'Community Safety Partnership', '2026-12-20');
    await runReminders(bot);
    const reminder = sentTo(connector, lead);
    const snooze = buttonData(reminder, 'Remind me in 7 days');

    expect(textsOf(await lead.submit(snooze))).toContain("I'll remind you again on 4 December 2026");
    expect(textsOf(await lead.submit(snooze))).toContain("You've already snoozed this reminder: it comes back on 4 December 2026");
    await bot.chat(OTHER).say('hello');
    expect(textsOf(await bot.chat(OTHER).submit(snooze))).toContain("That reminder isn't one of yours");
    expect(textsOf(await lead.submit({ ...snooze, days: 400 }))).toContain("I don't recognise that button");

    clock.advanceDays(6);
    expect(await runReminders(bot)).toMatchObject({ sent: 0, skippedBecause: { snoozed: 1 } });
    clock.advanceDays(1);
    expect((await runReminders(bot)).sent).toBe(1);
    expect((await runReminders(bot)).sent).toBe(0);
    expect(sentTo(connector, lead)).toHaveLength(2);
    expect(textOf(sentTo(connector, lead)[1]!)).toContain('is due for review on 20 December 2026');
  });

  it('"snooze reminders for 2 weeks" holds every reminder back until then', async () => {
    await seedPartnership(bot, clock, 'csp', 'Community Safety Partnership', '2026-12-20');
    expect(textsOf(await lead.say('snooze reminders for 2 weeks'))).toContain("you won't get any until 11 December 2026");
    expect(textsOf(await lead.say('snooze reminders for ever'))).toContain('I can pause reminders for between 1 day and 3 months');
    expect(await runReminders(bot)).toMatchObject({ sent: 0, skippedBecause: { snoozed: 1 } });
    clock.advanceDays(14);
    expect((await runReminders(bot)).sent).toBe(1);
  });

  it('an officer who turned reminders off gets none until they turn them back on', async () => {
    await seedPartnership(bot, clock, 'csp', 'Community Safety Partnership', '2026-12-20');
    const off = textsOf(await lead.say('turn off reminders'));
    expect(off).toContain('Reminders turned off');
    expect(off).toContain('turn reminders back on');
    expect(await runReminders(bot)).toMatchObject({ sent: 0, skippedBecause: { turnedOff: 1 } });
    expect(textsOf(await lead.say('snooze reminders for a week'))).toContain("Your reminders are turned off, so you won't get any until you turn them back on.");
    clock.advanceDays(8);
    expect((await runReminders(bot)).sent).toBe(0);
    expect(sentTo(connector, lead)).toHaveLength(0);

    expect(textsOf(await lead.say('turn reminders back on'))).toContain('Reminders are on');
    expect((await runReminders(bot)).sent).toBe(1);
  });

  it('sends nothing twice after a restart', async () => {
    await seedPartnership(bot, clock, 'csp', 'Community Safety Partnership', '2026-12-20');
    await lead.say('new partnership');
    clock.advanceDays(7);
    expect((await runReminders(bot)).sent).toBe(2);
    await bot.restart();
    expect(await runReminders(bot)).toMatchObject({ sent: 0, skippedBecause: { alreadySent: 2 } });
    expect(sentTo(connector, lead)).toHaveLength(2);
  });

  it('retries when Teams throttles (429) and delivers once', async () => {
    await seedPartnership(bot, clock, 'csp', 'Community Safety Partnership', '2026-12-20');
    connector.failNext(429, 2);
    expect(await runReminders(bot)).toMatchObject({ sent: 1, waiting: 0, unreachable: 0 });
    const attempts = connector.calls.filter((c) => c.path.includes('/conversations/a:lead-chat/activities'));
    expect(attempts).toHaveLength(3);
    expect(attempts.every((c) => textOf(c.body as unknown as BotActivity).includes('Community Safety Partnership'))).toBe(true);
    expect((await bot.app.people.find(LEAD.objectId))?.reachable).toBe(true);
  });

  it('marks the officer unreachable when Teams refuses (403), tells the SPO, and delivers when the officer is back', async () => {
    await seedPartnership(bot, clock, 'csp', 'Community Safety Partnership', '2026-12-20');
    connector.failNext(403);
    expect(await runReminders(bot)).toMatchObject({ sent: 0, unreachable: 1 });
    expect((await bot.app.people.find(LEAD.objectId))?.reachable).toBe(false);
    const told = sentTo(connector, spo);
    expect(told).toHaveLength(1);
    expect(textOf(told[0]!)).toContain('Teams would not deliver reminders to Priya Shah');
    expect(cardProblems(told[0]!.attachments![0]!.content)).toEqual([]);

    // The next run does not try Teams again for someone known to be unreachable, nor tell the SPO again.
    const callsBefore = connector.calls.length;
    clock.advanceDays(1);
    expect((await runReminders(bot)).sent).toBe(0);
    expect(connector.calls.length).toBe(callsBefore);

    const back = await lead.say('hello');
    expect(textsOf(back)).toContain('The Community Safety Partnership is due for review on 20 December 2026.');
  });
});

describe.each(['sqlite', 'cosmos'] as const)('two instances running reminders at the same moment (%s store)', (storeKind) => {
  let connector: StubConnector;
  let cosmos: FakeCosmos | undefined;
  let store: RecordStore;
  let dataDir: string;
  let bots: TestBot[] = [];

  beforeEach(async () => {
    connector = await startStubConnector();
    dataDir = mkdtempSync(join(tmpdir(), 'toolkit-reminders-'));
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      store = await openCosmosRecordStore(cosmos.settings());
    } else {
      store = await openRecordStore({ kind: 'sqlite', path: join(dataDir, 'shared.db') });
    }
  }, 60_000);
  afterEach(async () => {
    for (const bot of bots) await bot.close();
    bots = [];
    await store.close();
    await cosmos?.close();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('each reminder goes once, and again not at all after a restart', async () => {
    const clock = new ManualClock(START);
    bots = [
      await startTestBot({ serviceUrl: connector.serviceUrl, clock, store, env: { REMINDERS_SECRET: SECRET } }),
      await startTestBot({ serviceUrl: connector.serviceUrl, clock, store, env: { REMINDERS_SECRET: SECRET } }),
    ];
    const [one, two] = bots as [TestBot, TestBot];
    const lead = one.chat(LEAD, 'a:lead-shared');
    await lead.say('hello');
    for (let i = 1; i <= 6; i++) await seedPartnership(one, clock, `p${i}`, `Partnership ${i}`, i % 2 === 0 ? '2026-11-20' : '2026-12-15');

    const [a, b] = await Promise.all([runReminders(one), runReminders(two)]);
    expect(a.sent + b.sent).toBe(6);
    expect(a.skippedBecause.alreadySent + b.skippedBecause.alreadySent).toBe(6);
    const names = sentTo(connector, lead).map((activity) => /Partnership \d/.exec(textOf(activity))?.[0]);
    expect(names.sort()).toEqual(['Partnership 1', 'Partnership 2', 'Partnership 3', 'Partnership 4', 'Partnership 5', 'Partnership 6']);

    await one.restart();
    await two.restart();
    const [c, d] = await Promise.all([runReminders(one), runReminders(two)]);
    expect(c.sent + d.sent).toBe(0);
    expect(sentTo(connector, lead)).toHaveLength(6);
  });
});
