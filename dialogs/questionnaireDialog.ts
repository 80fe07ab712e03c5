import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from '../src/bot/dialogCore.js';
import { answeredCard } from '../cards/answeredCard.js';
import { confirmStopCard } from '../cards/confirmStopCard.js';
import { whereYouAreCard } from '../cards/whereYouAreCard.js';
import { questionCard } from '../cards/questionCard.js';
import type { QuestionnaireCardRef, QuestionnaireNav } from '../cards/questionnaireCardRef.js';
import { CHANGE_INPUT_ID, summaryCard } from '../cards/summaryCard.js';
import type { AdaptiveCardJson } from '../cards/cardTypes.js';
import type { Logger } from '../src/logging/logger.js';
import { parseCardAnswer, parseTypedAnswer } from '../src/questionnaire/answerParsers.js';
import type { AnswerValue, Bank, Question } from '../src/questionnaire/bankSchema.js';
import type { ParseResult } from '../src/questionnaire/parseResult.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import { answerStep, changeAnswer, currentStep, finalAnswers, goBack, missingRequired, openQuestions, progressFor, referenceVersionsOf, type Draft } from '../src/questionnaire/draft.js';
import type { DraftRepository } from '../src/questionnaire/draftRepository.js';
import { formatAnswer } from '../src/questionnaire/formatAnswer.js';
import { typedNavigation, yesOrNo } from '../src/questionnaire/navigationWords.js';
import { applicableQuestions, estimatedMinutes, findQuestion, progressOf, stepsFor, SUMMARY, type Step } from '../src/questionnaire/steps.js';
import { everydayWords, readTypedAnswers } from '../src/questionnaire/typedAnswers.js';
import { conditionHolds, questionsReadBy } from '../src/questionnaire/conditions.js';
import { adaptiveCard, paragraph } from '../cards/cardTypes.js';
import { submitAction, withSubmitActions } from '../cards/questionnaireCardRef.js';
import { plain } from '../cards/markdown.js';
import { cardMessage } from '../src/bot/replies.js';
import { requireIdentity } from '../src/bot/identity.js';
import type { Clock } from '../src/util/clock.js';
import { formatUkDate } from '../src/util/ukFormat.js';
import type { CompletionLookup } from './questionnaireCompletion.js';
import { describeDraft } from './describeDraft.js';
import { applyInOrder, REORDERED } from '../src/questionnaire/arrivalOrder.js';

export interface QuestionnaireDialogOptions {
  draftId: string;
  /** Said before the card (e.g. "Back to your questions" after answering a request typed mid-way). */
  lead?: string[];
  /** Handle the current activity as the first input (a card from a draft whose dialog state was lost). */
  handleCurrentActivity?: boolean;
}

export interface QuestionnaireDialogResult {
  /** The message was not for the questionnaire; the router should handle it. */
  unhandled?: boolean;
}

export interface QuestionnaireServices {
  banks: BankCatalogue;
  drafts: DraftRepository;
  completions: CompletionLookup;
  /** Runs a submitted draft's completion so that it survives faults (src/completion/completionRunner.ts). */
  runCompletion?(context: TurnContext, draft: Draft, bank: Bank): Promise<void>;
  /** Finishes a submitted draft whose completion was interrupted, telling the officer. */
  finishCompletion?(context: TurnContext, draft: Draft): Promise<unknown>;
  /** Before a turn that may submit: flags the officer so that their next message finishes a completion this turn cannot. */
  expectCompletion?(ownerId: string): Promise<void>;
  clock: Clock;
  logger: Logger;
  /**
   * What a typed message is: clearly a request for something else ("my
   * partnerships"), small talk ("morning", "thanks"), or most likely an answer.
   */
  kindOfMessage(text: string): Promise<TypedMessageKind>;
  /** Universal Actions with an Action.Submit fallback (default), or Action.Submit only. */
  cardActions?: 'universal' | 'submit';
}

/**
 * `possibleRequest`: the words read as a request but are not put as one ("practice", "shared data"):
 * taken as an answer where they read as one, and as the request where they do not.
 * `unsure`: it might be a request ("which ones are due"), or might be an answer; the officer is asked. */
export type TypedMessageKind = 'request' | 'smallTalk' | 'answer' | 'unsure' | 'possibleRequest';

/**
 * Set in the turn state when typed words were a request, not an answer: the
 * router answers `text` and then puts the questionnaire's card back.
 */
export const PUT_BACK = Symbol('questionnaire put back');
export interface PutBack {
  draftId: string;
  text: string;
}
/** Set in the turn state during an Action.Execute invoke: the card Teams shows in place of the pressed one. */
export const INVOKE_CARD = Symbol('questionnaire invoke card');

interface DialogInstanceState {
  draftId: string;
  lastTurnAt: string;
  /** The message id of the questionnaire's live card, so typed answers update it in place. */
  liveCardId?: string;
}

/** After this long without a word, a message is not assumed to be an answer. */
const IDLE_LIMIT_MS = 8 * 60 * 60 * 1000;
/** How stale the last-turn time may get before it is refreshed (see continueDialog). */
const LAST_TURN_RESOLUTION_MS = 5 * 60 * 1000;
/** After this many unusable answers in a row, offer a way out. */
const ATTEMPTS_BEFORE_OFFER = 3;

/** Everything one turn decided, applied after the draft is safely saved. */
interface Outcome {
  draft?: Draft;
  messages: Array<Partial<Activity> | string>;
  /** Replace the card the officer pressed with this (a read-only version, or the same section with a follow-up or an error). */
  replaceCard?: AdaptiveCardJson;
  /** Replace the live card (the one typed answers go to) with this. */
  updateLive?: AdaptiveCardJson;
  /** Typed words that were a request: answer them, then put the card back. */
  putBack?: PutBack;
  end?: QuestionnaireDialogResult;
  /** A submitted draft whose completion must run after saving. */
  submitted?: Draft;
  /** A draft the officer deleted, so its flow can undo what starting it did. */
  discarded?: Draft;
}

/** What runWithDraft found: no draft to work on, a draft whose bank is not deployed, or a decision (saved). */
type Turn = { kind: 'gone'; unfinished?: Draft } | { kind: 'noBank'; draft: Draft } | { kind: 'decided'; bank: Bank; outcome: Outcome };

/**
 * The one dialog that walks any question bank. Its own state is only a
 * pointer to a draft; the draft in storage says where the officer is.
 */
export class QuestionnaireDialog extends Dialog<QuestionnaireDialogOptions> {
  static readonly dialogId = 'questionnaire';

