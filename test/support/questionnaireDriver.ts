import { randomUUID } from 'node:crypto';
import { BankCatalogue } from '../../src/questionnaire/bankCatalogue.js';
import { loadRiskScale } from '../../src/domain/riskScale.js';
import { newDraft, type Draft } from '../../src/questionnaire/draft.js';
import type { Bank } from '../../src/questionnaire/bankSchema.js';
import { cardsOf, type BotActivity, type TestBot } from './botHarness.js';
import type { TestUser } from './teamsActivities.js';

export interface CardRef {
  draft: string;
  seq: number;
  nonce: string;
}

/** The submit data of a card's button, as Teams would send it when pressed. */
export function buttonData(activities: BotActivity[], title: string): Record<string, unknown> {
  const cards = cardsOf(activities);
  for (const card of [...cards].reverse()) {
    const action = findAction(card, title);
    if (action) return action['data'] as Record<string, unknown>;
  }
  throw new Error(`No button "${title}" in the replies: ${JSON.stringify(cards.map((c) => collectTitles(c)))}`);
}

export function refOf(activities: BotActivity[]): CardRef {
  return buttonData(activities, 'Next')['qa'] as CardRef;
}

/** The first card action with this title, anywhere in a card (fallbacks and show cards included). */
export function findAction(node: unknown, title: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findAction(child, title);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const element = node as Record<string, unknown>;
  if (typeof element['type'] === 'string' && (element['type'] as string).startsWith('Action.') && element['title'] === title) return element;
  for (const value of Object.values(element)) {
    const found = findAction(value, title);
    if (found) return found;
  }
  return undefined;
}

/** Every card action's title, for messages when a button is missing. */
export function collectTitles(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(collectTitles);
  if (typeof node !== 'object' || node === null) return [];
  const element = node as Record<string, unknown>;
  const own = typeof element['title'] === 'string' && String(element['type']).startsWith('Action.') ? [element['title'] as string] : [];
  return [...own, ...Object.values(element).flatMap(collectTitles)];
}

/** A bank as the bot loads it, bound to a risk scale (the shipped 4 x 4 one unless a file is named). */
export function loadBank(directory: string, id: string, version?: number, riskScaleFile = 'config/risk-scale.json'): Bank {
  const catalogue = BankCatalogue.loadFromDirectory(directory, loadRiskScale(riskScaleFile));
  const bank = version ? catalogue.version(id, version) : catalogue.latest(id);
  if (!bank) throw new Error(`no bank ${id}`);
  return bank;
}

/** Puts a draft in storage positioned at a question, as if the officer had got that far. */
export async function seedDraft(bot: TestBot, user: TestUser, bank: Bank, at: string, answers: Draft['answers'] = {}): Promise<Draft> {
  const order = bank.sections.flatMap((s) => s.questions.map((q) => q.id));
  const draft: Draft = {
    ...newDraft({ id: randomUUID(), owner: { objectId: user.objectId, name: user.name }, bank, now: new Date(), answers }),
    position: at,
    history: order.slice(0, order.indexOf(at)),
  };
  await bot.app.drafts.create(draft);
  return draft;
}

export async function readDraft(bot: TestBot, user: TestUser, draftId: string): Promise<Draft> {
  const found = await bot.app.drafts.get(user.objectId, draftId);
  if (!found) throw new Error(`draft ${draftId} not found`);
  return found.draft;
}

export type ScriptedAnswer = string | number | string[] | Array<Record<string, string>>;

/** The question ids a card asks (from its input ids), in card order. */
export function questionIdsOnCard(card: Record<string, unknown>): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (typeof element['id'] === 'string' && (element['id'] as string).startsWith('answer:')) {
      const questionId = (element['id'] as string).split(':')[1]!;
      if (!ids.includes(questionId)) ids.push(questionId);
    }
    Object.values(element).forEach(walk);
  };
  walk(card['body']);
  return ids;
}

/** Card inputs as a person fills them in: one answer per question id on the card. */
export function fillCard(questionIds: string[], script: Record<string, ScriptedAnswer>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const id of questionIds) {
    const answer = script[id];
    if (answer === undefined) continue;
    if (Array.isArray(answer) && typeof answer[0] === 'object') {
      (answer as Array<Record<string, string>>).forEach((row, index) => {
        for (const [column, value] of Object.entries(row)) inputs[`answer:${id}:${index}:${column}`] = value;
      });
    } else if (Array.isArray(answer)) {
      inputs[`answer:${id}`] = (answer as string[]).join(',');
    } else if (answer === 'open-ended') {
      inputs[`answer:${id}:alternative`] = 'true';
    } else {
      inputs[`answer:${id}`] = String(answer);
    }
  }
  return inputs;
}

/**
 * Answers every card from a script, pressing Next each time, until the
 * summary appears. Fails loudly if the bot re-asks (a script mistake).
 */
export async function answerUntilSummary(
  chat: { submit(value: Record<string, unknown>): Promise<BotActivity[]> },
  first: BotActivity[],
  script: Record<string, ScriptedAnswer>,
  maxSteps = 120,
): Promise<{ summary: BotActivity[]; asked: string[] }> {
  let replies = first;
  const asked: string[] = [];
  for (let step = 0; step < maxSteps; step++) {
    const cards = cardsOf(replies);
    const card = cards[cards.length - 1];
    if (!card) throw new Error(`No card in the replies: ${JSON.stringify(replies.map((r) => r.text))}`);
    if (JSON.stringify(card).includes('Check your answers')) return { summary: replies, asked };
    const ids = questionIdsOnCard(card);
    asked.push(...ids);
    const previous = JSON.stringify(card);
    replies = await chat.submit({ ...buttonData(replies, 'Next'), ...fillCard(ids, script) });
    const texts = replies.map((r) => r.text ?? '').join(' ');
    if (questionIdsOnCard(cardsOf(replies).at(-1) ?? {}).join() === ids.join() && JSON.stringify(cardsOf(replies).at(-1)).includes('"color":"Attention"')) {
      throw new Error(`Re-asked ${ids.join(', ')}: ${texts} ${previous.slice(0, 200)}`);
    }
  }
  throw new Error('Did not reach the summary');
}
