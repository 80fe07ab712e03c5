import { describe, expect, it } from 'vitest';
import { botOnStore } from '../support/storeBot.js';
import { cardProblems } from '../support/cardValidation.js';
import { HIGH } from '../support/turnFlows.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { CountingChat, type ChatMessage } from '../support/turnsDriver.js';
import type { Draft } from '../../src/questionnaire/draft.js';
import { answerUntilSummary, buttonData, loadBank, questionIdsOnCard, type ScriptedAnswer } from '../support/questionnaireDriver.js';
import { cardsOf, textsOf } from '../support/botHarness.js';
import { newDraft } from '../../src/questionnaire/draft.js';
import { randomUUID } from 'node:crypto';

type Card = Record<string, unknown>;

/** The card's body elements in order, flattened (containers opened). */
function elements(card: Card): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (items: unknown): void => {
    if (!Array.isArray(items)) return;
    for (const item of items as Array<Record<string, unknown>>) {
      out.push(item);
      walk(item['items']);
    }
  };
  walk(card['body']);
  return out;
}

function inputOf(card: Card, questionId: string): Record<string, unknown> | undefined {
  return elements(card).find((e) => e['id'] === `answer:${questionId}`);
}

/** The text shown right after a question's input: where its error goes. */
function textAfter(card: Card, questionId: string): string {
  const all = elements(card);
  const index = all.findIndex((e) => e['id'] === `answer:${questionId}`);
  return String(all[index + 1]?.['text'] ?? '');
}

function liveCount(chat: CountingChat): number {
  return chat.messages.filter((m) => m.card && /"verb":"questionnaire"/.test(JSON.stringify(m.card)) && /"nav":"(next|submit)"/.test(JSON.stringify(m.card))).length;
}

/** Says `words` and gives back everything the bot sent for them, texts and cards, as one text. */
async function saidTo(chat: CountingChat, words: string): Promise<string> {
  const before = chat.messages.length;
  await chat.say(words);
  return chat.messages.slice(before).map((m) => m.text ?? JSON.stringify(m.card)).join('\n');
}

const without = (script: Record<string, ScriptedAnswer>, ...ids: string[]) => Object.fromEntries(Object.entries(script).filter(([id]) => !ids.includes(id)));