  constructor(private readonly services: QuestionnaireServices) {
    super(QuestionnaireDialog.dialogId);
  }

  override async beginDialog(dc: DialogContext, options?: QuestionnaireDialogOptions): Promise<DialogTurnResult> {
    if (!options?.draftId) throw new Error('QuestionnaireDialog needs a draftId');
    const state: DialogInstanceState = { draftId: options.draftId, lastTurnAt: this.services.clock.now().toISOString() };
    dc.activeDialog!.state = state;
    if (options.handleCurrentActivity) return this.handleTurn(dc, state);
    return this.runWithDraft(dc, state, (bank, draft) => this.present(bank, draft, options.lead ?? []));
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as DialogInstanceState;
    // A state this version cannot read (an older deployment's): let the router offer the drafts.
    if (typeof state?.draftId !== 'string' || typeof state.lastTurnAt !== 'string') return dc.endDialog({ unhandled: true } satisfies QuestionnaireDialogResult);
    const idle = this.services.clock.now().getTime() - Date.parse(state.lastTurnAt);
    if (idle > IDLE_LIMIT_MS && !isQuestionnaireSubmit(dc.context)) {
      // Days later, a message is more likely a new request; the router offers to resume.
      return dc.endDialog({ unhandled: true } satisfies QuestionnaireDialogResult);
    }
    // Refreshed only when a few minutes old: an unchanged dialog state is not written back, which
    // saves a storage write on almost every answer, and the idle limit is hours long.
    if (idle > LAST_TURN_RESOLUTION_MS) state.lastTurnAt = this.services.clock.now().toISOString();
    return this.handleTurn(dc, state);
  }

  private async handleTurn(dc: DialogContext, state: DialogInstanceState): Promise<DialogTurnResult> {
    // Read once, before the draft is loaded: the decision may be made again on a fresher draft.
    const text = typedText(dc.context.activity);
    const kind: TypedMessageKind = text && !isRecord(dc.context.activity.value) ? await this.services.kindOfMessage(text) : 'answer';
    const value = dc.context.activity.value;
    if (this.services.expectCompletion && ((isRecord(value) && value['nav'] === 'submit') || typedNavigation(text)?.nav === 'submit')) await this.services.expectCompletion(ownerOf(dc.context));
    if (!text || isRecord(value)) return this.runWithDraft(dc, state, (bank, draft) => this.decide(dc.context, bank, draft, kind));
    // Typed messages are applied in the order Teams received them, whichever instance is quicker.
    const message = { at: receivedAt(dc.context.activity, this.services.clock.now()), text, kind, ...(dc.context.activity.id ? { activityId: dc.context.activity.id } : {}) };
    return this.runWithDraft(dc, state, (bank, draft) =>
      applyInOrder<Outcome>(draft, message, {
        decide: (d, m) => this.decide(typedTurn(dc.context, m.text, m.activityId), bank, d, m.kind),
        draftOf: (o) => o.draft,
        isFinal: (o) => Boolean(o.submitted || o.discarded || o.end),
        finish: (o, d, reordered) => ({ ...o, draft: d, messages: reordered ? [REORDERED, ...o.messages] : o.messages }),
      }),
    );
  }

  /**
   * Loads the draft, decides, saves with optimistic concurrency, then talks.
   * If another turn saved first (a double submit on another instance), the
   * decision is made again on the fresh draft, where it is seen as a duplicate.
   */
  private async runWithDraft(dc: DialogContext, state: DialogInstanceState, decide: (bank: Bank, draft: Draft) => Outcome): Promise<DialogTurnResult> {
    const turn = await this.services.drafts.change<Turn>(ownerOf(dc.context), state.draftId, (draft) => {
      if (!draft || draft.status !== 'inProgress') return { result: { kind: 'gone', ...(draft?.completion?.state === 'pending' ? { unfinished: draft } : {}) } };
      const bank = this.services.banks.version(draft.bankId, draft.bankVersion, referenceVersionsOf(draft));
      if (!bank) return { result: { kind: 'noBank', draft } };
      const outcome = decide(bank, draft);
      const body = outcome.draft && { ...outcome.draft, updatedAt: this.services.clock.now().toISOString() };
      return { body, result: { kind: 'decided', bank, outcome } };
    });
    if (turn.kind === 'gone') {
      // Submitted, but its completion was interrupted (a fault, a killed instance): finished now, and the officer told.
      if (turn.unfinished && this.services.finishCompletion) await this.services.finishCompletion(dc.context, turn.unfinished);
      return dc.endDialog({ unhandled: true } satisfies QuestionnaireDialogResult);
    }
    if (turn.kind === 'noBank') {
      this.services.logger.error({ bankId: turn.draft.bankId, version: turn.draft.bankVersion }, 'draft refers to a bank version that is not deployed');
      await dc.context.sendActivity(
        'Sorry, the question set for this draft is not available at the moment. Your answers are safe; please tell the Strategic Partnership Officer.',
      );
      return dc.endDialog({});
    }
    const { bank } = turn;
    const outcome = this.services.cardActions === 'submit' ? submitOnly(turn.outcome) : turn.outcome;
    const replaced = await this.replaceAnsweredCard(dc.context, outcome.replaceCard);
    const messages = [...outcome.messages];
    if (outcome.replaceCard && isLiveCard(outcome.replaceCard)) {
      // The card pressed is the live one now, changed in place; where it could not be (no message id to
      // update, or Teams refused), the same card is sent again so the officer can carry on.
      if (replaced && dc.context.activity.replyToId) state.liveCardId = dc.context.activity.replyToId;
      if (!replaced) messages.unshift(cardMessage(outcome.replaceCard));
    }
    if (outcome.updateLive) {
      const updated = await this.updateLiveCard(dc.context, state.liveCardId, outcome.updateLive);
      // No live card to update (its id is unknown, e.g. replies returned in the HTTP response): send it.
      if (!updated && isLiveCard(outcome.updateLive)) messages.push(cardMessage(outcome.updateLive));
    }
    // A new live card is on its way: the one before it (typed to, or left behind by "back" or "change") stops being live.
    const retiring = state.liveCardId && state.liveCardId !== dc.context.activity.replyToId && !outcome.updateLive ? state.liveCardId : undefined;
    if (retiring && messages.some((m) => typeof m !== 'string' && isLiveCard(cardOf(m)))) {
      await this.updateLiveCard(dc.context, retiring, movedOnCard(bank.title));
      state.liveCardId = undefined;
    }
    for (const message of messages) {
      const sent = await dc.context.sendActivity(message);
      if (typeof message !== 'string' && isLiveCard(cardOf(message))) state.liveCardId = sent?.id || undefined;
    }
    if (outcome.putBack) dc.context.turnState.set(PUT_BACK, outcome.putBack);
    if (outcome.submitted) {
      if (this.services.runCompletion) await this.services.runCompletion(dc.context, outcome.submitted, bank);
      else await this.services.completions.for(bank.id).onSubmitted(dc.context, { draft: outcome.submitted, bank, answers: finalAnswers(bank, outcome.submitted) });
    }
    if (outcome.discarded) await this.services.completions.for(bank.id).onDiscarded?.(dc.context, { draft: outcome.discarded, bank });
    if (outcome.end) return dc.endDialog(outcome.end);
    return Dialog.EndOfTurn;
  }

