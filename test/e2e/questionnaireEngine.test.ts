import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProblems } from '../support/cardValidation.js';
import { cardsOf, startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { buttonData, loadBank, readDraft, refOf, seedDraft } from '../support/questionnaireDriver.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser } from '../support/teamsActivities.js';

const BANKS = fileURLToPath(new URL('../fixtures/banks', import.meta.url));
const bank = loadBank(BANKS, 'engine');

/**
 * One row per question type: what a person types or fills in on the card,
 * what must be stored, and an unusable answer with the re-ask it must get.
 */
const TYPES = [
  { id: 'yn', prompt: 'Is the sky blue?', typed: 'not sure', typedStored: 'unsure', card: { 'answer:yn': 'yes' }, cardStored: 'yes', invalid: 'purple', reask: 'Please answer yes, no or not sure', help: 'Look outside.' },
  { id: 'text', prompt: 'Describe the partnership', typed: 'A joint safety scheme', typedStored: 'A joint safety scheme', card: { 'answer:text': '  Shared CCTV  ' }, cardStored: 'Shared CCTV', invalid: 'x'.repeat(10_000), reask: 'the limit here is 100', help: 'In a sentence.' },
  { id: 'choice', prompt: 'Council role', typed: 'accountable body', typedStored: 'accountable-body', card: { 'answer:choice': 'member' }, cardStored: 'member', invalid: 'emperor', reask: 'Please choose one of', help: "Pick the council's role." },
  { id: 'multi', prompt: 'Priorities', typed: 'early intervention and enable communities', typedStored: ['early-intervention', 'communities'], card: { 'answer:multi': 'assets,communities' }, cardStored: ['assets', 'communities'], invalid: 'none, assets', reask: 'together with other options', help: 'All that apply.' },
  { id: 'number', prompt: 'Officer hours a month', typed: '12.5', typedStored: 12.5, card: { 'answer:number': '40' }, cardStored: 40, invalid: '-3', reask: "can't be negative", help: 'Estimate.' },
  { id: 'money', prompt: 'Council cash per year', typed: '£12,500', typedStored: 12500, card: { 'answer:money': '12.5k' }, cardStored: 12500, invalid: '-£50', reask: "can't be negative", help: 'In pounds.' },
  { id: 'date', prompt: 'Review date', typed: '31/03/2027', typedStored: '2027-03-31', card: { 'answer:date': '2027-04-01' }, cardStored: '2027-04-01', invalid: '31/02/2027', reask: "isn't a real date", help: 'Day/month/year.' },
  {
    id: 'list', prompt: 'Partners', typed: 'Essex Police, Public sector; Rochford CVS, Voluntary',
    typedStored: [{ name: 'Essex Police', sector: 'public' }, { name: 'Rochford CVS', sector: 'voluntary' }],
    card: { 'answer:list:0:name': 'Essex Police', 'answer:list:0:sector': 'public' }, cardStored: [{ name: 'Essex Police', sector: 'public' }],
    invalid: 'Essex Police, Galactic', reask: 'Please choose one of', help: 'One row each.',
  },
] as const;

const order: string[] = TYPES.map((t) => t.id);
const promptOf = (id: string): string => TYPES.find((t) => t.id === id)!.prompt;
const nextPrompt = (id: string) => (order.indexOf(id) + 1 < order.length ? promptOf(order[order.indexOf(id) + 1]!) : 'Check your answers');

describe.each(TYPES)('questionnaire engine, $id question', (type) => {
  let bot: TestBot;
  let connector: StubConnector;
  let n = 0;
  const user = () => testUser(`Officer ${type.id}`, 1000 + order.indexOf(type.id) * 20 + ++n);

  beforeAll(async () => {
    connector = await startStubConnector();
    bot = await startTestBot({ env: { BANKS_DIR: BANKS }, serviceUrl: connector.serviceUrl });
  });
  afterAll(async () => {
    await bot.close();
    await connector.close();
  });

  /** Seeds a draft at this question and opens it, returning the chat and the first card's replies. */
  async function atQuestion() {
    const officer = user();
    const draft = await seedDraft(bot, officer, bank, type.id);
    const chat = bot.chat(officer);
    const opened = await chat.submit({ resume: draft.id });
    expect(textsOf(opened)).toContain(type.prompt);
    for (const card of cardsOf(opened)) expect(cardProblems(card)).toEqual([]);
    return { officer, draft, chat, opened };
  }

  it('accepts a valid answer on the card and replaces the card with a read-only copy', async () => {
    const { officer, draft, chat, opened } = await atQuestion();
    const replies = await chat.submit({ ...buttonData(opened, 'Next'), ...type.card }, 'card-activity-1');
    expect(textsOf(replies)).toContain(nextPrompt(type.id));
    expect((await readDraft(bot, officer, draft.id)).answers[type.id]).toEqual(type.cardStored);
    const update = connector.updates().find((u) => u.activityId === 'card-activity-1' && JSON.stringify(u.body).includes(type.prompt));
    expect(update, 'the answered card is replaced').toBeDefined();
    const replaced = (update!.body['attachments'] as Array<{ content: Record<string, unknown> }>)[0]!.content;
    expect(JSON.stringify(replaced)).toContain('Answer saved');
    expect(replaced['actions']).toBeUndefined();
    expect(JSON.stringify(replaced)).not.toContain('Input.');
  });

  it('accepts a valid typed answer', async () => {
    const { officer, draft, chat } = await atQuestion();
    const replies = await chat.say(type.typed);
    expect(textsOf(replies)).toContain(nextPrompt(type.id));
    expect((await readDraft(bot, officer, draft.id)).answers[type.id]).toEqual(type.typedStored);
  });

  it('re-asks with a specific message after an unusable answer, losing nothing', async () => {
    const { officer, draft, chat } = await atQuestion();
    const replies = await chat.say(type.invalid);
    expect(textsOf(replies)).toContain(type.reask);
    expect(textsOf(replies)).toContain(type.prompt);
    const stored = await readDraft(bot, officer, draft.id);
    expect(stored.answers[type.id]).toBeUndefined();
    expect(stored.position).toBe(type.id);
    expect(stored.invalidAttempts).toBe(1);
    // The re-asked question still takes a good answer.
    await chat.say(type.typed);
    expect((await readDraft(bot, officer, draft.id)).answers[type.id]).toEqual(type.typedStored);
  });

  it('goes back to the previous question', async () => {
    const { chat } = await atQuestion();
    const replies = await chat.say('back');
    if (order.indexOf(type.id) === 0) expect(textsOf(replies)).toContain('This is the first question');
    else expect(textsOf(replies)).toContain(promptOf(order[order.indexOf(type.id) - 1]!));
  });

  it('skips an optional question', async () => {
    const { officer, draft, chat } = await atQuestion();
    const replies = await chat.say('skip');
    expect(textsOf(replies)).toContain(nextPrompt(type.id));
    const stored = await readDraft(bot, officer, draft.id);
    expect(stored.skipped).toContain(type.id);
    expect(stored.answers[type.id]).toBeUndefined();
  });

  it('explains the question on help', async () => {
    const { chat } = await atQuestion();
    const text = textsOf(await chat.say('help'));
    expect(text).toContain(type.help);
    expect(text).toContain(type.prompt);
  });

  it('asks before cancelling, keeps the draft, and offers it again later', async () => {
    const { officer, draft, chat } = await atQuestion();
    expect(textsOf(await chat.say('cancel'))).toContain('Stop the engine test questionnaire for now?');
    expect(textsOf(await chat.say('yes'))).toContain('Your answers are kept as a draft');
    const stored = await readDraft(bot, officer, draft.id);
    expect(stored.status).toBe('inProgress');
    expect(stored.position).toBe(type.id);
    const offer = await chat.say('continue');
    expect(textsOf(offer)).toContain(`Engine test questionnaire (question ${order.indexOf(type.id) + 1} of ${order.length})`);
    const resumed = await chat.submit(buttonData(offer, 'Continue'));
    expect(textsOf(resumed)).toContain(type.prompt);
  });

  it('carries on after the server restarts mid-questionnaire', async () => {
    const { officer, draft, chat } = await atQuestion();
    await bot.restart();
    const replies = await chat.say(type.typed);
    expect(textsOf(replies)).toContain(nextPrompt(type.id));
    expect((await readDraft(bot, officer, draft.id)).answers[type.id]).toEqual(type.typedStored);
  });

  it('recognises a stale card and does not use it', async () => {
    const { officer, draft, chat, opened } = await atQuestion();
    await chat.say(type.typed); // moves on; the opened card is now old
    const replies = await chat.submit({ ...buttonData(opened, 'Next'), ...type.card });
    expect(textsOf(replies)).toContain('That card is out of date');
    const stored = await readDraft(bot, officer, draft.id);
    expect(stored.answers[type.id]).toEqual(type.typedStored);
    expect(stored.position).not.toBe(type.id);
  });

  it('records a double submit only once', async () => {
    const { officer, draft, chat, opened } = await atQuestion();
    const submit = { ...buttonData(opened, 'Next'), ...type.card };
    await chat.submit(submit);
    const afterFirst = await readDraft(bot, officer, draft.id);
    const second = await chat.submit(submit);
    expect(textsOf(second)).toContain('I already have that');
    const afterSecond = await readDraft(bot, officer, draft.id);
    expect(afterSecond.answers).toEqual(afterFirst.answers);
    expect(afterSecond.history).toEqual(afterFirst.history);
    expect(afterSecond.position).toBe(afterFirst.position);
  });
});

describe('questionnaire engine, whole runs', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { BANKS_DIR: BANKS } });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('walks every question by typing, shows a summary, changes an answer and submits', async () => {
    const officer = testUser('Whole Run', 2001);
    const draft = await seedDraft(bot, officer, bank, 'yn');
    const chat = bot.chat(officer);
    await chat.submit({ resume: draft.id });
    let last = [] as Awaited<ReturnType<typeof chat.say>>;
    for (const type of TYPES) last = await chat.say(type.typed);
    expect(textsOf(last)).toContain('Check your answers');
    expect(textsOf(last)).toContain('£12,500');
    expect(textsOf(last)).toContain('31 March 2027');
    for (const card of cardsOf(last)) expect(cardProblems(card)).toEqual([]);

    const change = await chat.submit({ ...buttonData(last, 'Change this answer'), change: '3' });
    expect(textsOf(change)).toContain('Council role');
    const back = await chat.say('observer');
    expect(textsOf(back)).toContain('Check your answers');
    expect(textsOf(back)).toContain('Observer');

    const done = await chat.submit(buttonData(back, 'Submit'));
    expect(textsOf(done)).toContain('have been submitted');
    const stored = await readDraft(bot, officer, draft.id);
    expect(stored.status).toBe('submitted');
    expect(stored.answers['choice']).toBe('observer');
    // The conversation is free again.
    expect(textsOf(await chat.say('help'))).toContain('What I can help with');
  });

  it('continues a draft from its card after the dialog state was lost', async () => {
    const officer = testUser('Lost State', 2002);
    const draft = await seedDraft(bot, officer, bank, 'money');
    const chat = bot.chat(officer);
    const opened = await chat.submit({ resume: draft.id });
    const stateRecords = await bot.app.store.query({ kind: 'botstate' });
    for (const record of stateRecords.items) await bot.app.store.delete(record);
    const replies = await chat.submit({ ...buttonData(opened, 'Next'), 'answer:money': '£300' });
    expect(textsOf(replies)).toContain('Review date');
    expect((await readDraft(bot, officer, draft.id)).answers['money']).toBe(300);
  });

  it('offers to continue when the officer comes back without the dialog', async () => {
    const officer = testUser('Back Later', 2003);
    await seedDraft(bot, officer, bank, 'date');
    const replies = await bot.chat(officer).say('hello there');
    expect(textsOf(replies)).toContain('You have an unfinished questionnaire');
    expect(textsOf(replies)).toContain('Engine test questionnaire (question 7 of 8)');
  });

  it('keeps drafts for several questionnaires at once', async () => {
    const officer = testUser('Many Drafts', 2004);
    await seedDraft(bot, officer, bank, 'text');
    await seedDraft(bot, officer, bank, 'list');
    const replies = await bot.chat(officer).say('continue');
    expect(textsOf(replies)).toContain('You have 2 unfinished questionnaires');
    expect(textsOf(replies)).toContain('[Continue 1]');
    expect(textsOf(replies)).toContain('[Continue 2]');
  });

  it('refuses to skip a required question and says why', async () => {
    const officer = testUser('Required', 2005);
    const chat = bot.chat(officer);
    await chat.say('hi');
    const practiceBot = await startTestBot();
    try {
      const practice = practiceBot.chat(officer);
      const first = await practice.say('practice');
      expect(textsOf(first)).toContain('Have you used the Partnership Toolkit before?');
      const refused = await practice.say('skip');
      expect(textsOf(refused)).toContain("needs an answer, so it can't be skipped");
      // The section card above is still the live one: nothing was recorded, so its Next still works.
      const blank = await practice.submit({ ...buttonData(first, 'Next') });
      expect(textsOf(blank)).toContain('This question needs an answer');
    } finally {
      await practiceBot.close();
    }
  });

  it('offers a way out after repeated unusable answers', async () => {
    const officer = testUser('Stuck', 2006);
    const draft = await seedDraft(bot, officer, bank, 'number');
    const chat = bot.chat(officer);
    await chat.submit({ resume: draft.id });
    await chat.say('lots');
    await chat.say('many');
    const third = await chat.say('loads');
    expect(textsOf(third)).toContain('you can type **skip**');
  });

  it('hands the conversation back when the officer asks for something else mid-way', async () => {
    const officer = testUser('Elsewhere', 2007);
    const draft = await seedDraft(bot, officer, bank, 'yn');
    const chat = bot.chat(officer);
    await chat.submit({ resume: draft.id });
    const replies = await chat.say('practice');
    expect(textsOf(replies)).toContain("I've kept your engine test questionnaire as a draft");
    expect((await readDraft(bot, officer, draft.id)).status).toBe('inProgress');
  });
});
