import { randomUUID } from 'node:crypto';
import type { Partnership } from '../../src/partnerships/partnership.js';
import type { SelfAssessmentResponse } from '../../src/assessments/selfAssessment.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import { cardsOf, textsOf, type BotActivity, type TestBot, type TestChat } from './botHarness.js';
import { cardProblems } from './cardValidation.js';
import { answerUntilSummary, buttonData, fillCard, questionIdsOnCard, type ScriptedAnswer } from './questionnaireDriver.js';
import { cardSubmitActivity, messageActivity, testUser, type TestUser } from './teamsActivities.js';

/** The 28 statements of the self-assessment bank. */
export const STATEMENTS = ['F', 'P', 'C', 'M'].flatMap((a) => [1, 2, 3, 4, 5, 6, 7].map((n) => `${a}${n}`));
const STAGE_QUESTIONS: Record<string, number> = { forming: 3, frustration: 4, functioning: 3, flying: 4, failing: 4 };

/** A whole response: every statement rated 2 with evidence, stage indicators "no". */
export function fullResponse(tag = ''): Record<string, ScriptedAnswer> {
  const script: Record<string, ScriptedAnswer> = {};
  for (const id of STATEMENTS) {
    script[id] = '2';
    script[`${id}_evidence`] = `Evidence for ${id}${tag}`;
  }
  for (const [stage, count] of Object.entries(STAGE_QUESTIONS)) {
    for (let i = 1; i <= count; i++) script[`S_${stage}_${i}`] = 'no';
  }
  script['AIMS_DONE'] = 'no';
  // Bank v3's risk review: not this officer (tests of the review answer it themselves).
  script['RR_DO'] = 'no';
  return script;
}

/**
 * A whole response: every statement rated `base` unless overridden, with evidence; a 0 or 1 gets an
 * action, a "don't know" says who will find out; stage indicators answered yes for `stages`.
 */
export function ratedResponse(base: string, overrides: Record<string, string> = {}, options: { stages?: string[]; aimsDone?: boolean } = {}): Record<string, ScriptedAnswer> {
  const script: Record<string, ScriptedAnswer> = {};
  for (const id of STATEMENTS) {
    const rating = overrides[id] ?? base;
    script[id] = rating;
    script[`${id}_evidence`] = `Evidence for ${id}`;
    if (rating === '0' || rating === '1') {
      script[`${id}_action`] = `Put ${id} right`;
      script[`${id}_owner`] = 'Partnership manager';
      script[`${id}_due`] = '2031-03-31';
    }
    if (rating === 'dk') {
      script[`${id}_findout_owner`] = 'Policy officer';
      script[`${id}_findout_due`] = '2031-06-30';
    }
  }
  for (const [stage, count] of Object.entries(STAGE_QUESTIONS)) {
    for (let i = 1; i <= count; i++) script[`S_${stage}_${i}`] = options.stages?.includes(stage) ? 'yes' : 'no';
  }
  script['AIMS_DONE'] = options.aimsDone ? 'yes' : 'no';
  script['RR_DO'] = 'no';
  return script;
}

/**
 * Asks for a self-assessment in words, answers every card from the script and submits, checking
 * every statement was asked and every card the bot sent is valid; returns the replies to Submit.
 */
export async function respondInChat(chat: TestChat, request: string, script: Record<string, ScriptedAnswer>): Promise<BotActivity[]> {
  const opening = await chat.say(request);
  if (!/self-assessment for/.test(textsOf(opening))) throw new Error(`Self-assessment did not start: ${textsOf(opening).slice(0, 300)}`);
  const { summary, asked } = await answerUntilSummary(chat, opening, script, 200);
  const missing = STATEMENTS.filter((id) => !asked.includes(id));
  if (missing.length > 0) throw new Error(`Statements never asked: ${missing.join(', ')}`);
  return checkedCards(await chat.submit(buttonData(summary, 'Submit')));
}

/** Presses a result card's "Close the <year> assessment" button. */
export async function closeYearFrom(chat: TestChat, replies: BotActivity[], year: string): Promise<BotActivity[]> {
  return checkedCards(await chat.submit(buttonData(replies, `Close the ${year} assessment`)));
}

function checkedCards(replies: BotActivity[]): BotActivity[] {
  for (const card of cardsOf(replies)) {
    const problems = cardProblems(card);
    if (problems.length > 0) throw new Error(`Invalid card: ${problems.join('; ')}`);
  }
  return replies;
}

/** The n-th simulated officer and the partnership they lead. */
export function officer(n: number): TestUser {
  return testUser(`Officer ${n}`, 70_000 + n);
}