  /** Pure decision for one turn: nothing here writes or sends. */
  private decide(context: TurnContext, bank: Bank, draft: Draft, kind: TypedMessageKind): Outcome {
    const activity = context.activity;
    const value = isRecord(activity.value) ? activity.value : undefined;
    const ref = readRef(value?.['qa']);
    const seen = rememberActivity(draft, activity.id);

    if (activity.id && draft.recentActivityIds.includes(activity.id)) {
      return { messages: [] }; // the same activity delivered again: already handled
    }
    if (ref) {
      if (ref.draft !== draft.id) {
        return this.present(bank, seen, ['That card belongs to a different questionnaire, so I have ignored it. Here is where you are:']);
      }
      if (ref.nonce === draft.lastNonce) {
        return { draft: seen, messages: ['I already have that, thank you: it was only recorded once.'] };
      }
      if (ref.seq !== draft.cardSeq) {
        return this.present(bank, seen, ['That card is out of date (you have moved on since), so I have not used it. Here is where you are now:']);
      }
      const nav = String(value?.['nav'] ?? 'next') as QuestionnaireNav;
      return this.onCardAction(bank, { ...seen, lastNonce: ref.nonce }, nav, value ?? {}, Boolean(activity.replyToId) || activity.type === 'invoke');
    }

    const text = typedText(activity);
    if (draft.pendingConfirmation === 'cancel') {
      const answer = yesOrNo(text);
      if (answer === 'yes') return this.onCardAction(bank, seen, 'confirmStop', {}, false);
      if (answer === 'no') return this.onCardAction(bank, seen, 'carryOn', {}, false);
      if (/^delete/i.test(text.trim())) return this.onCardAction(bank, seen, 'discard', {}, false);
    }
    const navigation = typedNavigation(text);
    if (navigation) {
      if (navigation.nav === 'cancel') return this.askToStop(bank, seen);
      if (navigation.nav === 'change') return this.change(bank, seen, navigation.target);
      if (navigation.nav === 'submit' && draft.position !== SUMMARY) {
        // "done" mid-way is more likely an answer; treat it as one below.
      } else {
        return this.onCardAction(bank, seen, navigation.nav, {}, false);
      }
    }
    // "Morning" after a break, or "thanks": not an answer. Say where the officer is and offer to carry on.
    if (kind === 'smallTalk' && !(draft.pages && this.readsAsAnswer(bank, seen, text))) return this.whereYouAre(bank, seen);
    if (draft.pages && kind === 'request') return this.putBack(bank, seen, text);
    if (draft.pages && kind === 'unsure' && draft.position !== SUMMARY) return this.askWhatItWas(bank, seen, text);
    if (draft.position === SUMMARY) {
      if (kind === 'request') return this.leaveFor(bank, seen);
      return this.present(bank, seen, [
        draft.pages
          ? 'You have answered everything. Type **submit** to send it, or **change** and a section or question (for example "change finance").'
          : 'You have answered everything. Type **submit** to send it, or **change** and a question number (for example "change 3").',
      ]);
    }
    return this.onAnswers(bank, seen, (step) => this.typedValues(step, seen, text), false, !draft.pages && kind === 'possibleRequest' ? 'request' : kind);
  }

  /**
   * Typed words that ask for something else are never stored: the live card is
   * paused (read-only, answers kept), the router answers the request, and the
   * card is put back below the answer.
   */
  private putBack(bank: Bank, draft: Draft, text: string, pressed?: AdaptiveCardJson): Outcome {
    const paused = this.readOnly(bank, draft, 'Paused while I answer your question; your answers are kept');
    return {
      draft: { ...draft, cardSeq: draft.cardSeq + 1 },
      messages: [],
      updateLive: paused,
      ...(pressed ? { replaceCard: pressed } : {}),
      putBack: { draftId: draft.id, text },
      end: { unhandled: true },
    };
  }

  /** Typed words that might be an answer or a question: the officer says which, with two buttons. Nothing is stored yet. */
  private askWhatItWas(bank: Bank, draft: Draft, text: string): Outcome {
    const step = currentStep(bank, draft);
    const question = (step && openQuestions(draft, step)[0]) ?? step?.questions[0];
    const next: Draft = { ...draft, cardSeq: draft.cardSeq + 1 };
    const ref = this.refFor(next);
    const card = adaptiveCard(
      [paragraph(`Was "${truncateWords(text, 80)}" your answer${question ? ` to "${question.prompt}"` : ''}, or a question for me?`, { weight: 'Bolder' })],
      [
        submitAction('It was my answer', ref, 'useTyped', { style: 'positive', extra: { typed: text.slice(0, 4000) } }),
        submitAction('It was a question', ref, 'askInstead', { extra: { typed: text.slice(0, 500) } }),
      ],
    );
    return { draft: next, messages: [cardMessage(card, 'Answer or question?')] };
  }

  /** Words that read as small talk but answer a question here that is not free text ("yes, a DPIA is planned"). */
  private readsAsAnswer(bank: Bank, draft: Draft, text: string): boolean {
    const step = currentStep(bank, draft);
    if (!step) return false;
    const results = this.typedValues(step, draft, text);
    this.pendingComments = {};
    return [...results].some(([q, r]) => r.kind === 'answer' && q.type !== 'text' && q.type !== 'list');
  }

