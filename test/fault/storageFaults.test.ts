import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { FaultyStore } from '../support/faultyStore.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { buttonData, fillCard, questionIdsOnCard, readDraft } from '../support/questionnaireDriver.js';
import { completeSelfAssessment, fullResponse, officer, responseProblems, seedLedPartnership } from '../support/selfAssessmentRun.js';
import { cardsOf, type BotActivity } from '../support/botHarness.js';
import { testUser } from '../support/teamsActivities.js';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { Partnership } from '../../src/partnerships/partnership.js';
import type { Draft } from '../../src/questionnaire/draft.js';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const YEAR = yearNow();

function yearNow(): string {
  const now = new Date();
  const start = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The draft id carried by the newest card's Next button. */
function draftIdOf(replies: BotActivity[]): string {
  return (buttonData(replies, 'Next')['qa'] as { draft: string }).draft;
}

describe.each(['sqlite', 'cosmos'] as const)('storage faults in the middle of a questionnaire (%s store)', (storeKind) => {
  let bot: TestBot;
  let faulty: FaultyStore;
  let inner: RecordStore;
  let cosmos: FakeCosmos | undefined;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'toolkit-fault-'));
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      inner = await openCosmosRecordStore(cosmos.settings());
    } else {
      inner = new SqliteRecordStore(join(dir, 'toolkit.db'));
    }
    faulty = new FaultyStore(inner);
    bot = await startTestBot({ store: faulty });
  }, 60_000);
  afterAll(async () => {
    await bot.close();
    await inner.close();
    await cosmos?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('storage stops answering: the officer is told plainly, answers so far are kept, and the same answer goes through when it returns', async () => {
    const lead = officer(1);
    await seedLedPartnership(bot, lead, 'outage-1', 'Outage Partnership');
    const chat = bot.chat(lead);
    await chat.say('hello');
    const script = fullResponse();
    let replies = await chat.say('self-assessment for the Outage Partnership');
    for (let card = 0; card < 3; card++) {
      const ids = questionIdsOnCard(cardsOf(replies).at(-1)!);
      replies = await chat.submit({ ...buttonData(replies, 'Next'), ...fillCard(ids, script) });
    }
    const draftId = draftIdOf(replies);
    const before = await readDraft(bot, lead, draftId);
    expect(Object.keys(before.answers).length).toBeGreaterThanOrEqual(3);

    // The store goes down; the officer answers the next card.
    const ids = questionIdsOnCard(cardsOf(replies).at(-1)!);
    const answer = { ...buttonData(replies, 'Next'), ...fillCard(ids, script) };
    faulty.goDown();
    const refusedBefore = faulty.refused;
    const duringOutage = await chat.submit(answer);
    expect(faulty.refused).toBeGreaterThan(refusedBefore);
    const told = textsOf(duringOutage);
    expect(told).toContain("I can't reach the partnerships database");
    expect(told).toContain('Everything you had already saved is safe');
    expect(told).toContain('send your answer again');
    expect(told).not.toMatch(/Error|stack|undefined|StorageUnavailable/);
    // A second message while it is still down gets the same plain answer, not a crash.
    expect(textsOf(await chat.say('hello?'))).toContain("I can't reach the partnerships database");

    faulty.comeBack();
    const kept = await readDraft(bot, lead, draftId);
    expect(kept.answers).toEqual(before.answers);
    expect(kept.status).toBe('inProgress');

    // The same card, sent again, is recorded once and the questionnaire carries on.
    const resent = await chat.submit(answer);
    const after = await readDraft(bot, lead, draftId);
    for (const id of ids) expect(after.answers[id]).toBeDefined();
    expect(questionIdsOnCard(cardsOf(resent).at(-1)!)).not.toEqual(ids);

    // And the officer finishes from where they are, with every answer kept.
    const finish = await completeSelfAssessment(chat, 'Outage Partnership', script, { from: resent });
    expect(textsOf(finish.submitted)).toContain('Provisional: 1 response so far');
    expect(await responseProblems(inner, 'outage-1', lead, YEAR)).toEqual([]);
  }, 120_000);

  it('a storage failure past the retries (throttled) mid-turn leaves the draft as it was, and the next answer carries on', async () => {
    const lead = officer(2);
    await seedLedPartnership(bot, lead, 'throttle-1', 'Throttled Partnership');
    const chat = bot.chat(lead);
    await chat.say('hello');
    const script = fullResponse();
    let replies = await chat.say('self-assessment for the Throttled Partnership');
    replies = await chat.submit({ ...buttonData(replies, 'Next'), ...fillCard(questionIdsOnCard(cardsOf(replies).at(-1)!), script) });
    const draftId = draftIdOf(replies);
    const before = await readDraft(bot, lead, draftId);

    const ids = questionIdsOnCard(cardsOf(replies).at(-1)!);
    const answer = { ...buttonData(replies, 'Next'), ...fillCard(ids, script) };
    // Throttled past what the adapter retries: the first call of the turn fails.
    faulty.throttleNext(1);
    const throttled = await chat.submit(answer);
    expect(textsOf(throttled)).toContain("I can't reach the partnerships database");
    expect((await readDraft(bot, lead, draftId)).answers).toEqual(before.answers);

    const resent = await chat.submit(answer);
    const after: Draft = await readDraft(bot, lead, draftId);
    for (const id of ids) expect(after.answers[id]).toBeDefined();
    expect(textsOf(resent)).not.toContain("I can't reach");
  }, 60_000);

  it('storage fails while the questionnaire saves an answer: the officer is told it is the database, and the draft is as it was', async () => {
    const lead = officer(4);
    await seedLedPartnership(bot, lead, 'midturn-1', 'Mid-turn Partnership');
    const chat = bot.chat(lead);
    await chat.say('hello');
    const script = fullResponse();
    const replies = await chat.say('self-assessment for the Mid-turn Partnership');
    const draftId = draftIdOf(replies);
    const before = await readDraft(bot, lead, draftId);
    // The turn reads its state and the draft, then the draft's save fails inside the questionnaire dialog.
    faulty.failNextWriteOf('draft');
    const failed = await chat.submit({ ...buttonData(replies, 'Next'), ...fillCard(questionIdsOnCard(cardsOf(replies).at(-1)!), script) });
    expect(textsOf(failed)).toContain("I can't reach the partnerships database");
    expect((await readDraft(bot, lead, draftId)).answers).toEqual(before.answers);
  }, 60_000);

  it('two officers change the same partnership at the same moment: both changes are kept, one after a retry', async () => {
    const lead = officer(3);
    const spo = testUser('Jo Bloggs', 6100);
    const sam = testUser('Sam Patel', 6101);
    const alex = testUser('Alex Green', 6102);
    await seedLedPartnership(bot, lead, 'race-1', 'Race Partnership');
    for (const user of [lead, spo, sam, alex]) await bot.chat(user).say('hello');
    await bot.app.people.setRoles(spo.objectId, ['spo'], []);
    const leadChat = bot.chat(lead);
    const spoChat = bot.chat(spo);

    // Both turns read version 1 of the entry before either writes.
    faulty.meetAtNextReads('partnership', 2);
    const [byLead, bySpo] = await Promise.all([leadChat.say('add Sam Patel to the Race Partnership'), spoChat.say('add Alex Green to the Race Partnership')]);
    expect(textsOf(byLead)).toContain('Sam Patel is now named on Race Partnership');
    expect(textsOf(bySpo)).toContain('Alex Green is now named on Race Partnership');

    const entry = (await bot.app.register.get('race-1')) as Partnership;
    expect(entry.officerIds).toEqual(expect.arrayContaining([lead.objectId, sam.objectId, alex.objectId]));
    const audit = await bot.app.register.auditTrail('race-1');
    expect(audit.filter((e) => e.action.includes('officer')).length).toBe(2);
  }, 60_000);
});
