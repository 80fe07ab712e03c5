import { randomUUID } from 'node:crypto';
import type { TestBot } from './botHarness.js';
import { collectTitles, fillCard, findAction, questionIdsOnCard, type ScriptedAnswer } from './questionnaireDriver.js';
import type { StubConnector } from './stubConnector.js';
import { BOT, TENANT_ID, type TestUser } from './teamsActivities.js';

type Card = Record<string, unknown>;

/** What one scripted officer did and saw in one questionnaire, counted as Teams would show it. */
export interface TurnCount {
  /** Messages typed plus buttons pressed, from the first request to the submit. */
  officerTurns: number;
  /** Buttons pressed on a questionnaire card (Next, Submit...). */
  cardSubmits: number;
  /** New cards posted in the chat. */
  cardsSent: number;
  /** Cards changed in place (an invoke response or an update of the message). */
  cardsUpdated: number;
  /** The most questionnaire cards that were live (still had Next or Submit) at once, less the one that should be. */
  duplicateLiveCards: number;
  /** Questions the officer was asked. */
  questionsAsked: number;
  /** The texts of the bot's messages (not cards), for a failure's explanation. */
  texts: string[];
}

export interface ChatMessage {
  id: string;
  card?: Card;
  text?: string;
}

/**
 * A 1:1 chat as Teams runs it (normal delivery: the bot answers through the
 * connector, a card button carries the card's message id, an Action.Execute is
 * an invoke answered with the new card). It keeps the chat's messages as the
 * officer sees them, so in-place updates and stale live cards can be counted.
 */
export class CountingChat {
  readonly conversationId = `a:${randomUUID()}`;
  readonly messages: ChatMessage[] = [];
  officerTurns = 0;
  cardSubmits = 0;
  cardsSent = 0;
  cardsUpdated = 0;
  duplicateLiveCards = 0;
  questionsAsked = 0;
  readonly texts: string[] = [];
  private seenCalls = 0;

  constructor(
    private readonly bot: TestBot,
    private readonly connector: StubConnector,
    private readonly user: TestUser,
  ) {}

  /** The officer types a message. */
  async say(text: string): Promise<void> {
    this.officerTurns++;
    await this.post({ type: 'message', text, textFormat: 'plain' });
    this.checkLive();
  }

  /** The newest questionnaire card still live, or undefined. */
  liveCard(): ChatMessage | undefined {
    return [...this.messages].reverse().find((m) => m.card && isLive(m.card));
  }

  /** The newest card of any kind. */
  lastCard(): ChatMessage | undefined {
    return [...this.messages].reverse().find((m) => m.card);
  }

  /** Presses a button on a card, with the card's inputs filled from the script (only the inputs the card has). */
  async press(message: ChatMessage, title: string, script: Record<string, ScriptedAnswer> = {}, options: { fallback?: boolean; inputs?: Record<string, unknown> } = {}): Promise<void> {
    const found = findAction(message.card!, title);
    // A client without Universal Actions presses the Action.Submit fallback instead.
    const action = options.fallback && found?.['fallback'] ? (found['fallback'] as Record<string, unknown>) : found;
    if (!action) throw new Error(`No button "${title}" on the card: ${JSON.stringify(collectTitles(message.card!))}`);
    const ids = questionIdsOnCard(message.card!);
    const withInputs = action['associatedInputs'] !== 'none';
    const inputs = withInputs ? { ...prefilled(message.card!), ...fillCard(ids, script), ...options.inputs } : {};
    this.officerTurns++;
    this.cardSubmits++;
    if (process.env['TURNS_DEBUG']) process.stdout.write(`press ${title} on ${JSON.stringify((message.card!['body'] as Array<{ text?: string }>)?.slice(0, 3).map((b) => b.text))} ids=${ids.join(',')}\n`);
    if (withInputs && title === 'Next') this.questionsAsked += ids.filter((id) => !this.answeredIds.has(id)).length;
    if (withInputs && title === 'Next') for (const id of ids) this.answeredIds.add(id);
    const data = { ...((action['data'] as Record<string, unknown>) ?? {}), ...inputs };
    if (action['type'] === 'Action.Execute') {
      const response = await this.post({
        type: 'invoke', name: 'adaptiveCard/action', replyToId: message.id,
        value: { action: { type: 'Action.Execute', verb: action['verb'], data }, trigger: 'manual' },
      });
      const body = response as { value?: unknown; type?: string } | undefined;
      this.lastInvokeCard = undefined;
      if (body?.type === 'application/vnd.microsoft.card.adaptive' && body.value) {
        message.card = body.value as Card;
        this.lastInvokeCard = message.card;
        this.cardsUpdated++;
      }
    } else {
      await this.post({ type: 'message', value: data, replyToId: message.id });
    }
    this.checkLive();
  }