  /** Where the officer is in the questionnaire, with Carry on and Save for later. */
  private whereYouAre(bank: Bank, draft: Draft): Outcome {
    // On a card per section the live card stays usable (same seq); older cards went stale.
    const next: Draft = draft.pages ? draft : { ...draft, cardSeq: draft.cardSeq + 1 };
    const card = whereYouAreCard({ questionnaireTitle: bank.title, subject: draft.subject?.name, position: describeDraft(bank, draft), ref: this.refFor(next) });
    return { draft: next, messages: [cardMessage(card, `You're part-way through the ${bank.title.toLowerCase()}`)] };
  }

  private onCardAction(bank: Bank, draft: Draft, nav: QuestionnaireNav, value: Record<string, unknown>, fromCard: boolean): Outcome {
    switch (nav) {
      case 'next':
        return this.onAnswers(bank, draft, (step) => this.cardValues(step, value), fromCard, 'answer', false, true);
      case 'back': {
        const previous = goBack(bank, draft);
        if (!previous) return this.present(bank, draft, ['This is the first question, so there is nothing to go back to.']);
        return this.present(bank, previous, [], fromCard ? this.readOnly(bank, draft, 'Went back') : undefined);
      }
      case 'skip': {
        const step = currentStep(bank, draft);
        if (!step) return this.present(bank, draft, []);
        if (draft.pages && !fromCard) {
          // Typed on a section card: "skip" passes the first question still open, if it is optional.
          const first = openQuestions(draft, step)[0];
          if (!first) return this.present(bank, draft, []);
          if (first.required) return { draft, messages: [`"${first.prompt}" needs an answer, so it can't be skipped. If you don't know yet, type **save for later** and come back to it.`] };
          return this.onPageAnswers(bank, draft, step, new Map([[first, { kind: 'answer' as const, value: '' }]]), false, 'answer', false, first.id);
        }
        // On a card of several questions, skip passes the ones still open and keeps those answered.
        const open = step.questions.filter((q) => draft.answers[q.id] === undefined);
        const passing = open.length > 0 ? open : step.questions;
        const required = passing.filter((q) => q.required);
        if (required.length > 0) {
          return this.present(bank, draft, [`"${required[0]!.prompt}" needs an answer, so it can't be skipped. If you don't know yet, type **save for later** and come back to it.`]);
        }
        const skipped = answerStep(bank, draft, Object.fromEntries(passing.map((q) => [q.id, undefined])));
        return this.present(bank, skipped, [], fromCard ? this.readOnly(bank, draft, 'Skipped') : undefined);
      }
      case 'help':
        return { messages: [this.helpFor(bank, draft)] };
      case 'save':
        return {
          draft,
          messages: [`Saved. Your ${bank.title.toLowerCase()} is kept as a draft (${describeDraft(bank, draft)}). Just message me when you want to carry on.`],
          replaceCard: fromCard ? this.readOnly(bank, draft, 'Saved for later') : undefined,
          end: {},
        };
      case 'confirmStop':
        return {
          draft: { ...draft, pendingConfirmation: undefined },
          messages: [`Stopped. Your answers are kept as a draft; message me when you want to carry on.`],
          replaceCard: fromCard ? answeredCard({ questionnaireTitle: bank.title, sectionTitle: 'Stopped', answers: [], status: 'Stopped for now; draft kept' }) : undefined,
          end: {},
        };
      case 'carryOn':
        return this.present(bank, { ...draft, pendingConfirmation: undefined }, ['Carrying on.']);
      case 'discard':
        return {
          draft: { ...draft, status: 'discarded', pendingConfirmation: undefined },
          discarded: { ...draft, status: 'discarded', pendingConfirmation: undefined },
          messages: [`Deleted. That draft of the ${bank.title.toLowerCase()} is gone.`],
          replaceCard: fromCard ? answeredCard({ questionnaireTitle: bank.title, sectionTitle: 'Deleted', answers: [], status: 'Draft deleted' }) : undefined,
          end: {},
        };
      case 'change': {
        const target = typeof value[CHANGE_INPUT_ID] === 'string' ? value[CHANGE_INPUT_ID] : '';
        return this.change(bank, draft, target);
      }
      case 'useTyped': {
        // The officer said the words they typed were their answer.
        const typed = typeof value['typed'] === 'string' ? value['typed'].slice(0, 4000) : '';
        if (!typed) return this.present(bank, draft, []);
        const outcome = this.onAnswers(bank, draft, (step) => this.typedValues(step, draft, typed), false, 'answer', true);
        return { ...outcome, replaceCard: fromCard ? answeredCard({ questionnaireTitle: bank.title, sectionTitle: 'Your answer', answers: [], status: 'Recorded as your answer' }) : undefined };
      }
      case 'askInstead': {
        const typed = typeof value['typed'] === 'string' ? value['typed'].slice(0, 500) : '';
        return this.putBack(bank, draft, typed, fromCard ? answeredCard({ questionnaireTitle: bank.title, sectionTitle: 'Your question', answers: [], status: 'Not recorded as an answer' }) : undefined);
      }
      case 'submit':
        return this.submit(bank, draft, fromCard);
      default:
        return this.present(bank, draft, ['Sorry, I did not recognise that button. Here is where you are:']);
    }
  }

  private onAnswers(
    bank: Bank,
    draft: Draft,
    read: (step: Step) => Map<Question, ReturnType<typeof parseTypedAnswer>>,
    fromCard: boolean,
    kind: TypedMessageKind,
    confirmedTyped = false,
    /** The answers came from the card's inputs (Next was pressed), not typed. */
    pressed = false,
  ): Outcome {
    const step = currentStep(bank, draft);
    if (!step) return this.present(bank, draft, []);
    if (draft.pages) return this.onPageAnswers(bank, draft, step, read(step), pressed, kind, confirmedTyped);
    const results = read(step);
    const values: Record<string, AnswerValue | undefined> = {};
    const problems: string[] = [];
    for (const [question, result] of results) {
      if (result.kind === 'answer') values[question.id] = result.value;
      else if (result.kind === 'blank') {
        if (question.required) problems.push(step.questions.length > 1 ? `"${question.prompt}" needs an answer.` : 'This question needs an answer.');
        else values[question.id] = undefined;
      } else problems.push(step.questions.length > 1 ? `${question.prompt}: ${result.message}` : result.message);
    }

    if (problems.length > 0) {
      if (!fromCard && kind === 'request' && !step.questions.some((q) => q.type === 'text') && !answerLike(results)) {
        return this.leaveFor(bank, draft);
      }
      // Keep what was valid, so nothing typed is lost while the rest is fixed.
      const kept: Draft = {
        ...draft,
        answers: { ...draft.answers, ...definedOnly(values) },
        invalidAttempts: draft.invalidAttempts + 1,
      };
      const messages = [problems.join('\n\n')];
      if (kept.invalidAttempts >= ATTEMPTS_BEFORE_OFFER) {
        const optional = step.questions.every((q) => !q.required);
        messages.push(
          optional
            ? 'If this one is difficult, you can type **skip** to leave it out, or **save for later** to come back to it.'
            : 'If you need to check something first, type **save for later**; your answers are kept and you can carry on whenever you like.',
        );
      }
      return this.present(bank, kept, messages, undefined, problems.join(' '));
    }

    const next = answerStep(bank, draft, values);
    return this.present(bank, next, [], fromCard ? this.readOnly(bank, { ...draft, answers: next.answers }, 'Answer saved') : undefined);
  }

