import type { Bank } from '../src/questionnaire/bankSchema.js';
import type { Draft } from '../src/questionnaire/draft.js';
import { progressOf, SUMMARY } from '../src/questionnaire/steps.js';

/** "question 7 of 18" or "all questions answered, ready to submit" */
export function describeDraft(bank: Bank, draft: Draft): string {
  if (draft.position === SUMMARY) return 'all questions answered, ready to submit';
  const { number, total } = progressOf(bank, draft.answers, draft.position);
  return `question ${number} of ${total}`;
}

/** "Practice questionnaire for Essex Police partnership (question 7 of 18)" */
export function draftLine(bank: Bank, draft: Draft): string {
  return `${bank.title}${draft.subject ? ` for ${draft.subject.name}` : ''} (${describeDraft(bank, draft)})`;
}
