import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { buttonData, questionIdsOnCard, readDraft } from '../support/questionnaireDriver.js';
import { fullResponse, officer, seedLedPartnership } from '../support/selfAssessmentRun.js';
import { ManualClock } from '../../src/util/clock.js';

describe('a questionnaire left idle', () => {
  let bot: TestBot;
  const clock = new ManualClock(new Date('2026-05-11T08:00:00Z'));

  beforeAll(async () => {
    bot = await startTestBot({ clock });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('answers a few minutes apart stay answers for more than the idle limit; after hours of silence a message is not taken as an answer', async () => {
    const lead = officer(300);
    await seedLedPartnership(bot, lead, 'idle-1', 'Idle Partnership');
    const chat = bot.chat(lead);
    await chat.say('hello');
    const script = fullResponse();
    let replies = await chat.say('self-assessment for the Idle Partnership');
    const draftId = (buttonData(replies, 'Next')['qa'] as { draft: string }).draft;

    // A typed answer, then a request for help, each 4 minutes after the last, for over 8 hours.
    const started = clock.now().getTime();
    const step = () => clock.set(new Date(clock.now().getTime() + 4 * 60 * 1000));
    for (let turn = 0; turn < 200; turn++) {
      const ids = questionIdsOnCard(cardsOf(replies).at(-1)!);
      if (JSON.stringify(cardsOf(replies).at(-1)).includes('Check your answers')) break;
      const draft = await readDraft(bot, lead, draftId);
      const open = ids.find((id) => draft.answers[id] === undefined) ?? ids[0]!;
      step();
      replies = await chat.say(String(script[open]));
      step();
      expect(textsOf(await chat.say('help'))).toMatch(/You can also type \*\*back\*\*|This is the summary of your answers/);
    }
    expect(clock.now().getTime() - started).toBeGreaterThan(8 * 60 * 60 * 1000);
    const busy = await readDraft(bot, lead, draftId);
    expect(busy.position).toBe('summary');
    for (const id of Object.keys(script)) if (/^[FPCM]\d_evidence$/.test(id)) expect(busy.answers[id]).toBe(script[id]);

    // Nine hours later, a typed word is not recorded as the answer to the question on screen.
    clock.set(new Date(clock.now().getTime() + 9 * 60 * 60 * 1000));
    const later = await chat.say('2');
    expect(textsOf(later)).not.toMatch(/Please choose one of/);
    expect((await readDraft(bot, lead, draftId)).answers).toEqual(busy.answers);
  }, 120_000);
});