  /**
   * A card per section: the answers that read are kept; an error shows on its
   * field and a follow-up that now applies appears, both on the same card
   * (updated in place); a finished section becomes a short read-only summary
   * and the next section's card is sent.
   */
  private onPageAnswers(bank: Bank, draft: Draft, step: Step, results: Map<Question, ReturnType<typeof parseTypedAnswer>>, fromCard: boolean, kind: TypedMessageKind, confirmedTyped: boolean, skipping?: string): Outcome {
    // fromCard: Next was pressed, so the answers are the card's inputs and the pressed card is the one to change.
    const values: Record<string, AnswerValue | undefined> = {};
    if (skipping) results = new Map();
    if (skipping) values[skipping] = undefined;
    const errors: Record<string, string> = {};
    for (const [question, result] of results) {
      if (result.kind === 'answer') values[question.id] = result.value;
      else if (result.kind === 'invalid') errors[question.id] = result.message;
      else if (fromCard) {
        // Left empty on the card: optional ones are skipped, required ones wait (unless they no longer apply).
        if (question.required) errors[question.id] = 'This question needs an answer.';
        else values[question.id] = undefined;
      }
    }
    // Words that read as a request and as no answer to any question here were the request
    // (unless they were an answer of the right kind that a question cannot take: "£2,000 a month").
    if (!fromCard && !skipping && kind === 'possibleRequest' && Object.keys(values).length === 0 && !answerLike(results)) return this.putBack(bank, draft, this.typedText);
    const merged = { ...draft.answers, ...definedOnly(values) };
    // A question that no longer applies (an earlier answer on this card changed) needs nothing.
    for (const id of Object.keys(errors)) {
      const question = step.questions.find((q) => q.id === id)!;
      if (!conditionHolds(question.condition, merged, bank.conditions)) delete errors[id];
    }
    const comments = (draft.context['comments'] as Record<string, string> | undefined) ?? {};
    const newComments = this.pendingComments;
    this.pendingComments = {};
    const context = Object.keys(newComments).length > 0 ? { ...draft.context, comments: { ...comments, ...newComments } } : draft.context;

    if (Object.keys(errors).length > 0) {
      const kept: Draft = { ...draft, context, answers: merged, skipped: draft.skipped.filter((id) => !(id in values)), invalidAttempts: draft.invalidAttempts + 1 };
      const same = this.sameCard(bank, kept, errors);
      const problems = Object.entries(errors).map(([id, message]) => (step.questions.length > 1 ? `${findQuestion(bank, id)?.prompt ?? id}: ${message}` : message));
      if (fromCard && !confirmedTyped) return { draft: same.draft, messages: [], replaceCard: same.card };
      return { draft: same.draft, messages: [problems.join('\n\n')], updateLive: same.card };
    }
    const next = withCommentsAsFollowUps(bank, answerStep(bank, { ...draft, context }, values), newComments);
    if (next.position === draft.position) {
      // Follow-up questions now apply: same card, answers kept.
      const same = this.sameCard(bank, next, {});
      const nextStep = currentStep(bank, next);
      const added = nextStep ? openQuestions(next, nextStep) : [];
      if (fromCard && !confirmedTyped) return { draft: same.draft, messages: [], replaceCard: same.card };
      const got = Object.keys(values).length;
      return {
        draft: same.draft,
        messages: [`Got ${got === 1 ? 'that' : `those ${got} answers`}. Still to answer on the card: ${added.map((q) => `"${q.prompt}"`).slice(0, 3).join(', ')}${added.length > 3 ? ' and more' : ''}.`],
        updateLive: same.card,
      };
    }
    const done = this.sectionDone(bank, { ...draft, answers: next.answers, skipped: next.skipped, context }, step);
    const moved = this.present(bank, next, []);
    return fromCard && !confirmedTyped ? { ...moved, replaceCard: done } : { ...moved, updateLive: done };
  }

  /**
   * Words kept from the typed reading of this decision ("yes, a DPIA is planned" keeps "a DPIA is planned").
   * Set and read within one synchronous decide(), so turns of other conversations cannot interleave.
   */
  private pendingComments: Record<string, string> = {};
  private typedText = '';

  /** The current section's card again (new seq), with errors on their fields. */
  private sameCard(bank: Bank, draft: Draft, errors: Record<string, string>): { draft: Draft; card: AdaptiveCardJson } {
    const next: Draft = { ...draft, cardSeq: draft.cardSeq + 1 };
    return { draft: next, card: this.pageCard(bank, next, this.refFor(next), errors) };
  }

  /** An answered section, collapsed to one line with its answers behind a button. */
  private sectionDone(bank: Bank, draft: Draft, step: Step, status?: string): AdaptiveCardJson {
    const answered = step.questions.filter((q) => draft.answers[q.id] !== undefined);
    const title = step.sections.map((s) => s.title).join(', ');
    const saved = `${answered.length} ${answered.length === 1 ? 'answer' : 'answers'} saved`;
    return sectionSummaryCard(bank.title, title, answered.map((q) => ({ prompt: q.prompt, answer: formatAnswer(q, draft.answers[q.id]) })), status ? `${saved}, ${status}` : saved, !status);
  }

