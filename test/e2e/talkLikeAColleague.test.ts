import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProblems } from '../support/cardValidation.js';
import { cardsOf, startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { testUser } from '../support/teamsActivities.js';
import { buttonData } from '../support/questionnaireDriver.js';

/** Greetings, thanks and "what can you do" get a short answer; help is a short card whose lines all work; small talk mid-questionnaire is not an answer. */
describe('talking like a colleague, over HTTP', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  const actionsOf = (replies: Awaited<ReturnType<ReturnType<TestBot['chat']>['say']>>) =>
    cardsOf(replies).flatMap((c) => (c['actions'] as Array<{ title: string; data: Record<string, unknown> }> | undefined) ?? []);

  it.each([
    ['morning', 'What can I do for you today?'],
    ['hi, how are you', 'What can I do for you today?'],
    ['thanks', "You're welcome"],
    ['cheers mate', "You're welcome"],
    ['what can you do', 'I can register a new partnership'],
    ['hi, what can you do?', 'I can register a new partnership'],
    ['who are you', "I'm the Partnership Toolkit bot"],
  ])('"%s" gets a short friendly answer with three or four buttons', async (text, answer) => {
    const chat = bot.chat(testUser('Sam Small', 8101));
    await chat.say('hello');
    const replies = await chat.say(text);
    expect(textsOf(replies)).toContain(answer);
    expect(textsOf(replies)).not.toContain("didn't understand");
    expect(textsOf(replies).length).toBeLessThan(400);
    const buttons = actionsOf(replies);
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons.length).toBeLessThanOrEqual(4);
    for (const card of cardsOf(replies)) expect(cardProblems(card)).toEqual([]);
  });

  it('help is a short card, and every line of it works as a button', async () => {
    const user = testUser('Helen Help', 8102);
    const chat = bot.chat(user);
    await chat.say('hello');
    const help = await chat.say('help');
    const [card] = cardsOf(help);
    expect(cardProblems(card!)).toEqual([]);
    const lines = (card!['body'] as Array<Record<string, unknown>>).filter((e) => e['selectAction']);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.length).toBeLessThanOrEqual(10);
    for (const line of lines) {
      const press = (line['selectAction'] as { data: Record<string, unknown>; title: string });
      const detail = await chat.submit(press.data);
      const text = textsOf(detail);
      expect(text, press.title).toContain(press.title);
      expect(text.length, press.title).toBeGreaterThan(press.title.length + 20);
      expect(actionsOf(detail).some((a) => a.title === 'Back to help')).toBe(true);
    }
  });

  it('not understood: one line and the likeliest things as buttons', async () => {
    const chat = bot.chat(testUser('Una Known', 8103));
    await chat.say('hello');
    const replies = await chat.say('purple monkey dishwasher');
    expect(textsOf(replies)).toContain('Sorry, I didn\'t understand "purple monkey dishwasher".');
    expect(actionsOf(replies).length).toBe(3);
  });

  it('small talk in the middle of a questionnaire is not an answer: it says where the officer is and offers to carry on or save', async () => {
    const user = testUser('Nia Newpartner', 8104);
    const chat = bot.chat(user);
    await chat.say('hello');
    await chat.say('new partnership');
    const [draft] = await bot.app.drafts.inProgress(user.objectId);
    const morning = await chat.say('morning');
    const text = textsOf(morning);
    expect(text).toContain("You're part-way through the new partnership questions");
    expect(text).toMatch(/section 1 of \d+/);
    expect((await bot.app.drafts.get(user.objectId, draft!.id))!.draft.answers).toEqual({});
    const carried = await chat.submit(buttonData(morning, 'Carry on'));
    expect(textsOf(carried)).toContain('Carrying on.');
    const thanks = await chat.say('thanks');
    const saved = await chat.submit(buttonData(thanks, 'Save for later'));
    expect(textsOf(saved)).toContain('Saved.');
  });

  it('partners named in the opening message become one row each', async () => {
    const user = testUser('Pat Partners', 8105);
    const chat = bot.chat(user);
    await chat.say('hello');
    await chat.say('I need to register a new town centre partnership with Essex Police and the Rayleigh Business Group');
    const [draft] = await bot.app.drafts.inProgress(user.objectId);
    expect(draft!.answers['C1']).toEqual([{ name: 'Essex Police' }, { name: 'Rayleigh Business Group' }]);
    expect(draft!.subject?.name).toBe('a partnership with Essex Police and Rayleigh Business Group');
  });
});
