import { ConversationState, TeamsActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type ChannelAccount, type TurnContext } from 'botbuilder';
import { INVOKE_CARD } from '../../dialogs/questionnaireDialog.js';
import type { DialogState } from 'botbuilder-dialogs';
import { ConversationRouter } from '../../dialogs/conversationRouter.js';
import type { ConversationServices, FeatureFactory } from '../../dialogs/conversationServices.js';
import { firstNameOf } from '../../dialogs/features/conversationFeature.js';
import { welcomeCard } from '../../cards/welcomeCard.js';
import { cardMessage } from './replies.js';
import { inputLimitProblem } from './inputLimits.js';
import { readTurnInput } from './turnInput.js';
import { memberContacts } from './memberContacts.js';
import { IdentityLinker } from '../people/identityLinking.js';
import type { Person } from '../people/person.js';
import { isRecordConflict, isStaleRecord } from '../storage/storageErrors.js';
import { STATE_VERSION } from './stateVersion.js';


/** The draft the conversation's active questionnaire points at, read from the saved state. */
function activeDraftOf(state: Record<string, unknown> | undefined): string | undefined {
  const stack = (state?.['dialogState'] as { dialogStack?: Array<{ id?: string; state?: { draftId?: unknown } }> } | undefined)?.dialogStack;
  const top = stack?.[0];
  return top?.id === 'questionnaire' && typeof top.state?.draftId === 'string' ? top.state.draftId : undefined;
}

export interface ToolkitBotDependencies extends ConversationServices {
  conversationState: ConversationState;
  /** What the bot does: dialogs/features.ts lists them. */
  features: FeatureFactory[];
}

/** The Teams-facing bot: identifies the person, keeps their address fresh, and routes the turn. */
export class ToolkitBot extends TeamsActivityHandler {
  private readonly router: ConversationRouter;
  private readonly linker: IdentityLinker;

  constructor(private readonly deps: ToolkitBotDependencies) {
    super();
    this.linker = new IdentityLinker(deps.people, deps.register, deps.notifier, deps.logger);
    this.router = new ConversationRouter(deps.conversationState.createProperty<DialogState>('dialogState'), deps, deps.features);

    this.onMessage(async (context, next) => {
      await this.handleTurnInput(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      await this.welcomeNewMembers(context, context.activity.membersAdded ?? []);
      await next();
    });
  }

  /** A message, or a Universal Action read as the card press it is. */
  private async handleTurnInput(context: TurnContext): Promise<void> {
    const deps = this.deps;
    // Checked before anything is read or stored, so an oversized message changes nothing.
    const problem = inputLimitProblem(context.activity);
    if (problem) {
      deps.logger.info({ activityType: context.activity.type, reason: 'input limit' }, 'message refused: over the input limits');
      await context.sendActivity(problem);
      return;
    }
    const input = readTurnInput(context);
    const seen = await deps.people.seen(input.identity, input.personalChat);
    const isNew = seen.isNew;
    const person = await this.identify(context, seen.person);
    if (isNew && input.scope === 'personal') {
      await context.sendActivity(cardMessage(welcomeCard({ firstName: firstNameOf(person.name) }), 'Welcome'));
    }
    if (input.scope === 'personal') {
      // Anything that could not be delivered proactively arrives now, before the reply.
      await deps.notifier.deliverWaiting(person, (message) => context.sendActivity(cardMessage(message.card, message.summary)).then(() => undefined));
      // A questionnaire they submitted that did not finish saving (a fault, a restart) is finished first.
      await deps.completions.resumeFor(context, person);
    }
    await this.router.onMessage(context, input, person);
  }

  /**
   * A Universal Action (Action.Execute): the card's verb and data, with its
   * inputs, go through the same route table as an Action.Submit. The answer is
   * the card Teams shows in place of the pressed one (a section with a
   * follow-up or an error, or its read-only summary).
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue?.action;
    const data = typeof action?.data === 'object' && action.data !== null && !Array.isArray(action.data) ? (action.data as Record<string, unknown>) : {};
    const verb = typeof action?.verb === 'string' ? action.verb : '';
    // Read exactly as the Action.Submit fallback would have arrived: the verb and data as the activity's value.
    context.activity.value = { ...data, verb };
    context.activity.text = '';
    await this.handleTurnInput(context);
    const card = context.turnState.get(INVOKE_CARD) as Record<string, unknown> | undefined;
    if (card) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done' } as unknown as AdaptiveCardInvokeResponse;
  }

  /**
   * Reads the person's email and UPN from Teams while they are unknown (at most
   * once a day), and links anything named by that email before their first
   * message. Teams activities carry neither, so this is how people are matched
   * to what an import or "make x@council.gov.uk …" named.
   */
  private async identify(context: TurnContext, person: Person): Promise<Person> {
    const today = this.deps.clock.now().toISOString().slice(0, 10);
    if (!this.deps.settings.memberLookup || person.contacts?.length || person.directoryCheckedOn === today || person.pending) return person;
    const contacts = await memberContacts(context);
    const recorded = await this.deps.people.recordContacts(person.objectId, contacts ?? [], today);
    if (!contacts?.length) {
      this.deps.logger.info({ found: contacts !== undefined }, 'no email or UPN from Teams for a person');
      return recorded;
    }
    return this.linker.link(recorded);
  }

  /** Every verb the bot answers to. */
  get verbs(): string[] {
    return this.router.verbs;
  }

  override async run(context: TurnContext): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const state = await this.deps.conversationState.load(context);
      // The version this turn starts from: questionnaires started on it get the same draft id on every instance.
      context.turnState.set(STATE_VERSION, typeof state['eTag'] === 'string' ? state['eTag'] : 'first');
      await super.run(context);
      const mine = activeDraftOf(this.deps.conversationState.get(context));
      try {
        // Saved only after a successful turn: a failed turn leaves the previous state intact.
        await this.deps.conversationState.saveChanges(context, false);
        return;
      } catch (error) {
        // Another instance saved this conversation's state first: decide again on theirs.
        if (!(isStaleRecord(error) || isRecordConflict(error)) || attempt >= 3) throw error;
        const theirs = activeDraftOf(await this.deps.conversationState.load(context, true));
        this.deps.logger.info({ attempt, same: mine === theirs }, 'turn lost the race for its conversation state; re-running on the newer state');
        // Both turns left the same questionnaire open (one started on the same version): nothing to redo.
        if (mine !== undefined && mine === theirs) return;
      }
    }
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
