import type { TurnContext } from 'botbuilder';
import { adaptiveCard, commandButton, paragraph } from '../cards/cardTypes.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { Person } from '../src/people/person.js';
import { truncate } from '../src/util/truncate.js';

/**
 * Questionnaires run in the 1:1 chat so answers stay private until submitted.
 * Asked for one in a channel, the bot messages the person in their 1:1 chat
 * with a button that starts it there; if it cannot reach them yet, it says how
 * to open that chat.
 */
export class ChannelHandover {
  constructor(
    private readonly notifier: Notifier,
    private readonly appId: string | undefined,
  ) {}

  async handOver(context: TurnContext, person: Person, request: string): Promise<void> {
    if (person.personalChat && person.reachable && request.trim()) {
      const card = adaptiveCard(
        [
          paragraph(`You asked in a channel: "${truncate(request, 120)}".`, { weight: 'Bolder' }),
          paragraph('Questionnaires happen here, in our 1:1 chat, so your answers stay private until you submit them. Press the button to begin.'),
        ],
        [commandButton('Start here', request, 'positive')],
      );
      // Keyed on the channel message, so a retried delivery of the same message hands over once.
      const key = `handover-${(context.activity.id ?? `${Date.now()}`).slice(0, 80).replace(/[/\\?#]/g, '-')}`;
      const result = await this.notifier.notify(person.objectId, key, { card, summary: 'Carry on in our 1:1 chat' });
      if (result === 'delivered') {
        await context.sendActivity("I've sent you a message in our 1:1 chat: carry on there, so your answers stay private until you submit them.");
        return;
      }
    }
    const link = this.appId ? ` ([open the chat](https://teams.microsoft.com/l/chat/0/0?users=28:${this.appId}))` : '';
    await context.sendActivity(
      `I ask questionnaire questions in our 1:1 chat so your answers stay private until you submit them. Open a chat with me${link} and say that again there.`,
    );
  }
}