describe.each(['sqlite', 'cosmos'] as const)('section cards, changed in place (%s store)', (storeKind) => {
  const handle = botOnStore(storeKind);
  let n = 0;
  const officer = (): TestUser => testUser(`Section Officer ${storeKind} ${++n}`, (storeKind === 'sqlite' ? 93_000 : 94_000) + n);

  async function start(user: TestUser): Promise<{ chat: CountingChat; card: ChatMessage }> {
    const chat = new CountingChat(handle.bot, handle.connector, user);
    await chat.say('hi');
    await chat.say('I need to register a new partnership with Essex Police');
    const card = chat.liveCard();
    if (!card) throw new Error(`No card: ${chat.texts.join(' | ')}`);
    return { chat, card };
  }

  async function draftOf(user: TestUser): Promise<Draft> {
    const drafts = await handle.bot.app.drafts.inProgress(user.objectId);
    return drafts[0]!;
  }

  it('a follow-up question and a field error appear on the same card (Action.Execute), answers kept, then the section becomes a one-line summary', async () => {
    const user = officer();
    const { chat, card } = await start(user);
    const first = JSON.stringify(card.card);
    expect(first).toContain('section 1 of 6');
    expect(first).toMatch(/About \d+ minutes in all, 6 sections/);
    expect(first).toContain('"type":"Action.Execute"');
    const sent = chat.cardsSent;

    // E5 "yes" brings its follow-up; "lots" is not an amount.
    await chat.press(card, 'Next', { ...without(HIGH, 'E5d'), E1: 'lots' });
    const updated = chat.lastInvokeCard!;
    expect(updated, 'the invoke is answered with the updated card').toBeDefined();
    expect(chat.cardsSent, 'no second copy').toBe(sent);
    expect(cardProblems(updated)).toEqual([]);
    expect(textAfter(updated, 'E1')).toContain('Please give an amount in pounds');
    expect(inputOf(updated, 'E5d'), 'the follow-up is on the same card').toBeDefined();
    expect(inputOf(updated, 'NAME')?.['value']).toBe('Rayleigh Town Centre Partnership');
    expect(inputOf(updated, 'E5')?.['value']).toBe('yes');
    const kept = await draftOf(user);
    expect(kept.answers['NAME']).toBe('Rayleigh Town Centre Partnership');
    expect(kept.answers['E1']).toBeUndefined();

    await chat.press(card, 'Next', { E1: '£40,000', E5d: 'A shared town centre warden' });
    expect(JSON.stringify(card.card)).toContain('✓ About the partnership');
    expect(JSON.stringify(card.card)).toContain('Action.ToggleVisibility');
    expect(chat.cardsSent).toBe(sent + 1);
    expect(liveCount(chat)).toBe(1);
    expect(JSON.stringify(chat.liveCard()!.card)).toContain('section 2 of 6');
    expect((await draftOf(user)).answers['E1']).toBe(40000);
  });

  it('a client without Universal Actions presses the Action.Submit fallback: the card it came from is updated in place', async () => {
    const user = officer();
    const { chat, card } = await start(user);
    const sent = chat.cardsSent;
    await chat.press(card, 'Next', without(HIGH, 'E5d'), { fallback: true });
    expect(chat.lastInvokeCard).toBeUndefined();
    expect(chat.cardsSent, 'no second copy').toBe(sent);
    expect(inputOf(card.card!, 'E5d'), 'the follow-up appeared on the card, updated through the connector').toBeDefined();
    expect(handle.connector.updates().some((u) => u.activityId === card.id)).toBe(true);
    await chat.press(card, 'Next', { E5d: 'A shared warden' }, { fallback: true });
    expect(JSON.stringify(card.card)).toContain('✓ About the partnership');
    expect(liveCount(chat)).toBe(1);
  });

  it('typed answers fill the card: several in one message, everyday words, a comment kept; a status question is answered, not stored, and the card put back', async () => {
    const user = officer();
    const { chat } = await start(user);
    for (const words of ['Rayleigh Town Centre Partnership', 'economic development', 'A busier town centre', 'skip', 'no no no', "we'll be the lead partner", 'ten grand a year', 'not really mostly']) {
      await chat.say(words);
    }
    let draft = await draftOf(user);
    expect(draft.answers).toMatchObject({ NAME: 'Rayleigh Town Centre Partnership', AREA: 'economy', A1: 'A busier town centre', STAT: 'no', INFO: 'no', ESS: 'no', C5: 'lead', E1: 10000, E4: 'no', E5: 'yes' });
    expect(draft.skipped).toContain('START');
    // The follow-up of E5 is now on the live card, updated in place.
    expect(inputOf(chat.liveCard()!.card!, 'E5d')).toBeDefined();
    expect(chat.texts.at(-1)).toContain('Still to answer on the card');
    await chat.say('A shared town centre warden');
    expect(liveCount(chat)).toBe(1);
    expect(JSON.stringify(chat.liveCard()!.card)).toContain('section 2 of 6');

    // Section 2 by clicking; section 3 (partners, governance) by typing.
    await chat.press(chat.liveCard()!, 'Next', HIGH);
    expect(JSON.stringify(chat.liveCard()!.card)).toContain('Partners and roles');
    const said = await saidTo(chat, 'which partnerships are due review');
    expect(said).toContain('Reviews due');
    expect(said).toContain('I have not recorded that as an answer');
    draft = await draftOf(user);
    // C1 still holds only what the bot filled in from the request ("with Essex Police").
    expect(draft.answers['C1']).toEqual([{ name: 'Essex Police' }]);
    expect(JSON.stringify(draft.answers)).not.toContain('due review');
    expect(liveCount(chat), 'the paused card is read-only; the card is put back once').toBe(1);

    await chat.say('Essex Police, public, inspector@essex.police.uk; Rayleigh Business Group, business');
    await chat.say('2 yes, 4 no, 3 not sure');
    await chat.say('yes, a DPIA is planned');
    await chat.say('yes to all');
    draft = await draftOf(user);
    expect(draft.answers['C1']).toEqual([
      { name: 'Essex Police', sector: 'public', contact: 'inspector@essex.police.uk' },
      { name: 'Rayleigh Business Group', sector: 'private' },
    ]);
    expect(draft.answers).toMatchObject({ C2: 'yes', C3: 'unsure', C4: 'no', C6: 'yes', D3: 'yes' });
    expect((draft.context['comments'] as Record<string, string>)['C6']).toBe('a DPIA is planned');
    expect(JSON.stringify(chat.liveCard()!.card)).toContain('Your comment: a DPIA is planned');

    // Half-recognised words put as a question: the officer says which it was.
    await chat.say('who leads it?');
    const asked = chat.lastCard()!;
    expect(JSON.stringify(asked.card)).toContain('or a question for me?');
    await chat.press(asked, 'It was my answer');
    draft = await draftOf(user);
    expect(draft.answers['D1'] ?? draft.answers['D4']).toBeUndefined();
    expect(chat.texts.at(-1)).toMatch(/Please choose one of|choose/);
    // Or it was a question after all: answered, nothing recorded, the card put back.
    await chat.say('who leads it?');
    const before2 = chat.messages.length;
    await chat.press(chat.lastCard()!, 'It was a question');
    const afterQuestion = chat.messages.slice(before2).map((m) => m.text ?? JSON.stringify(m.card)).join('\n');
    expect(afterQuestion).toContain('I have not recorded that as an answer');
    expect(liveCount(chat)).toBe(1);
    expect(JSON.stringify((await draftOf(user)).answers)).not.toContain('who leads it');

    // Every card the chat holds (live, changed in place, summaries, the question) is a valid card.
    for (const message of chat.messages) if (message.card) expect(cardProblems(message.card), JSON.stringify(message.card).slice(0, 200)).toEqual([]);
  });

  it('a season typed for a date, and a monthly figure for the yearly council cash, are answers it cannot take: told why on the card, not stored, not taken for a request', async () => {
    const user = officer();
    const { chat } = await start(user);
    for (const words of ['Rayleigh Town Centre Partnership', 'economic development', 'A busier town centre']) await chat.say(words);
    // A season for the start date: read as a date it cannot take, not as a request to list the register.
    const toldStart = await saidTo(chat, 'spring 2027');
    expect(toldStart).toContain('Quarters and seasons can mean different dates');
    expect(toldStart).not.toContain('I have not recorded that as an answer');
    for (const words of ['skip', 'no no no', "we'll be the lead partner"]) await chat.say(words);
    const said = await saidTo(chat, '£2,000 a month');
    expect(said).toContain("£2,000 a month is £24,000 a year. This question asks for the amount a year: type £24,000 if that's right.");
    expect(said).not.toContain("couldn't find a partnership");
    expect((await draftOf(user)).answers['E1']).toBeUndefined();
    await chat.say('£24,000 a year');
    expect((await draftOf(user)).answers['E1']).toBe(24000);
    expect(liveCount(chat)).toBe(1);
  });

  it('the summary is a screen or two: a line per section, answers behind Show, skipped ones left out, and "change" by a section\'s or question\'s name', async () => {
    const user = officer();
    const chat = handle.bot.chat(user);
    await chat.say('hi');
    const opened = await chat.say('I need to register a new partnership with Essex Police');
    const { summary } = await answerUntilSummary(chat, opened, { ...HIGH, NAME: `Summary Partnership ${n}`, B1: '' });
    const card = cardsOf(summary).at(-1)!;
    expect(cardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('Action.ToggleVisibility');
    expect(json).not.toContain('Skipped');
    // Shown before anything is expanded: one line per section plus the heading, far from the 69 answers it holds.
    const shown = (card['body'] as Array<Record<string, unknown>>).flatMap((e) => (e['type'] === 'Container' ? ((e['items'] as Array<Record<string, unknown>>).filter((i) => i['isVisible'] !== false)) : [e]));
    expect(shown.filter((e) => e['type'] === 'TextBlock').length).toBeLessThanOrEqual(16);
    expect(json).toContain('Finance and authorisation');
    const changed = await chat.say('change the council cash to 15k');
    expect(textsOf(changed)).toContain('About the partnership');
    const finance = await chat.say('change finance');
    expect(textsOf(finance)).toContain('Finance and authorisation');
    expect(questionIdsOnCard(cardsOf(finance).at(-1)!)).toContain('E6');
  });

  it('a leading yes with a comment fills the free-text follow-up it brings, for the officer to confirm', async () => {
    const user = officer();
    const { chat } = await start(user);
    await chat.press(chat.liveCard()!, 'Next', { ...HIGH, E5: 'no' });
    await chat.say('early intervention, enable communities');
    await chat.say('Earlier youth outreach');
    await chat.say('yes, the Community Safety Partnership could be extended');
    const draft = await draftOf(user);
    expect(draft.answers['A4']).toBe('yes');
    expect(draft.answers['A4d']).toBe('the Community Safety Partnership could be extended');
    expect(draft.unconfirmed).toContain('A4d');
    expect(inputOf(chat.liveCard()!.card!, 'A4d')?.['value']).toBe('the Community Safety Partnership could be extended');
    await chat.say("that's right");
    expect((await draftOf(user)).unconfirmed ?? []).not.toContain('A4d');
  });

  it('typed "back" and "change" leave one live card: the card left behind is turned read-only', async () => {
    const user = officer();
    const { chat } = await start(user);
    await chat.press(chat.liveCard()!, 'Next', HIGH);
    await chat.say('back');
    expect(liveCount(chat)).toBe(1);
    expect(JSON.stringify(chat.liveCard()!.card)).toContain('section 1 of 6');
    await chat.say('change finance');
    expect(liveCount(chat)).toBe(1);
    expect(JSON.stringify(chat.liveCard()!.card)).toContain('Finance and authorisation');
    expect(chat.duplicateLiveCards).toBe(0);
  });

  it('the total of sections never grows', async () => {
    const user = officer();
    const { chat } = await start(user);
    const totals: number[] = [];
    for (let i = 0; i < 4; i++) {
      totals.push(...[...JSON.stringify(chat.liveCard()!.card).matchAll(/section \d+ of (\d+)/g)].map((m) => Number(m[1])));
      await chat.press(chat.liveCard()!, 'Next', HIGH);
    }
    expect(totals.length).toBeGreaterThan(3);
    for (let i = 1; i < totals.length; i++) expect(totals[i]).toBeLessThanOrEqual(totals[i - 1]!);
  });

  it('drafts started on older cards finish on them after a redeploy: one card per question group, or sections grouped another way', async () => {
    const bank = loadBank('banks', 'new-partnership', 3);
    for (const pages of [undefined, [['about', 'A', 'B', 'C'], ['D', 'E', 'F', 'G', 'H'], ['risk'], ['I']]]) {
      const user = officer();
      await handle.bot.chat(user).say('hi');
      const draft = newDraft({ id: randomUUID(), owner: { objectId: user.objectId, name: user.name }, bank, now: new Date(), ...(pages ? { pages } : {}) });
      await handle.bot.app.drafts.create(draft);
      const chat = handle.bot.chat(user);
      const opened = await chat.submit({ resume: draft.id });
      expect(textsOf(opened)).toContain(pages ? 'section 1 of 4' : 'question 1 of');
      const { summary } = await answerUntilSummary(chat, opened, { ...HIGH, NAME: `Old Cards Partnership ${user.objectId.slice(-4)}` });
      const result = await chat.submit(buttonData(summary, 'Submit'));
      expect(textsOf(result)).toMatch(/Amber|Green|Red/);
      expect((await handle.bot.app.drafts.get(user.objectId, draft.id))?.draft.status).toBe('submitted');
    }
  });
});
