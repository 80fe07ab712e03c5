import { ConversationState, TeamsActivityHandler, type ChannelAccount, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { ConversationRouter } from '../../dialogs/conversationRouter.js';
import type { ConversationServices, FeatureFactory } from '../../dialogs/conversationServices.js';
import { firstNameOf } from '../../dialogs/features/conversationFeature.js';
import { welcomeCard } from '../../cards/welcomeCard.js';
import { cardMessage } from './replies.js';
import { inputLimitProblem } from './inputLimits.js';
import { readTurnInput } from './turnInput.js';

export interface ToolkitBotDependencies extends ConversationServices {
  conversationState: ConversationState;
  /** What the bot does: dialogs/features.ts lists them. */
  features: FeatureFactory[];
}

/** The Teams-facing bot: identifies the person, keeps their address fresh, and routes the turn. */
export class ToolkitBot extends TeamsActivityHandler {
  private readonly router: ConversationRouter;

  constructor(private readonly deps: ToolkitBotDependencies) {
    super();
    this.router = new ConversationRouter(deps.conversationState.createProperty<DialogState>('dialogState'), deps, deps.features);

    this.onMessage(async (context, next) => {
      // Checked before anything is read or stored, so an oversized message changes nothing.
      const problem = inputLimitProblem(context.activity);
      if (problem) {
        deps.logger.info({ activityType: 'message', reason: 'input limit' }, 'message refused: over the input limits');
        await context.sendActivity(problem);
        return;
      }
      const input = readTurnInput(context);
      const { person, isNew } = await deps.people.seen(input.identity, input.personalChat);
      if (isNew && input.scope === 'personal') {
        await context.sendActivity(cardMessage(welcomeCard({ firstName: firstNameOf(person.name) }), 'Welcome'));
      }
      if (input.scope === 'personal') {
        // Anything that could not be delivered proactively arrives now, before the reply.
        await deps.notifier.deliverWaiting(person, (message) => context.sendActivity(cardMessage(message.card, message.summary)).then(() => undefined));
      }
      await this.router.onMessage(context, input, person);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      await this.welcomeNewMembers(context, context.activity.membersAdded ?? []);
      await next();
    });
  }

  /** Every verb the bot answers to. */
  get verbs(): string[] {
    return this.router.verbs;
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    // Saved only after a successful turn: a failed turn leaves the previous state intact.
    await this.deps.conversationState.saveChanges(context, false);
  }

  private async welcomeNewMembers(context: TurnContext, added: ChannelAccount[]): Promise<void> {
    const input = readTurnInput(context);
    const botId = context.activity.recipient?.id;
    if (input.scope === 'personal') {
      // Install (the bot added) or the user added: either way, one welcome.
      const { person } = await this.deps.people.seen(input.identity, input.personalChat);
      await context.sendActivity(cardMessage(welcomeCard({ firstName: firstNameOf(person.name) }), 'Welcome'));
      return;
    }
    if (added.some((member) => member.id === botId)) {
      await context.sendActivity(
        'Hello, I am the Partnership Toolkit bot. Mention me with a question such as "@Partnership Toolkit which partnerships are due review", or type **help**. Questionnaires happen in a 1:1 chat with me.',
      );
    }
  }
}