export async function seedLedPartnership(bot: TestBot, lead: TestUser, id: string, name: string, extra: Partial<Partnership> = {}): Promise<Partnership> {
  const now = extra.createdAt ?? new Date().toISOString();
  const partnership: Partnership = {
    id, name, purpose: `The ${name}`, partners: [{ name: 'Essex Police' }], leadOfficer: { objectId: lead.objectId, name: lead.name },
    officerIds: [lead.objectId], ownerId: lead.objectId, serviceArea: 'communities', statutory: false, priorities: [],
    councilCashPerYear: 5000, significance: 'medium', overallRisk: 'low', startDate: '2023-04-01', nextReviewDue: '2026-06-30',
    stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now, ...extra,
  };
  await bot.app.register.createOnce(partnership, { objectId: lead.objectId, name: lead.name });
  return partnership;
}

export interface TurnTiming {
  /** Milliseconds per turn, in order. */
  latencies: number[];
  /** Questions answered on the cards (a card can ask more than one). */
  questionsAnswered: number;
  cardTurns: number;
}

/**
 * One officer's whole self-assessment over HTTP: the request, every card, the submit.
 * `onCardTurn` is called around each answered card, for counting storage round trips.
 */
export async function completeSelfAssessment(
  chat: TestChat,
  partnershipName: string,
  script: Record<string, ScriptedAnswer> = fullResponse(),
  hooks: { beforeCard?: () => void; afterCard?: (questions: number) => void; from?: BotActivity[] } = {},
): Promise<TurnTiming & { submitted: BotActivity[] }> {
  const latencies: number[] = [];
  const timed = async (send: () => Promise<BotActivity[]>) => {
    const started = performance.now();
    const replies = await send();
    latencies.push(performance.now() - started);
    return replies;
  };
  // Carrying on from a card already shown, or starting with the request in words.
  let replies = hooks.from ?? (await timed(() => chat.say(`self-assessment for the ${partnershipName}`)));
  if (!/self-assessment/i.test(textsOf(replies))) throw new Error(`Self-assessment did not start: ${textsOf(replies).slice(0, 300)}`);
  let questionsAnswered = 0;
  let cardTurns = 0;
  for (let step = 0; step < 200; step++) {
    const card = cardsOf(replies).at(-1);
    if (!card) throw new Error(`No card in the replies: ${textsOf(replies).slice(0, 300)}`);
    if (JSON.stringify(card).includes('Check your answers')) {
      const submitted = await timed(() => chat.submit(buttonData(replies, 'Submit')));
      return { latencies, questionsAnswered, cardTurns, submitted };
    }
    const ids = questionIdsOnCard(card);
    const data = { ...buttonData(replies, 'Next'), ...fillCard(ids, script) };
    hooks.beforeCard?.();
    replies = await timed(() => chat.submit(data));
    hooks.afterCard?.(ids.length);
    questionsAnswered += ids.length;
    cardTurns++;
  }
  throw new Error('Did not reach the summary');
}

/** Reads back an officer's submitted response and says what, if anything, is missing from it. */
export async function responseProblems(store: RecordStore, partnershipId: string, lead: TestUser, year: string, tag = ''): Promise<string[]> {
  const page = await store.query<SelfAssessmentResponse>({ kind: 'sa-response', partition: partnershipId, pageSize: 100 });
  const mine = page.items.map((r) => r.body).filter((r) => JSON.stringify(r).includes(lead.objectId));
  if (mine.length !== 1) return [`${mine.length} responses from ${lead.name} for ${partnershipId} (expected 1)`];
  const json = JSON.stringify(mine[0]);
  const problems: string[] = [];
  if (!json.includes(year)) problems.push(`response is not for ${year}`);
  for (const id of STATEMENTS) if (!json.includes(`Evidence for ${id}${tag}`)) problems.push(`${id} evidence missing`);
  return problems;
}

/** A 1:1 chat with a bot at any URL (another process, for example), as Teams would post it. */
export function chatOver(url: string, user: TestUser, conversationId = `a:${randomUUID()}`, serviceUrl = 'http://127.0.0.1:9/'): TestChat {
  const post = async (activity: Record<string, unknown>): Promise<BotActivity[]> => {
    const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`Bot answered HTTP ${response.status}`);
    return text ? ((JSON.parse(text) as { activities?: BotActivity[] }).activities ?? []) : [];
  };
  return {
    conversationId,
    say: (text) => post(messageActivity({ user, conversationId, serviceUrl, text })),
    submit: (value, replyToId) => post(cardSubmitActivity({ user, conversationId, serviceUrl, value, replyToId })),
    mention: () => Promise.reject(new Error('a 1:1 chat has no mentions')),
    sendFile: () => Promise.reject(new Error('not needed here')),
  };
}
