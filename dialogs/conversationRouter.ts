import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { helpCard } from '../cards/helpCard.js';
import { welcomeCard } from '../cards/welcomeCard.js';
import { shellCommandOf } from '../src/conversation/shellCommands.js';
import type { Person } from '../src/people/person.js';
import { cardMessage } from '../src/bot/replies.js';
import type { TurnInput } from '../src/bot/turnInput.js';

/**
 * Decides what a message means when no questionnaire is holding the
 * conversation, and hands it to the dialog that owns it.
 */
export class ConversationRouter {
  private readonly dialogs: DialogSet;

  constructor(dialogState: StatePropertyAccessor<DialogState>) {
    this.dialogs = new DialogSet(dialogState);
  }

  async onMessage(context: TurnContext, input: TurnInput, person: Person): Promise<void> {
    const text = commandText(input);
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }

    switch (shellCommandOf(text)) {
      case 'help':
        await context.sendActivity(cardMessage(helpCard({ inChannel: input.scope !== 'personal' }), 'What I can help with'));
        return;
      case 'cancel':
        await context.sendActivity("There's nothing in progress to cancel. Type **help** to see what I can do.");
        return;
      case 'greeting':
        await context.sendActivity(cardMessage(welcomeCard({ firstName: firstNameOf(person.name) }), 'Welcome'));
        return;
      default:
        await this.notUnderstood(context, input, text);
    }
  }

  private async notUnderstood(context: TurnContext, input: TurnInput, text: string): Promise<void> {
    const lead = text
      ? `Sorry, I didn't understand "${truncate(text, 80)}". Here is what I can help with:`
      : "Sorry, I didn't understand that. Here is what I can help with:";
    await context.sendActivity(cardMessage(helpCard({ lead, inChannel: input.scope !== 'personal' }), 'What I can help with'));
  }
}

/** A help-card button sends `{ command }`; treat it exactly like typed text. */
function commandText(input: TurnInput): string {
  const command = input.value?.['command'];
  return typeof command === 'string' ? command : input.text;
}

export function firstNameOf(name: string): string | undefined {
  const first = name.trim().split(/\s+/)[0];
  return first ? first : undefined;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
