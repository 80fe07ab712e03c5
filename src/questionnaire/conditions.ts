import type { Answers, Condition } from './bankSchema.js';

/** Whether a question's "asked only if" condition holds for the answers so far. */
export function conditionHolds(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, answers));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, answers));
  if ('not' in condition) return !conditionHolds(condition.not, answers);
  const answer = answers[condition.question];
  if ('answered' in condition) return (answer !== undefined) === condition.answered;
  if (answer === undefined) return false;
  if ('equals' in condition) return answer === condition.equals;
  if ('in' in condition) return typeof answer === 'string' && condition.in.includes(answer);
  return Array.isArray(answer) && (answer as unknown[]).includes(condition.includes);
}

/** Question ids a condition reads, for checking a bank when it loads. */
export function questionsReadBy(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(questionsReadBy);
  if ('any' in condition) return condition.any.flatMap(questionsReadBy);
  if ('not' in condition) return questionsReadBy(condition.not);
  return [condition.question];
}
