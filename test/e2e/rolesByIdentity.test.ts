import { describe, expect, it } from 'vitest';
import { cardsOf, textsOf, type BotActivity } from '../support/botHarness.js';
import { botOnStore } from '../support/storeBot.js';
import { testUser } from '../support/teamsActivities.js';
import type { Partnership } from '../../src/partnerships/partnership.js';

const SPO = testUser('Jo Bloggs', 7301);
const PRIYA_ONE = testUser('Priya Director', 7302);
const PRIYA_TWO = testUser('Priya Director', 7303);
const NEWCOMER = testUser('Nia Newcomer', 7304);

function buttons(replies: BotActivity[]): Array<{ title: string; data: Record<string, unknown> }> {
  return cardsOf(replies).flatMap((c) => (c['actions'] ?? []) as Array<{ title: string; data: Record<string, unknown> }>);
}

describe.each(['sqlite', 'cosmos'] as const)('people and roles by identity (%s store)', (storeKind) => {
  const run = botOnStore(storeKind, { env: { ADMIN_OBJECT_IDS: SPO.objectId } }, async ({ bot, connector }) => {
    connector.setMember(PRIYA_ONE.id, { email: 'priya.d@example-partner.org', userPrincipalName: 'priya.d@example-partner.org' });
    connector.setMember(PRIYA_TWO.id, { email: 'priya.director@rochford.gov.uk', userPrincipalName: 'pdirector@rochford.gov.uk' });
    connector.setMember(NEWCOMER.id, { email: 'nia.newcomer@rochford.gov.uk' });
    for (const user of [SPO, PRIYA_ONE, PRIYA_TWO]) await run.bot.chat(user).say('hello');
  });

  it('reads each person\'s email and UPN from Teams at their first message', async () => {
    expect((await run.bot.app.people.find(PRIYA_TWO.objectId))?.contacts).toEqual(['priya.director@rochford.gov.uk', 'pdirector@rochford.gov.uk']);
  });

  it('two people with the same display name: the SPO is asked which one, by email; one press ends the question, and it is audited', async () => {
    const asked = await run.bot.chat(SPO).say('make Priya Director assistant director for communities');
    expect(textsOf(asked)).toContain('More than one person is called Priya Director. Which one do you mean?');
    const choices = buttons(asked);
    expect(choices.map((b) => b.title)).toEqual([expect.stringContaining('priya.d@example-partner.org'), expect.stringContaining('priya.director@rochford.gov.uk')]);
    const done = await run.bot.chat(SPO).submit(choices[1]!.data);
    expect(textsOf(done)).toContain('Done: Priya Director (priya.director@rochford.gov.uk) is now Assistant Director for Communities and Health.');
    expect((await run.bot.app.people.find(PRIYA_TWO.objectId))?.roles).toContain('ad');
    expect((await run.bot.app.people.find(PRIYA_ONE.objectId))?.roles).not.toContain('ad');
    const event = (await run.bot.app.people.roleChanges()).find((e) => e.personId === PRIYA_TWO.objectId)!;
    expect(event).toMatchObject({ by: { objectId: SPO.objectId }, from: { roles: ['officer'], areas: [] }, to: { roles: ['officer', 'ad'], areas: ['communities'] } });
  });

  it('"who are the assistant directors" lists the holders', async () => {
    const text = textsOf(await run.bot.chat(PRIYA_ONE).say('who are the assistant directors'));
    expect(text).toContain('The Assistant Directors (1)');
    expect(text).toContain('Priya Director (priya.director@rochford.gov.uk): Communities and Health');
  });

  it('a role is removed, and that is audited', async () => {
    const done = await run.bot.chat(SPO).say('remove Priya Director as assistant director');
    expect(textsOf(done)).toContain('Done: Priya Director (priya.director@rochford.gov.uk) is no longer Assistant Director.');
    expect((await run.bot.app.people.find(PRIYA_TWO.objectId))?.roles).toEqual(['officer']);
    const events = (await run.bot.app.people.roleChanges()).filter((e) => e.personId === PRIYA_TWO.objectId);
    expect(events.at(-1)).toMatchObject({ from: { roles: ['officer', 'ad'] }, to: { roles: ['officer'], areas: [] }, note: 'remove Priya Director as Assistant Director' });
  });

  it('someone who has not used the bot is named by email, and linked, with what they were named on, at their first message', async () => {
    const named = await run.bot.chat(SPO).say('make nia.newcomer@rochford.gov.uk assistant director for housing');
    expect(textsOf(named)).toContain('is now Assistant Director for Housing. They have not used the bot yet');
    const now = new Date().toISOString();
    const entry: Partnership = {
      id: 'named-by-email', name: 'Housing Forum', purpose: 'p', partners: [], leadOfficer: { objectId: 'email:nia.newcomer@rochford.gov.uk', name: 'Nia Newcomer' },
      officerIds: ['email:nia.newcomer@rochford.gov.uk'], ownerId: 'email:nia.newcomer@rochford.gov.uk', serviceArea: 'housing', statutory: false, priorities: [],
      councilCashPerYear: 0, significance: 'low', startDate: '2020-04-01', nextReviewDue: '2027-04-01', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now,
    };
    await run.bot.app.register.createOnce(entry, { objectId: SPO.objectId, name: SPO.name });
    await run.bot.chat(NEWCOMER).say('hello');
    const person = (await run.bot.app.people.find(NEWCOMER.objectId))!;
    expect(person.roles).toContain('ad');
    expect(person.areas).toEqual(['housing']);
    expect(await run.bot.app.people.find('email:nia.newcomer@rochford.gov.uk')).toBeUndefined();
    const linked = (await run.bot.app.register.get('named-by-email'))!;
    expect(linked.leadOfficer).toEqual({ objectId: NEWCOMER.objectId, name: 'Nia Newcomer' });
    expect(linked.officerIds).toEqual([NEWCOMER.objectId]);
    expect((await run.bot.app.register.auditTrail('named-by-email')).map((e) => e.action)).toContain('partnership.officer-linked');
  });
});
