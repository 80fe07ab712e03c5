import type { DialogState } from 'botbuilder-dialogs';
import { DialogSet, DialogTurnStatus } from '../src/bot/dialogCore.js';
import { fieldProblemOf } from '../src/validation/cardFields.js';

/** The turn-state key botbuilder-dialogs' DialogStateManager reads its configuration from. */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Person } from '../src/people/person.js';
import type { TurnInput } from '../src/bot/turnInput.js';
import { originalError } from '../src/bot/turnErrorHandler.js';
import type { ConversationServices, FeatureFactory } from './conversationServices.js';
import { PUT_BACK, QuestionnaireDialog, type PutBack, type QuestionnaireDialogResult, type TypedMessageKind } from './questionnaireDialog.js';
import type { Reading } from '../src/language/understanding.js';
import { QuestionnaireLauncher } from './questionnaireLauncher.js';
import { thankYouCompletion } from './questionnaireCompletion.js';
import { readCardAction } from './routing/cardAction.js';
import { flowRoute, QuestionnaireFlows, type QuestionnaireFlow } from './routing/questionnaireFlow.js';
import type { Route, RouteTurn } from './routing/route.js';
import { RouteTable } from './routing/routeTable.js';

/** Said when a card press carries a verb or data this bot does not answer to; nothing changes. */
export const UNRECOGNISED_BUTTON = "I don't recognise that button, so nothing was changed.";

/** Small talk: inside a questionnaire it is never taken as an answer. */
const SMALL_TALK = new Set(['greeting', 'thanks', 'whoAreYou', 'whatCanYouDo']);
/** Words that, inside a questionnaire, the questionnaire itself answers ("cancel", "help"). */
const NOT_A_REQUEST = new Set(['cancel', 'notNow', 'help', 'unknown', 'clarify']);

/**
 * Decides what each message asks for and hands it to the route that owns it.
 * A card press names its verb; typed words go to the questionnaire in progress
 * first, and otherwise are recognised as a verb. Either way the verb is looked
 * up in one route table, its data checked by the route's schema, and its scope
 * (1:1 chat only, or anywhere) applied, before its handler runs.
 */
export class ConversationRouter {
  private readonly dialogs: DialogSet;
  /** botbuilder-dialogs' memory scope configuration, built on the first turn (see onMessage). */
  private stateManagerConfiguration: unknown;
  private readonly table: RouteTable;
  private readonly launcher: QuestionnaireLauncher;

  constructor(
    dialogState: StatePropertyAccessor<DialogState>,
    private readonly services: ConversationServices,
    features: FeatureFactory[],
  ) {
    let flows: QuestionnaireFlows | undefined;
    this.launcher = new QuestionnaireLauncher(services.banks, services.drafts, services.clock, (bankId) => flows?.has(bankId) === true, () => services.reference.currentPlan.version);
    const parts = {
      launcher: this.launcher,
      helpEntries: () => this.table.helpEntries(),
      continueQuestionnaire: (turn: RouteTurn) => this.continueQuestionnaire(turn),
    };
    const declaredFlows: Array<QuestionnaireFlow<unknown>> = [];
    const routes: Array<Route<unknown>> = [];
    for (const feature of features.map((build) => build(services, parts))) {
      for (const flow of feature.flows ?? []) {
        declaredFlows.push(flow);
        routes.push(flowRoute(flow, { start: (turn, request) => this.launcher.start(turn.dc, request).then(() => undefined), resume: (turn, draftId) => this.launcher.resume(turn.dc, turn.person.objectId, draftId).then(() => undefined) }));
      }
      routes.push(...(feature.routes ?? []));
    }
    flows = new QuestionnaireFlows(declaredFlows, thankYouCompletion);
    services.completions.useCompletions(flows);
    this.table = new RouteTable(routes);
    // Every intent file names a verb this bot has: caught at start-up, not when an officer types it.
    for (const intent of services.reader.understanding.data.intents) {
      if (!this.table.get(intent.verb)) throw new Error(`Language file ${intent.intent}.json asks for the verb "${intent.verb}", which no route answers to`);
    }
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(
      new QuestionnaireDialog({
        ...services,
        completions: flows,
        runCompletion: (context, draft, bank) => services.completions.runInTurn(context, draft, bank),
        finishCompletion: (context, draft) => services.completions.finishHere(context, draft),
        expectCompletion: (ownerId) => services.people.setPendingCompletions(ownerId, true),
        kindOfMessage: (text) => this.kindOfMessage(text),
        cardActions: services.settings.cardActions ?? 'universal',
      }),
    );
  }

