import type { Bank } from '../src/questionnaire/bankSchema.js';
import { progressFor, type Draft } from '../src/questionnaire/draft.js';
import { SUMMARY } from '../src/questionnaire/steps.js';

/** "section 3 of 10", "question 7 of 18" (older drafts) or "all questions answered, ready to submit" */
export function describeDraft(bank: Bank, draft: Draft): string {
  if (draft.position === SUMMARY) return 'all questions answered, ready to submit';
  const { unit, number, total } = progressFor(bank, draft);
  return `${unit} ${number} of ${total}`;
}

/** "Practice questionnaire for Essex Police partnership (question 7 of 18)" */
export function draftLine(bank: Bank, draft: Draft): string {
  return `${bank.title}${draft.subject ? ` for ${draft.subject.name}` : ''} (${describeDraft(bank, draft)})`;
}