  private readonly answeredIds = new Set<string>();

  count(): TurnCount {
    return {
      officerTurns: this.officerTurns, cardSubmits: this.cardSubmits, cardsSent: this.cardsSent, cardsUpdated: this.cardsUpdated,
      duplicateLiveCards: this.duplicateLiveCards, questionsAsked: this.questionsAsked, texts: this.texts,
    };
  }

  private checkLive(): void {
    const live = this.messages.filter((m) => m.card && isLive(m.card)).length;
    if (live > 1 && process.env['TURNS_DEBUG']) process.stdout.write(`LIVE ${this.messages.filter((m) => m.card && isLive(m.card)).map((m) => m.id + ' ' + JSON.stringify(m.card).slice(0, 300)).join('\n')}\n`);
    this.duplicateLiveCards = Math.max(this.duplicateLiveCards, live - 1);
  }

  /** The card of the last invoke response, as Teams showed it in place (undefined when it answered without a card). */
  lastInvokeCard: Card | undefined;

  private async post(extra: Record<string, unknown>): Promise<unknown> {
    const activity = {
      id: randomUUID(), channelId: 'msteams', serviceUrl: this.connector.serviceUrl, timestamp: new Date().toISOString(),
      from: { id: this.user.id, name: this.user.name, aadObjectId: this.user.objectId }, recipient: { id: BOT.id, name: BOT.name },
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID } }, locale: 'en-GB', ...extra,
    };
    const response = await fetch(`${this.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`Bot answered HTTP ${response.status}: ${text.slice(0, 200)}`);
    this.collect();
    return text ? JSON.parse(text) : undefined;
  }

  /** Reads what the bot did through the connector since the last turn: new messages and updates. */
  private collect(): void {
    const calls = this.connector.calls.slice(this.seenCalls);
    this.seenCalls = this.connector.calls.length;
    let counter = this.messages.length;
    for (const call of calls) {
      if (!call.path.includes(this.conversationId)) continue;
      const card = cardOf(call.body);
      if (call.method === 'POST' && call.path.includes('/activities')) {
        const id = call.responseId ?? `m-${++counter}`;
        this.messages.push({ id, ...(card ? { card } : {}), ...(typeof call.body['text'] === 'string' ? { text: call.body['text'] } : {}) });
        if (card) this.cardsSent++;
        else if (typeof call.body['text'] === 'string') this.texts.push(call.body['text']);
      } else if (call.method === 'PUT') {
        const target = call.path.split('/activities/')[1] ?? '';
        const message = this.messages.find((m) => m.id === target);
        if (message && card) {
          message.card = card;
          this.cardsUpdated++;
        }
      }
    }
  }
}

/**
 * Answers every questionnaire card from the script until the summary, then presses Submit.
 * Fails loudly if the bot asks the same card again with an error (a script mistake).
 */
export async function answerAndSubmit(chat: CountingChat, script: Record<string, ScriptedAnswer>, maxSteps = 200): Promise<void> {
  for (let step = 0; step < maxSteps; step++) {
    const live = chat.liveCard();
    if (!live) throw new Error(`No live questionnaire card: ${chat.texts.slice(-3).join(' | ')}`);
    if (findAction(live.card!, 'Submit') && JSON.stringify(live.card).includes('Check your answers')) {
      await chat.press(live, 'Submit');
      return;
    }
    const before = JSON.stringify(live.card);
    await chat.press(live, 'Next', script);
    const after = chat.liveCard();
    if (after && JSON.stringify(after.card).includes('"color":"Attention"') && questionIdsOnCard(after.card!).join() === questionIdsOnCard(JSON.parse(before) as Card).join()) {
      throw new Error(`Re-asked ${questionIdsOnCard(after.card!).join(', ')}: ${chat.texts.slice(-2).join(' | ')} ${JSON.stringify(after.card).slice(0, 600)}`);
    }
  }
  throw new Error('Did not reach the summary');
}

/** A questionnaire card is live while it has a Next or Submit button for the questionnaire. */
function isLive(card: Card): boolean {
  const json = JSON.stringify(card);
  return json.includes('"verb":"questionnaire"') && (json.includes('"nav":"next"') || json.includes('"nav":"submit"'));
}

function cardOf(body: Record<string, unknown>): Card | undefined {
  const attachments = body['attachments'] as Array<{ contentType?: string; content?: Card }> | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** What the bot filled in on the card, sent back as it was (a person leaves prefilled inputs alone). */
function prefilled(card: Card): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (typeof element['id'] === 'string' && String(element['type'] ?? '').startsWith('Input.') && element['value'] !== undefined) values[element['id']] = element['value'];
    Object.values(element).forEach(walk);
  };
  walk(card['body']);
  return values;
}
