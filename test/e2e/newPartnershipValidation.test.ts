import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { buttonData, loadBank, readDraft, seedDraft } from '../support/questionnaireDriver.js';
import { testUser } from '../support/teamsActivities.js';

const bank = loadBank('banks', 'new-partnership');

/** Answers an officer might already have given before reaching the question under test. */
const EARLIER = { NAME: 'Validation Partnership', AREA: 'communities', A1: 'Testing', RCAT: ['financial'] };

describe('new partnership: bad answers get a clear re-ask and lose nothing', () => {
  let bot: TestBot;
  let n = 5000;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  async function at(questionId: string) {
    const officer = testUser(`Validator ${n}`, ++n);
    const draft = await seedDraft(bot, officer, bank, questionId, EARLIER);
    const chat = bot.chat(officer);
    const opened = await chat.submit({ resume: draft.id });
    return { officer, draft, chat, opened };
  }

  async function expectNothingLost(officer: ReturnType<typeof testUser>, draftId: string, questionId: string) {
    const stored = await readDraft(bot, officer, draftId);
    expect(stored.answers).toMatchObject(EARLIER);
    expect(stored.answers[questionId]).toBeUndefined();
    expect(stored.position).toBe(questionId);
  }

  it('an impossible likelihood sent from the card', async () => {
    const { officer, draft, chat, opened } = await at('R_financial_desc');
    const replies = await chat.submit({
      ...buttonData(opened, 'Next'),
      'answer:R_financial_desc': 'Funding ends', 'answer:R_financial_l': '7', 'answer:R_financial_i': '2',
    });
    expect(textsOf(replies)).toContain('Please choose one of');
    const stored = await readDraft(bot, officer, draft.id);
    // The valid parts of the same card are kept while the likelihood is fixed.
    expect(stored.answers['R_financial_desc']).toBe('Funding ends');
    expect(stored.answers['R_financial_l']).toBeUndefined();
    expect(stored.position).toBe('R_financial_desc');
  });

  it.each([
    ['a negative council contribution', '-£5,000', "The amount can't be negative.", '£5,000', 5000],
    // A monthly figure for the yearly council cash is worked out, never taken as the yearly one.
    ['a monthly figure for the yearly contribution', '£2,000 a month', "£2,000 a month is £24,000 a year. This question asks for the amount a year: type £24,000 if that's right.", '£24,000 a year', 24000],
  ])('%s', async (_what, wrong, message, right, stored) => {
    const { officer, draft, chat } = await at('E1');
    expect(textsOf(await chat.say(wrong))).toContain(message);
    await expectNothingLost(officer, draft.id, 'E1');
    await chat.say(right);
    expect((await readDraft(bot, officer, draft.id)).answers['E1']).toBe(stored);
  });

  it('an amount in words, and a date in everyday words', async () => {
    const { officer, draft, chat } = await at('E1');
    await chat.say('twenty-five thousand pounds');
    expect((await readDraft(bot, officer, draft.id)).answers['E1']).toBe(25000);
    const later = await at('H1');
    expect(textsOf(await later.chat.say('spring 2028'))).toContain('Quarters and seasons can mean different dates');
    await expectNothingLost(later.officer, later.draft.id, 'H1');
    await later.chat.say('mid-April 2028');
    expect((await readDraft(bot, later.officer, later.draft.id)).answers['H1']).toBe('2028-04-15');
  });

  it('a date in the wrong format', async () => {
    const { officer, draft, chat } = await at('H1');
    const text = textsOf(await chat.say('31/13/2027'));
    expect(text).toContain("31/13/2027 isn't a real date");
    expect(text).toContain('day/month/year');
    await expectNothingLost(officer, draft.id, 'H1');
  });

  it('a 10,000-character answer', async () => {
    const { officer, draft, chat } = await at('A3');
    const text = textsOf(await chat.say('word '.repeat(2000)));
    expect(text).toMatch(/That answer is 9,999 characters long; the limit here is [\d,]+\. Please shorten it\./);
    await expectNothingLost(officer, draft.id, 'A3');
  });
});
