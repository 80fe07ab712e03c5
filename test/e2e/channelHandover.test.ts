import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser } from '../support/teamsActivities.js';

describe('a questionnaire asked for in a channel is handed over to the 1:1 chat', () => {
  let bot: TestBot;
  let connector: StubConnector;

  beforeAll(async () => {
    connector = await startStubConnector();
    bot = await startTestBot({ serviceUrl: connector.serviceUrl });
  });
  afterAll(async () => {
    await bot.close();
    await connector.close();
  });

  it('messages the officer in their 1:1 chat with a button that starts it there', async () => {
    const officer = testUser('Dana Hughes', 8101);
    const personal = bot.chat(officer);
    await personal.say('hello');
    const before = connector.sent().length;

    const inChannel = await bot.chat(officer).mention('new partnership');
    expect(textsOf(inChannel)).toContain("I've sent you a message in our 1:1 chat");

    const sent = connector.sent().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toContain(`/v3/conversations/${personal.conversationId}/activities`);
    const card = (sent[0]!.body['attachments'] as Array<{ content: { actions: Array<{ title: string; data: { command: string } }> } }>)[0]!.content;
    expect(card.actions[0]).toMatchObject({ title: 'Start here', data: { command: 'new partnership' } });

    // Pressing it in the 1:1 chat starts the questionnaire there; nothing was started from the channel.
    expect(await bot.app.drafts.inProgress(officer.objectId)).toHaveLength(0);
    const started = await personal.submit(card.actions[0]!.data);
    expect(cardsOf(started).length).toBeGreaterThan(0);
    expect((await bot.app.drafts.inProgress(officer.objectId)).map((d) => d.bankId)).toEqual(['new-partnership']);
  });

  it('says how to open the 1:1 chat when it cannot reach the officer there yet', async () => {
    const stranger = testUser('Eli Ward', 8102);
    const before = connector.sent().length;
    const replies = await bot.chat(stranger).mention('practice');
    expect(textsOf(replies)).toContain('Open a chat with me');
    expect(connector.sent().length).toBe(before);
  });
});