  /** Every verb the bot answers to, for the authorisation matrix. */
  get verbs(): string[] {
    return this.table.verbs;
  }

  async onMessage(context: TurnContext, input: TurnInput, person: Person): Promise<void> {
    // botbuilder-dialogs builds its memory scopes and path resolvers afresh for every turn's
    // DialogContext (about 60 µs, docs/performance.md) unless the turn already carries them; they
    // hold no turn's data, so the first turn's are kept and handed to every later turn.
    if (this.stateManagerConfiguration) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.stateManagerConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.stateManagerConfiguration ??= context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION);
    const turnOf = (via: RouteTurn['via'], words: string): RouteTurn => ({
      context,
      dc,
      input,
      person,
      via,
      words,
      dispatchText: (text) => this.dispatchText(turnOf('card', text)),
    });

    const action = readCardAction(input.value);
    if (action) {
      const words = typeof action.data['command'] === 'string' ? action.data['command'] : '';
      await this.dispatch(turnOf('card', words), action.verb, action.data);
      return;
    }
    // A file sent in the chat is never an answer to a question: it is a register to import.
    if (input.files?.length && !input.value) {
      await this.dispatch(turnOf('typed', input.text), 'importRegister', { files: input.files });
      return;
    }
    if (input.value && !input.text) {
      await context.sendActivity(UNRECOGNISED_BUTTON);
      return;
    }
    const turn = turnOf('typed', input.text);
    // Typed words go to the questionnaire in progress first: most are answers.
    if (dc.activeDialog && (await this.continueQuestionnaire(turn))) return;
    await this.dispatchText(turn);
  }

  /**
   * Understands the words as a verb and its data, and dispatches them. Not
   * sure enough (or something that changes a record, said unclearly): the
   * likeliest readings are offered as buttons, and nothing is done on a guess.
   */
  private async dispatchText(turn: RouteTurn): Promise<void> {
    const understanding = await this.services.reader.read(turn.words, turn.person);
    const offers = (readings: Reading[]) => readings.slice(0, 3).map((r) => ({ title: r.offer, verb: r.verb, data: r.data }));
    // The intent and its score only: never the words.
    this.services.logger.debug(
      { understood: understanding.kind, intent: 'reading' in understanding ? understanding.reading.intent : undefined, score: 'reading' in understanding ? Number(understanding.reading.score.toFixed(2)) : undefined },
      'message read',
    );
    if (understanding.kind === 'act') return this.dispatch(turn, understanding.reading.verb, understanding.reading.data, true);
    if (understanding.kind === 'ask') return this.dispatch(turn, 'clarify', { offers: offers([understanding.reading, ...understanding.alternatives]) }, true);
    await this.dispatch(turn, 'unknown', { offers: offers(understanding.alternatives) }, true);
  }

  /** For the questionnaire: whether typed words ask for something else, are small talk, or are an answer. */
  private async kindOfMessage(text: string): Promise<TypedMessageKind> {
    const understanding = await this.services.reader.read(text);
    // Half-recognised words phrased as a question ("which ones are due?"): the officer is asked which it was.
    if (understanding.kind === 'ask' && !SMALL_TALK.has(understanding.reading.intent) && !NOT_A_REQUEST.has(understanding.reading.verb) && looksLikeARequest(text)) return 'unsure';
    if (understanding.kind !== 'act') return 'answer';
    const { reading } = understanding;
    if (SMALL_TALK.has(reading.intent)) return reading.score >= 0.9 && text.trim().split(/\s+/).length <= 6 ? 'smallTalk' : 'answer';
    if (NOT_A_REQUEST.has(reading.verb)) return 'answer';
    // The classifier is sure of many ordinary answers too ("Shared data", "Police continue the patrols"):
    // mid-questionnaire, words are a request only when they are put as one (a question, or a command).
    return looksLikeARequest(text) ? 'request' : 'possibleRequest';
  }

  /** `recognised`: the verb and data were read from words, not sent by a card. */
  private async dispatch(turn: RouteTurn, verb: string, data: Record<string, unknown>, recognised = false): Promise<void> {
    const route = this.table.get(verb);
    if (!route) {
      // Only a forged or outdated card can name a verb nobody registered.
      this.services.logger.info({ verb: verb.slice(0, 40), via: turn.via }, 'card action refused: no route for its verb');
      await turn.context.sendActivity(UNRECOGNISED_BUTTON);
      return;
    }
    // Operators see which verb a turn ran (a registered one, never its data).
    this.services.tracing?.annotate({ 'toolkit.verb': route.verb, 'toolkit.via': turn.via });
    const parsed = route.schema.safeParse(data);
    if (!parsed.success) {
      // Field paths only: the values are the sender's and may be personal.
      const fields = parsed.error.issues.map((issue) => issue.path.join('.')).slice(0, 5);
      this.services.logger.info({ verb, via: turn.via, fields }, 'request refused: its data does not fit the route');
      // Words read as a request the route cannot take (a date in 2150, say) were simply not understood.
      if (recognised) return this.dispatch(turn, 'unknown', {});
      // A field refused for its meaning (a day that does not exist, a malformed year or key) is named.
      const problem = fieldProblemOf(parsed.error.issues);
      await turn.context.sendActivity(problem ? `${problem} Nothing was changed.${route.retryHint ? ` ${route.retryHint}` : ''}` : (route.invalid ?? UNRECOGNISED_BUTTON));
      return;
    }
    if (route.scope === 'personal' && turn.input.scope !== 'personal') {
      await this.services.handover.handOver(turn.context, turn.person, turn.words);
      return;
    }
    await route.handle(turn, parsed.data);
  }

  /**
   * Offers the turn to the questionnaire in progress. False when there is none,
   * or it let the message go (a request for something else, an idle limit).
   */
  private async continueQuestionnaire(turn: RouteTurn): Promise<boolean> {
    const { dc } = turn;
    if (!dc.activeDialog) return false;
    let result;
    try {
      result = await dc.continueDialog();
    } catch (caught) {
      // botbuilder-dialogs wraps what a dialog throws; the turn's error handler needs the original
      // (a storage fault is told to the officer as one).
      const error = originalError(caught);
      if (!isStaleDialogStack(error)) throw error;
      // A dialog stack from an older deployment that this one cannot continue: drop the stack,
      // never the draft. The officer is offered their drafts instead.
      this.services.logger.warn({ err: error }, 'could not continue the saved dialog; starting afresh');
      await dc.cancelAllDialogs();
      return false;
    }
    const putBack = turn.context.turnState.get(PUT_BACK) as PutBack | undefined;
    if (putBack) {
      // Typed words that were a request: answered, never stored, and the questionnaire's card put back.
      turn.context.turnState.delete(PUT_BACK);
      if (putBack.text) await this.dispatchText({ ...turn, via: 'typed', words: putBack.text });
      if (!dc.activeDialog) {
        await this.launcher.resume(dc, turn.person.objectId, putBack.draftId, false, ['Back to your questions: I have not recorded that as an answer.']);
      }
      return true;
    }
    const unhandled = (result.result as QuestionnaireDialogResult | undefined)?.unhandled === true;
    return result.status !== DialogTurnStatus.empty && !unhandled;
  }
}

/** A question mark, or the words an officer asks or instructs with: what makes typed words a request rather than an answer. */
function looksLikeARequest(text: string): boolean {
  const words = text.trim().toLowerCase();
  return /\?\s*$/.test(words) || /^(?:please |can you |could you |i want to |i need to |i'd like to )?(which|what|what's|whats|who|who's|whose|how|when|where|why|show|list|give|export|start|register|make|add|remove|tell|can|could|would|is|are|do|does|any|anything|my|i want|i need|i'd like)\b/.test(words);
}

/**
 * botbuilder-dialogs throws this when the saved stack names a dialog this
 * deployment does not have. Anything else (a storage fault, a bug) is not a
 * stale stack: it goes to the turn's error handler, which tells the officer
 * plainly and keeps their answers.
 */
function isStaleDialogStack(error: unknown): boolean {
  return error instanceof Error && /A dialog with an id of '[^']*' wasn't found/.test(error.message);
}
