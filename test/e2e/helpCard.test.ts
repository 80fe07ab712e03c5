import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { cardProblems } from '../support/cardValidation.js';
import { fixtureLanguage } from '../support/languageFixture.js';
import { testUser } from '../support/teamsActivities.js';
import { PHRASING_DAY } from '../language/phrasingSet.js';

const SPO = testUser('Morgan Reed', 31);
const AD = testUser('Helen Ward', 32);
const OFFICER = testUser('Jo Brown', 33);

/** The lines only some people are offered, and the rule that decides it. */
const SPO_ONLY = ['Bring the register in', 'The annual round', 'Roles'];
const APPROVERS_ONLY = ['Proposals waiting for a decision'];
const EVERYONE = ['Register a new partnership', 'Annual self-assessment', 'Ask about partnerships', 'Reminders'];

describe('the help card offers each person what they may do (1:1 chat, embedded store)', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ env: { ADMIN_OBJECT_IDS: SPO.objectId } });
    for (const user of [SPO, AD, OFFICER]) await bot.chat(user).say('hello');
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
  });
  afterAll(async () => {
    await bot.close();
  });

  const helpFor = async (user: typeof SPO) => {
    const replies = await bot.chat(user).say('help');
    for (const card of cardsOf(replies)) expect(cardProblems(card)).toEqual([]);
    return textsOf(replies);
  };

  it('an officer sees the everyday lines and none of the Strategic Partnership Officer\'s or the approvers\'', async () => {
    const text = await helpFor(OFFICER);
    for (const line of EVERYONE) expect(text).toContain(line);
    for (const line of [...SPO_ONLY, ...APPROVERS_ONLY]) expect(text).not.toContain(line);
  });

  it('an Assistant Director also sees the proposals waiting for a decision, but not the SPO\'s work', async () => {
    const text = await helpFor(AD);
    for (const line of [...EVERYONE, ...APPROVERS_ONLY]) expect(text).toContain(line);
    for (const line of SPO_ONLY) expect(text).not.toContain(line);
  });

  it('the Strategic Partnership Officer sees every line', async () => {
    const text = await helpFor(SPO);
    for (const line of [...EVERYONE, ...SPO_ONLY, ...APPROVERS_ONLY]) expect(text).toContain(line);
  });

  it('a line pressed by someone it is not for shows the help card, never its detail', async () => {
    const refused = textsOf(await bot.chat(OFFICER).submit({ verb: 'helpTopic', topic: 'assignRole' }));
    expect(refused).toContain('What I can help with');
    expect(refused).not.toContain('make Helen Ward assistant director');
    const shown = textsOf(await bot.chat(SPO).submit({ verb: 'helpTopic', topic: 'assignRole' }));
    expect(shown).toContain('make Helen Ward assistant director for Communities');
  });

  it('the pending approvals line\'s button lists the proposals waiting', async () => {
    const topic = await bot.chat(AD).submit({ verb: 'helpTopic', topic: 'pendingApprovals' });
    const pressed = await bot.chat(AD).submit({ verb: 'pendingApprovals' });
    expect(textsOf(topic)).toContain('Pending approvals');
    expect(textsOf(pressed)).toContain('No proposals are waiting for a decision.');
  });
});

describe('what the new help lines quote is understood as they say', () => {
  const quoted: Array<[string, string]> = [
    ['pending approvals', 'pendingApprovals'],
    ['make Helen Ward assistant director for Communities', 'assignRole'],
    ['make Sam Patel Leadership Team', 'assignRole'],
    ['remove Helen Ward as assistant director', 'removeRole'],
    ['who are the assistant directors', 'listRoleHolders'],
    ['who am I', 'whoAmI'],
    ['start the annual round', 'startAnnualRound'],
    ["who hasn't responded", 'whoHasntResponded'],
    ['register template', 'registerTemplate'],
  ];
  it.each(quoted)('"%s" is read as %s', async (words, verb) => {
    const { language, names } = await fixtureLanguage();
    const understood = await language.understand(words, { today: PHRASING_DAY, names });
    expect('reading' in understood ? understood.reading.verb : understood.kind).toBe(verb);
  });
});