  /** The card for the section the draft is on. */
  private pageCard(bank: Bank, draft: Draft, ref: QuestionnaireCardRef, errors: Record<string, string> = {}): AdaptiveCardJson {
    const step = currentStep(bank, draft)!;
    const progress = progressFor(bank, draft);
    const comments = (draft.context['comments'] as Record<string, string> | undefined) ?? {};
    const starts: Record<string, { title: string; intro?: string }> = {};
    for (const section of step.sections) {
      const first = step.questions.find((q) => section.questions.includes(q));
      if (first) starts[first.id] = { title: section.title, ...(section.intro ? { intro: section.intro } : {}) };
    }
    const untouched = Object.keys(draft.answers).length === 0 && draft.history.length === 0 || (draft.history.length === 0 && stepsFor(bank, draft.answers, draft.pages)[0]?.key === step.key && draft.cardSeq <= 1);
    const sections = stepsFor(bank, draft.answers, draft.pages).length;
    return questionCard({
      questionnaireTitle: bank.title,
      subjectName: draft.subject?.name,
      sectionTitle: step.section.title,
      sectionIntro: step.section.intro,
      progress: { number: progress.number, total: progress.total },
      progressText: `section ${progress.number} of ${progress.total}`,
      ...(untouched ? { estimate: `About ${estimatedMinutes(bank, draft.answers)} minutes in all, ${sections} sections. Answer on the card, or type answers (for example "yes no yes" or "1 yes, 2 no").` } : {}),
      questions: step.questions.map((question) => ({ question, current: draft.answers[question.id], error: errors[question.id], comment: comments[question.id] })),
      sectionStarts: starts,
      numbered: step.questions.length > 1,
      ref,
      canGoBack: draft.history.length > 0,
      canSkip: step.questions.every((q) => !q.required),
    });
  }

  private typedValues(step: Step, draft: Draft, text: string): Map<Question, ReturnType<typeof parseTypedAnswer>> {
    this.typedText = text;
    if (draft.pages) {
      const open = openQuestions(draft, step);
      const reading = readTypedAnswers(step.questions, open.length > 0 ? open : step.questions, text, this.services.clock.now(), draft.answers);
      this.pendingComments = reading.comments;
      return reading.answers;
    }
    // A typed message answers one question: the first of the card still open.
    const question = step.questions.find((q) => draft.answers[q.id] === undefined && !draft.skipped.includes(q.id)) ?? step.questions[0]!;
    return new Map([[question, parseTypedAnswer(question, everydayWords(question, text), this.services.clock.now(), draft.answers[question.id])]]);
  }

  private cardValues(step: Step, value: Record<string, unknown>): Map<Question, ReturnType<typeof parseCardAnswer>> {
    const today = this.services.clock.now();
    return new Map(step.questions.map((q) => [q, parseCardAnswer(q, value, today)]));
  }

  private change(bank: Bank, draft: Draft, target: string): Outcome {
    const questions = applicableQuestions(bank, draft.answers);
    const byNumber = /^\d+$/.test(target.trim()) ? questions[Number(target.trim()) - 1] : undefined;
    const question = byNumber ?? questions.find((q) => q.id.toLowerCase() === target.trim().toLowerCase()) ?? (draft.pages ? byName(bank, questions, target) : undefined);
    const changed = question ? changeAnswer(bank, draft, question.id) : undefined;
    if (!changed) {
      if (draft.pages) return { draft, messages: [`I couldn't find "${target}" among the sections or questions. Try a section's name (for example "change finance"), or press **Change** beside a section on the summary.`] };
      return this.present(bank, draft, [`I couldn't find question "${target}". Use a question number from 1 to ${questions.length}.`]);
    }
    return this.present(bank, changed, []);
  }

  private submit(bank: Bank, draft: Draft, fromCard: boolean): Outcome {
    if (draft.position !== SUMMARY) return this.present(bank, draft, ['Please answer the remaining questions first.']);
    const missing = missingRequired(bank, draft);
    if (missing.length > 0) {
      const prompts = missing.map((id) => findQuestion(bank, id)?.prompt ?? id);
      return this.present(bank, draft, [`Before you submit, these still need an answer: ${prompts.join('; ')}.`]);
    }
    // Marked pending in the same write as submitted: whatever happens next, the completion is finished (src/completion/).
    const submitted: Draft = { ...draft, status: 'submitted', submittedAt: this.services.clock.now().toISOString(), completion: { state: 'pending', attempts: 0 } };
    return {
      draft: submitted,
      messages: [],
      replaceCard: fromCard ? answeredCard({ questionnaireTitle: bank.title, sectionTitle: 'Submitted', answers: [], status: `Submitted on ${formatUkDate(this.services.clock.now())}` }) : undefined,
      submitted,
      end: {},
    };
  }

  private askToStop(bank: Bank, draft: Draft): Outcome {
    const next: Draft = { ...draft, pendingConfirmation: 'cancel', cardSeq: draft.cardSeq + 1 };
    return { draft: next, messages: [cardMessage(confirmStopCard({ questionnaireTitle: bank.title.toLowerCase(), ref: this.refFor(next) }), 'Stop for now?')] };
  }

  private leaveFor(bank: Bank, draft: Draft): Outcome {
    return {
      draft,
      messages: [`I've kept your ${bank.title.toLowerCase()} as a draft (${describeDraft(bank, draft)}); say **continue** when you want to pick it up.`],
      end: { unhandled: true },
    };
  }

  /** Sends the card for wherever the draft now stands (a question or the summary). */
  private present(bank: Bank, draft: Draft, lead: string[], replaceCard?: AdaptiveCardJson, error?: string): Outcome {
    const next: Draft = { ...draft, cardSeq: draft.cardSeq + 1 };
    const ref = this.refFor(next);
    const messages: Outcome['messages'] = lead.filter((m) => m !== (error ?? ''));
    const step = currentStep(bank, next);
    if (!step) {
      const summary = { ...next, position: SUMMARY };
      messages.push(cardMessage(this.summary(bank, summary, ref), 'Check your answers'));
      return { draft: summary, messages, replaceCard };
    }
    if (next.pages) {
      const shown = progressFor(bank, next).total;
      const withTotal: Draft = { ...next, pagesShown: Math.min(next.pagesShown ?? shown, shown) };
      messages.push(cardMessage(this.pageCard(bank, withTotal, ref), step.section.title));
      return { draft: withTotal, messages, replaceCard };
    }
    const progress = progressOf(bank, next.answers, step.key);
    const firstOfSection = step.section.questions[0]?.id === step.key;
    messages.push(
      cardMessage(
        questionCard({
          questionnaireTitle: bank.title,
          subjectName: next.subject?.name,
          sectionTitle: step.section.title,
          sectionIntro: firstOfSection ? step.section.intro : undefined,
          progress,
          questions: step.questions.map((question) => ({ question, current: next.answers[question.id] })),
          error,
          ref,
          canGoBack: next.history.length > 0,
          canSkip: step.questions.every((q) => !q.required),
        }),
        step.questions[0]!.prompt,
      ),
    );
    return { draft: next, messages, replaceCard };
  }

