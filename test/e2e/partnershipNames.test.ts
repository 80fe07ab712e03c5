import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { answerUntilSummary, buttonData } from '../support/questionnaireDriver.js';
import { testUser } from '../support/teamsActivities.js';
import { GOOD } from '../support/newPartnershipRun.js';
import type { Partnership } from '../../src/partnerships/partnership.js';
import { similarNames } from '../../src/partnerships/partnershipFinder.js';

const ALICE = testUser('Alice Officer', 7501);
const BOB = testUser('Bob Officer', 7502);
const SPO = testUser('Jo Bloggs', 7503);

function actions(replies: BotActivity[]): Array<{ title: string; data: Record<string, unknown> }> {
  return cardsOf(replies).flatMap((c) => (c['actions'] ?? []) as Array<{ title: string; data: Record<string, unknown> }>);
}

describe('names that cannot collide silently (security report M5)', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ env: { ADMIN_OBJECT_IDS: SPO.objectId } });
    for (const user of [ALICE, BOB, SPO]) await bot.chat(user).say('hello');
    const now = new Date().toISOString();
    const alpha: Partnership = {
      id: 'alpha', name: 'Alpha Youth Forum', purpose: 'Young people', partners: [], leadOfficer: { objectId: ALICE.objectId, name: ALICE.name }, officerIds: [ALICE.objectId],
      ownerId: ALICE.objectId, serviceArea: 'communities', statutory: false, priorities: [], councilCashPerYear: 0, significance: 'low', startDate: '2019-04-01',
      nextReviewDue: '2027-04-01', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now,
    };
    await bot.app.register.createOnce(alpha, { objectId: ALICE.objectId, name: ALICE.name });
  }, 60_000);
  afterAll(async () => bot.close());

  it.each([['Alpha Youth Forum', true], ['alpha youth forum.', true], ['ALPHA-YOUTH-FORUM!', true], ['The Alpha Youth Forum partnership', true], ['Alpha Youth Froum', true], ['Beta Youth Forum', false], ['Alpha Sports Forum', false]])(
    '"%s" is close to "Alpha Youth Forum": %s',
    (name, close) => {
      expect(similarNames(name, [{ id: 'alpha', name: 'Alpha Youth Forum' }]).length > 0).toBe(close);
    },
  );

  it('registering a name differing only in case and punctuation shows the existing entry and asks; "different" registers it', async () => {
    const chat = bot.chat(BOB);
    const opening = await chat.say('new partnership');
    const { summary } = await answerUntilSummary(chat, opening, { ...GOOD, NAME: 'alpha youth forum.' });
    const asked = await chat.submit(buttonData(summary, 'Submit'));
    const text = textsOf(asked);
    expect(text).toContain('A partnership with this name is already on the register');
    expect(text).toContain('Alpha Youth Forum: lead officer Alice Officer, active, started 2019');
    expect(text).toContain('Is "alpha youth forum." the same partnership?');
    expect((await bot.app.register.all()).map((p) => p.name)).toEqual(['Alpha Youth Forum']);
    const registered = await chat.submit(actions(asked).find((a) => a.title.startsWith('No, a different partnership'))!.data);
    expect(textsOf(registered)).toContain('alpha youth forum.');
    expect((await bot.app.register.all()).map((p) => p.name).sort()).toEqual(['Alpha Youth Forum', 'alpha youth forum.']);
    // The same answer pressed again changes nothing.
    expect(textsOf(await chat.submit(actions(asked).find((a) => a.title.startsWith('No, a different partnership'))!.data))).toContain('already been answered');
  });

  it('"which one?" buttons carry the entry id and show what tells them apart; one press ends the question', async () => {
    const asked = await bot.chat(SPO).say('show Alpha Youth Forum');
    expect(textsOf(asked)).toContain('More than one partnership matches');
    const choices = actions(asked);
    expect(choices.map((c) => c.title)).toEqual(expect.arrayContaining(['Alpha Youth Forum (lead Alice Officer; active; since 2019)', expect.stringMatching(/^alpha youth forum\. \(lead Bob Officer; proposed; since 20\d\d\)$/)]));
    const bobs = choices.find((c) => c.title.startsWith('alpha youth forum.'))!;
    expect(bobs.data['partnershipId']).toBeDefined();
    const shown = await bot.chat(SPO).submit(bobs.data);
    expect(textsOf(shown)).not.toContain('More than one partnership matches');
    expect(textsOf(shown)).toContain('Lead officer: Bob Officer');
    const alices = await bot.chat(SPO).submit(choices.find((c) => c.title.startsWith('Alpha Youth Forum'))!.data);
    expect(textsOf(alices)).toContain('Lead officer: Alice Officer');
  });
});
