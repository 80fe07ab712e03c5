import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';

/** The Agents Playground's own user, exactly as it sends it (its object id has 13 digits in the last group). */
const PLAYGROUND_USER: TestUser = { objectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', id: 'user-id-0' };

/** Issue 17 item 10: the README's recipe for trying the roles in the Playground works as written. */
describe('trying the roles locally with the Agents Playground', () => {
  let bot: TestBot;
  beforeAll(async () => {
    // No MICROSOFT_APP_ID: development, as the README's Playground recipe runs it.
    bot = await startTestBot({ env: { ADMIN_OBJECT_IDS: PLAYGROUND_USER.objectId } });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('"who am I" gives the Playground user its object id; with that id in ADMIN_OBJECT_IDS it is the SPO and can give roles', async () => {
    const chat = bot.chat(PLAYGROUND_USER);
    const me = textsOf(await chat.say('who am I'));
    expect(me).toContain('You are Alex Wilber. Your Entra object id is 00000000-0000-0000-0000-0000000000020.');
    expect(me).toContain('Your roles: Strategic Partnership Officer.');
    const colleague = testUser('Megan Bowen', 9101);
    const theirs = textsOf(await bot.chat(colleague).say("what's my object id"));
    expect(theirs).toContain(`Your Entra object id is ${colleague.objectId}. You are an officer, with no other role.`);
    expect(textsOf(await chat.say('make Megan Bowen assistant director for housing'))).toContain('Done: Megan Bowen is now Assistant Director for Housing.');
    expect(textsOf(await bot.chat(colleague).say('who am I'))).toContain('Your roles: Assistant Director for Housing.');
  });
});
