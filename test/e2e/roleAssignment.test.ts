import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { testUser } from '../support/teamsActivities.js';

const SPO = testUser('Sam Patel', 6001);
const DIRECTOR = testUser('Helen Ward', 6002);
const OFFICER = testUser('Jo Brown', 6003);

describe('the Strategic Partnership Officer gives roles in chat', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { ADMIN_OBJECT_IDS: SPO.objectId } });
    for (const person of [SPO, DIRECTOR, OFFICER]) await bot.chat(person).say('hi');
  });
  afterAll(async () => {
    await bot.close();
  });

  it('makes someone Assistant Director for a service area, found by name', async () => {
    const replies = await bot.chat(SPO).say('make Helen Ward assistant director for communities');
    expect(textsOf(replies)).toContain('Done: Helen Ward is now Assistant Director for Communities and Health.');
    const director = await bot.app.people.assistantDirectorFor('communities');
    expect(director?.objectId).toBe(DIRECTOR.objectId);
    expect(director?.roles).toEqual(['officer', 'ad']);
  });

  it('asks which area when none is given, and says who it does not know', async () => {
    expect(textsOf(await bot.chat(SPO).say('make Helen Ward assistant director'))).toContain('Which service area?');
    expect(textsOf(await bot.chat(SPO).say('make Nobody Here an spo'))).toContain("I don't know anyone called Nobody Here yet");
  });

  it('refuses anyone who is not the Strategic Partnership Officer', async () => {
    expect(textsOf(await bot.chat(OFFICER).say('make Jo Brown spo'))).toContain('Only the Strategic Partnership Officer can give people roles.');
    expect((await bot.app.people.find(OFFICER.objectId))?.roles).toEqual(['officer']);
  });
});
