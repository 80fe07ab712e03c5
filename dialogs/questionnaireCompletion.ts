import type { TurnContext } from 'botbuilder';
import type { Answers, Bank } from '../src/questionnaire/bankSchema.js';
import type { Draft } from '../src/questionnaire/draft.js';

/**
 * What happens when a questionnaire is submitted, per bank: the new
 * partnership flow computes an outcome, the self-assessment scores, and so
 * on. The generic dialog knows none of that.
 */
export interface QuestionnaireCompletion {
  /** Runs once per submitted draft; must be safe to run again for the same draft id. */
  onSubmitted(context: TurnContext, submission: { draft: Draft; bank: Bank; answers: Answers }): Promise<void>;
  /** Runs when the officer deletes the draft; undoes anything starting it changed. Optional. */
  onDiscarded?(context: TurnContext, discarded: { draft: Draft; bank: Bank }): Promise<void>;
}

/** Finds what submitting a draft of a bank does (dialogs/routing/questionnaireFlow.ts declares them). */
export interface CompletionLookup {
  for(bankId: string): QuestionnaireCompletion;
}

/** For banks with no flow of their own (the practice questionnaire): a thank-you. */
export const thankYouCompletion: QuestionnaireCompletion = {
  async onSubmitted(context, { bank }) {
    await context.sendActivity(`Thank you. Your answers to the ${bank.title.toLowerCase()} have been submitted.`);
  },
};