  private summary(bank: Bank, draft: Draft, ref: QuestionnaireCardRef): AdaptiveCardJson {
    const applicable = applicableQuestions(bank, draft.answers);
    const numberOf = new Map(applicable.map((q, i) => [q.id, i + 1]));
    if (draft.pages) {
      const comments = (draft.context['comments'] as Record<string, string> | undefined) ?? {};
      return summaryCard({
        questionnaireTitle: bank.title,
        subjectName: draft.subject?.name,
        sections: bank.sections.map((section) => ({
          title: section.title,
          changeKey: `section:${section.id}`,
          // Skipped optional answers are left out: the summary shows what was said.
          answers: section.questions
            .filter((q) => numberOf.has(q.id) && draft.answers[q.id] !== undefined)
            .map((q) => ({ questionId: q.id, prompt: q.prompt, answer: `${formatAnswer(q, draft.answers[q.id])}${comments[q.id] ? ` (${comments[q.id]})` : ''}` })),
        })),
        missing: missingRequired(bank, draft).map((id) => ({ questionId: id, prompt: findQuestion(bank, id)?.prompt ?? id })),
        ref,
      });
    }
    return summaryCard({
      questionnaireTitle: bank.title,
      subjectName: draft.subject?.name,
      sections: bank.sections.map((section) => ({
        title: section.title,
        answers: section.questions
          .filter((q) => numberOf.has(q.id))
          .map((q) => ({
            questionId: String(numberOf.get(q.id)),
            prompt: `${numberOf.get(q.id)}. ${q.prompt}`,
            answer: draft.skipped.includes(q.id) && draft.answers[q.id] === undefined ? 'Skipped' : formatAnswer(q, draft.answers[q.id]),
          })),
      })),
      missing: missingRequired(bank, draft).map((id) => ({ questionId: String(numberOf.get(id)), prompt: `${numberOf.get(id)}. ${findQuestion(bank, id)?.prompt ?? id}` })),
      ref,
    });
  }

  private readOnly(bank: Bank, draft: Draft, status: string): AdaptiveCardJson | undefined {
    const step = currentStep(bank, draft);
    if (!step) return answeredCard({ questionnaireTitle: bank.title, sectionTitle: 'Summary', answers: [], status });
    // A section card becomes its one-line summary, whatever ended it (saved for later, went back...).
    if (draft.pages) return this.sectionDone(bank, draft, step, status.charAt(0).toLowerCase() + status.slice(1));
    return answeredCard({
      questionnaireTitle: bank.title,
      sectionTitle: step.section.title,
      answers: step.questions.map((q) => ({ prompt: q.prompt, answer: draft.skipped.includes(q.id) && draft.answers[q.id] === undefined ? 'Skipped' : formatAnswer(q, draft.answers[q.id]) })),
      status,
    });
  }

  private helpFor(bank: Bank, draft: Draft): string {
    const step = currentStep(bank, draft);
    if (!step) return 'This is the summary of your answers. Type **submit** to send them, or **change** and a question number to change one.';
    const parts = step.questions.map((q) => `**${q.prompt}**\n\n${q.help ?? 'There is no extra guidance for this question.'}\n\n${HOW_TO_ANSWER[q.type]}`);
    parts.push('You can also type **back**, **skip** (optional questions only), **save for later** or **cancel**.');
    return parts.join('\n\n');
  }

  private refFor(draft: Draft): QuestionnaireCardRef {
    return { draft: draft.id, seq: draft.cardSeq, nonce: randomUUID() };
  }

  private updateLiveCard(context: TurnContext, id: string | undefined, card: AdaptiveCardJson): Promise<boolean> {
    return updateLiveCardOf(context, id, card, this.services.logger);
  }

  /** Best effort: if Teams refuses the update, the stale-card check still protects the draft. */
  private async replaceAnsweredCard(context: TurnContext, card: AdaptiveCardJson | undefined): Promise<boolean> {
    if (card && context.activity.type === 'invoke') {
      // A Universal Action: the card goes back in the invoke response and Teams shows it in place.
      context.turnState.set(INVOKE_CARD, card);
      return true;
    }
    const replyToId = context.activity.replyToId;
    if (!card || !replyToId) return false;
    try {
      await context.updateActivity({ ...cardMessage(card), id: replyToId, type: 'message' });
      return true;
    } catch (error) {
      this.services.logger.warn({ err: error, replyToId }, 'could not replace an answered card');
      return false;
    }
  }
}

/**
 * The question an officer names in words: "section:<id>" from a summary button, a section's title
 * ("finance"), or a question's words ("the council cash", "change the council cash to 15k").
 */
function byName(bank: Bank, applicable: Question[], target: string): Question | undefined {
  const words = (text: string) => normalise(text).split(' ').filter((w) => w.length > 2 && !STOP_WORDS.has(w));
  const section = target.startsWith('section:') ? bank.sections.find((s) => `section:${s.id}` === target) : undefined;
  const wanted = words(target.replace(/\s+to\s+.*$/i, ''));
  const named = section ?? (wanted.length > 0 ? bank.sections.find((s) => wanted.every((w) => words(s.title).some((t) => t.startsWith(w)))) : undefined);
  if (named) return applicable.find((q) => named.questions.some((n) => n.id === q.id));
  if (wanted.length === 0) return undefined;
  return applicable.find((q) => wanted.every((w) => words(q.prompt).some((p) => p.startsWith(w))));
}

const STOP_WORDS = new Set(['the', 'and', 'for', 'about', 'answer', 'question', 'section', 'what', 'how', 'will', 'into', 'each', 'its', 'our', 'this', 'that', 'my']);

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** True when the live card was updated; false when its id is unknown or Teams refused (then it is sent again). */
async function updateLiveCardOf(context: TurnContext, id: string | undefined, card: AdaptiveCardJson, logger: Logger): Promise<boolean> {
  if (!id) return false;
  try {
    await context.updateActivity({ ...cardMessage(card), id, type: 'message' });
    return true;
  } catch (error) {
    logger.warn({ err: error }, 'could not update the live questionnaire card');
    return false;
  }
}

