import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type BotActivity, type TestBot, type TestChat } from '../support/botHarness.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { HoldingStore, type Hold } from '../support/holdingStore.js';
import { answerUntilSummary, buttonData } from '../support/questionnaireDriver.js';
import { closeYearFrom, ratedResponse, respondInChat, seedLedPartnership } from '../support/selfAssessmentRun.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { ManualClock } from '../../src/util/clock.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';
import type { RecordKey, RecordQuery, RecordStore } from '../../src/storage/recordStore.js';
import type { SelfAssessment, SelfAssessmentResponse } from '../../src/assessments/selfAssessment.js';

const LEAD = testUser('Priya Shah', 5201);
const LATE = testUser('Dev Rao', 5202);
const SPO = testUser('Jo Bloggs', 5203);

/**
 * Which year a self-assessment belongs to, at the 31 March boundary, and a late
 * response racing the lead officer's "close" (issue 18 items 2 and 3). Two bot
 * instances share one store, as two App Service instances would; instance A's
 * store can hold a chosen operation so the race happens in one exact order.
 */
describe.each(['sqlite', 'cosmos'] as const)('self-assessment years and closing, over HTTP (%s store)', (storeKind) => {
  let a: TestBot;
  let b: TestBot;
  let holding: HoldingStore;
  let storeA: RecordStore;
  let storeB: RecordStore;
  let cosmos: FakeCosmos | undefined;
  let dataDir: string | undefined;
  const clock = new ManualClock(new Date('2027-03-31T16:00:00Z'));
  const chats = new Map<string, TestChat>();
  let test = 0;
  /** One conversation per person and test; either instance can take its turns, as behind a load balancer. */
  const chatOf = (user: TestUser, bot: TestBot = a) => {
    const key = `${user.objectId}:${test}:${bot === a ? 'a' : 'b'}`;
    if (!chats.has(key)) chats.set(key, bot.chat(user, `a:${user.objectId}-${test}`));
    return chats.get(key)!;
  };
  beforeEach(() => {
    test++;
  });

  /** Waits for the held operation; a turn that finishes without reaching it is a broken test, not a hang. */
  async function reachedOrFailed(hold: Hold, turn: Promise<unknown>): Promise<void> {
    await Promise.race([hold.reached, turn.then(() => Promise.reject(new Error('The turn finished without reaching the held operation')))]);
  }

  const assessmentOf = async (partnershipId: string, year: string) =>
    (await storeB.read<SelfAssessment>({ kind: 'self-assessment', partition: partnershipId, id: year.replace('/', '-') }))?.body;

  async function seedWithTwoOfficers(id: string, name: string): Promise<void> {
    await seedLedPartnership(a, LEAD, id, name, { officerIds: [LEAD.objectId, LATE.objectId], createdAt: clock.now().toISOString() });
  }

  beforeAll(async () => {
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      const settings = cosmos.settings();
      storeA = await openCosmosRecordStore(settings);
      storeB = await openCosmosRecordStore(settings);
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'toolkit-years-'));
      storeA = new SqliteRecordStore(join(dataDir, 'shared.db'));
      storeB = new SqliteRecordStore(join(dataDir, 'shared.db'));
    }
    holding = new HoldingStore(storeA);
    a = await startTestBot({ store: holding, clock });
    b = await startTestBot({ store: storeB, clock });
    for (const user of [LEAD, LATE, SPO]) await a.chat(user).say('hello');
    await a.app.people.setRoles(SPO.objectId, ['spo'], []);
  }, 120_000);
  afterAll(async () => {
    await a.close();
    await b.close();
    await storeA.close();
    await storeB.close();
    await cosmos?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('item 2: a response given on 31 March is closed on 2 April as 2026/27, and a round that straddles 31 March works', async () => {
    clock.set(new Date('2027-03-25T10:00:00Z'));
    await seedWithTwoOfficers('yb-1', 'Year Boundary Partnership');
    await seedWithTwoOfficers('yb-2', 'Late Round Partnership');
    // The SPO starts the 2026/27 round a week before the year ends; the invitations wait for the lead's next message.
    expect(textsOf(await chatOf(SPO).say('start the annual round'))).toContain('The 2026/27 annual round has started');
    const invitations = await chatOf(LEAD).say('hello');
    expect(textsOf(invitations)).toContain("It's time for the 2026/27 self-assessment of **Late Round Partnership**");

    clock.set(new Date('2027-03-31T16:00:00Z'));
    const leadReplies = await respondInChat(chatOf(LEAD), 'self-assessment for the Year Boundary Partnership', ratedResponse('2'));
    expect(textsOf(leadReplies)).toContain('Provisional: 1 response so far');

    // After the year turns, the round's other officer joins the year that is still open.
    clock.set(new Date('2027-04-01T09:00:00Z'));
    const opening = await chatOf(LATE, b).say('self-assessment for the Year Boundary Partnership');
    expect(textsOf(opening)).toContain("Let's do the 2026/27 self-assessment for Year Boundary Partnership");
    expect(textsOf(opening)).toContain('The 2026/27 self-assessment is still open');
    const { summary } = await answerUntilSummary(chatOf(LATE, b), opening, ratedResponse('3'), 200);
    expect(textsOf(await chatOf(LATE, b).submit(buttonData(summary, 'Submit')))).toContain('Provisional: 2 responses so far');

    // On 2 April the lead closes it from the card they were shown on 31 March.
    clock.set(new Date('2027-04-02T09:00:00Z'));
    const closed = await closeYearFrom(chatOf(LEAD), leadReplies, '2026/27');
    expect(textsOf(closed)).toContain('Year Boundary Partnership: self-assessment 2026/27');
    expect(textsOf(closed)).toContain('Closed. Responses from Priya Shah, Dev Rao');
    expect(textsOf(closed)).not.toContain('Nobody has responded');
    expect((await assessmentOf('yb-1', '2026/27'))!.status).toBe('closed');
    const entry = (await b.app.register.get('yb-1'))!;
    expect(entry.latestAssessment).toMatchObject({ year: '2026/27', percent: 83 });
    expect(entry.status).toBe('active');
    expect(entry.nextReviewDue).toBe('2028-04-02');

    // Nobody responded to the other partnership before 31 March: its invitation still starts 2026/27.
    const lateRound = invitations.filter((reply) => textsOf([reply]).includes('Late Round Partnership'));
    expect(textsOf(await chatOf(LEAD, b).submit(buttonData(lateRound, 'Start the self-assessment')))).toContain("Let's do the 2026/27 self-assessment for Late Round Partnership");
    await chatOf(LEAD, b).say('save for later');

    // Naming the year works too, and once 2026/27 is closed a new response is for 2027/28.
    expect(textsOf(await chatOf(LEAD, b).say('close the 2026/27 self-assessment for the Year Boundary Partnership'))).toContain('The 2026/27 self-assessment for Year Boundary Partnership is already closed');
    clock.set(new Date('2027-04-03T09:00:00Z'));
    expect(textsOf(await chatOf(LEAD).say('self-assessment for the Year Boundary Partnership'))).toContain("Let's do the 2027/28 self-assessment for Year Boundary Partnership");
  }, 120_000);

  /** The lead has responded; the late officer is at the summary, ready to submit. */
  async function lateOfficerAtSummary(id: string, name: string): Promise<{ leadReplies: BotActivity[]; summary: BotActivity[] }> {
    clock.set(new Date('2026-10-05T09:00:00Z'));
    await seedWithTwoOfficers(id, name);
    const leadReplies = await respondInChat(chatOf(LEAD), `self-assessment for the ${name}`, ratedResponse('2'));
    const opening = await chatOf(LATE).say(`self-assessment for the ${name}`);
    const { summary } = await answerUntilSummary(chatOf(LATE), opening, ratedResponse('1'), 200);
    return { leadReplies, summary };
  }

  /** After the race: the year stays closed with its date and its place in the history, and the register agrees with it. */
  async function expectClosedForGood(id: string, lateReplies: BotActivity[]): Promise<void> {
    const year = (await assessmentOf(id, '2026/27'))!;
    expect(year).toMatchObject({ status: 'closed', closedBy: { objectId: LEAD.objectId } });
    // The late response was saved before the close combined the responses, so it counts, and the officer is told so.
    expect(textsOf(lateReplies)).toContain('was closed on 5 October 2026 as your response arrived; your response is included in the result');
    expect(year.closedAt).toBeDefined();
    expect(year.respondents.map((r) => r.name)).toEqual(['Priya Shah', 'Dev Rao']);
    expect(year.scores.overall.percent).toBe(50);
    const history = await storeB.query<SelfAssessment>({ kind: 'self-assessment', partition: id, where: [{ field: 'status', op: '=', value: 'closed' }] });
    expect(history.items.map((r) => r.body.year)).toEqual(['2026/27']);
    expect((await b.app.register.get(id))!.latestAssessment).toMatchObject({ year: '2026/27', percent: year.scores.overall.percent, closedAt: year.closedAt });
    // The late response itself is kept.
    const responses = await storeB.query<SelfAssessmentResponse>({ kind: 'sa-response', partition: id });
    expect(responses.items.map((r) => r.body.officer.name).sort()).toEqual(['Dev Rao', 'Priya Shah']);
    // Nothing reopens it later either: the late officer's next look sees it closed.
    expect(textsOf(await chatOf(LATE).say(`self-assessment for the ${year.partnershipName}`))).toContain('was closed on 5 October 2026');
  }

  it('item 3: a late response that had seen the year open, racing "close" on the same instance, does not reopen it', async () => {
    const { leadReplies, summary } = await lateOfficerAtSummary('race-1', 'Race Partnership');
    // The late response stops just after checking the year was open, before combining the responses.
    const hold = holding.holdNext((op, target) => op === 'query' && (target as RecordQuery).kind === 'sa-response' && (target as RecordQuery).partition === 'race-1');
    const late = chatOf(LATE).submit(buttonData(summary, 'Submit'));
    await reachedOrFailed(hold, late);
    const closed = await closeYearFrom(chatOf(LEAD), leadReplies, '2026/27');
    expect(textsOf(closed)).toContain('Closed. Responses from Priya Shah, Dev Rao');
    hold.release();
    await expectClosedForGood('race-1', await late);
  }, 120_000);

  it('item 3: a late response about to write the open year, racing "close" on another instance, does not reopen it', async () => {
    const { leadReplies, summary } = await lateOfficerAtSummary('race-2', 'Second Race Partnership');
    // The late response has combined the responses as an open year and is about to save it.
    const hold = holding.holdNext((op, target) => op === 'replace' && (target as RecordKey).kind === 'self-assessment' && (target as RecordKey).partition === 'race-2');
    const late = chatOf(LATE).submit(buttonData(summary, 'Submit'));
    await reachedOrFailed(hold, late);
    const closed = await closeYearFrom(chatOf(LEAD, b), leadReplies, '2026/27');
    expect(textsOf(closed)).toContain('Closed. Responses from Priya Shah, Dev Rao');
    hold.release();
    await expectClosedForGood('race-2', await late);
  }, 120_000);
});