/** A read-only summary of an answered section: one line, its answers behind a Show button. */
function sectionSummaryCard(questionnaireTitle: string, sectionTitle: string, answers: Array<{ prompt: string; answer: string }>, status: string, done = true): AdaptiveCardJson {
  const detailsId = 'section-answers';
  return adaptiveCard(
    [
      paragraph(`${done ? '✓' : '⏸'} ${sectionTitle} · ${status}`, { weight: 'Bolder', color: done ? 'Good' : 'Default', spacing: 'None' }),
      paragraph(questionnaireTitle, { isSubtle: true, size: 'Small', spacing: 'None' }),
      {
        type: 'Container', id: detailsId, isVisible: false,
        items: answers.flatMap((a) => [paragraph(a.prompt, { weight: 'Bolder', size: 'Small', spacing: 'Small' }), paragraph(plain(a.answer), { size: 'Small', spacing: 'None' })]),
      },
    ],
    answers.length > 0 ? [{ type: 'Action.ToggleVisibility', title: 'Show answers', targetElements: [detailsId] }] : [],
  );
}

/**
 * "yes, one we could extend": when the yes or no brings a free-text follow-up onto the card ("Which
 * partnership is it?"), the comment is put in it, for the officer to confirm or change.
 */
function withCommentsAsFollowUps(bank: Bank, draft: Draft, comments: Record<string, string>): Draft {
  const step = currentStep(bank, draft);
  if (!step || Object.keys(comments).length === 0) return draft;
  const answers = { ...draft.answers };
  const unconfirmed = [...(draft.unconfirmed ?? [])];
  for (const [questionId, comment] of Object.entries(comments)) {
    const followUp = step.questions.find(
      (q) => q.type === 'text' && answers[q.id] === undefined && q.condition !== undefined && questionsReadBy(q.condition, bank.conditions).includes(questionId),
    );
    if (!followUp) continue;
    answers[followUp.id] = comment;
    unconfirmed.push(followUp.id);
  }
  return { ...draft, answers, unconfirmed };
}

/** What an earlier card becomes once a newer one takes over: read-only, pointing below. */
function movedOnCard(questionnaireTitle: string): AdaptiveCardJson {
  return adaptiveCard([paragraph(`${questionnaireTitle}: this card has moved on. Carry on with the card below; your answers are kept.`, { isSubtle: true, size: 'Small' })]);
}

/** The outcome's cards with Action.Submit buttons only (CARD_ACTIONS=submit). */
function submitOnly(outcome: Outcome): Outcome {
  return {
    ...outcome,
    ...(outcome.replaceCard ? { replaceCard: withSubmitActions(outcome.replaceCard) } : {}),
    ...(outcome.updateLive ? { updateLive: withSubmitActions(outcome.updateLive) } : {}),
    messages: outcome.messages.map((m) => (typeof m === 'string' ? m : withSubmitActions(m))),
  };
}

function isLiveCard(card: AdaptiveCardJson | undefined): boolean {
  if (!card) return false;
  // Anywhere in the card, a questionnaire action and a Next or Submit: walked, not stringified, as
  // a section card is about 10 KB and this is asked up to three times a turn.
  const found = { verb: false, nav: false };
  const walk = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(walk);
    if (typeof node !== 'object' || node === null) return false;
    const fields = node as Record<string, unknown>;
    if (fields['verb'] === 'questionnaire') found.verb = true;
    if (fields['nav'] === 'next' || fields['nav'] === 'submit') found.nav = true;
    if (found.verb && found.nav) return true;
    return Object.values(fields).some(walk);
  };
  return walk(card);
}

function cardOf(message: Partial<Activity>): AdaptiveCardJson | undefined {
  return message.attachments?.[0]?.content as AdaptiveCardJson | undefined;
}

function truncateWords(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const HOW_TO_ANSWER: Record<Question['type'], string> = {
  yesNoUnsure: 'Answer yes, no or not sure.',
  text: 'Type your answer in your own words.',
  choice: 'Pick one option on the card, or type it.',
  multiChoice: 'Pick all that apply on the card, or type them separated by commas.',
  number: 'Type a number, for example 12 or 12.5.',
  money: 'Type an amount in pounds, for example £12,500 or 12.5k.',
  date: 'Pick a date on the card, or type it as day/month/year, for example 31/03/2027, or in words such as "next April".',
  list: 'Fill in a row per item on the card, or type rows separated by semicolons with the details separated by commas.',
};

function readRef(raw: unknown): QuestionnaireCardRef | undefined {
  if (!isRecord(raw)) return undefined;
  const { draft, seq, nonce } = raw;
  if (typeof draft !== 'string' || typeof seq !== 'number' || typeof nonce !== 'string') return undefined;
  return { draft, seq, nonce };
}

function rememberActivity(draft: Draft, activityId: string | undefined): Draft {
  if (!activityId) return draft;
  return { ...draft, recentActivityIds: [...draft.recentActivityIds, activityId].slice(-10) };
}

/** Some answer was of the right kind but not one its question takes ("£2,000 a month" to a yearly figure). */
function answerLike(results: Map<Question, ParseResult>): boolean {
  return [...results.values()].some((r) => r.kind === 'invalid' && r.answerLike === true);
}

function definedOnly(values: Record<string, AnswerValue | undefined>): Record<string, AnswerValue> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<string, AnswerValue>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The draft's owner is the person speaking: their Entra object id, decided in src/bot/identity.ts. */
function ownerOf(context: TurnContext): string {
  return requireIdentity(context.activity).objectId;
}

function isQuestionnaireSubmit(context: TurnContext): boolean {
  return isRecord(context.activity.value) && readRef(context.activity.value['qa']) !== undefined;
}

/** The draft the questionnaire in progress points at, if one is in progress. */
export function activeDraftIdOf(dc: DialogContext): string | undefined {
  const active = dc.activeDialog;
  if (active?.id !== QuestionnaireDialog.dialogId) return undefined;
  return (active.state as Partial<DialogInstanceState> | undefined)?.draftId;
}

/** When Teams received the activity (its timestamp), else now. */
function receivedAt(activity: Partial<Activity>, now: Date): string {
  const stamp = activity.timestamp ? new Date(activity.timestamp as unknown as string) : undefined;
  return stamp && !Number.isNaN(stamp.getTime()) ? stamp.toISOString() : now.toISOString();
}

/** The same turn as if this typed message were its activity: for replaying a message in its place. */
function typedTurn(context: TurnContext, text: string, activityId: string | undefined): TurnContext {
  return { activity: { ...context.activity, text, id: activityId, value: undefined } } as unknown as TurnContext;
}

/** The words of a typed message, without an @mention of the bot. */
function typedText(activity: Partial<Activity>): string {
  return typeof activity.text === 'string' ? activity.text.replace(/<at>[^<]*<\/at>/g, '').trim() : '';
}
