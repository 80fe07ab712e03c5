import type { Answers, Condition } from './bankSchema.js';

/** Whether a question's "asked only if" condition holds for the answers so far. */
export function conditionHolds(condition: Condition | undefined, answers: Answers, named: Record<string, Condition> = {}): boolean {
  if (!condition) return true;
  if ('ref' in condition) return conditionHolds(named[condition.ref], answers, named);
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, answers, named));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, answers, named));
  if ('not' in condition) return !conditionHolds(condition.not, answers, named);
  const answer = answers[condition.question];
  if ('answered' in condition) return (answer !== undefined) === condition.answered;
  if (answer === undefined) return false;
  if ('atLeast' in condition || 'atMost' in condition) {
    const n = typeof answer === 'number' ? answer : typeof answer === 'string' ? Number(answer) : Number.NaN;
    if (Number.isNaN(n)) return false;
    return 'atLeast' in condition ? n >= condition.atLeast : n <= condition.atMost;
  }
  if ('equals' in condition) return answer === condition.equals;
  if ('in' in condition) return typeof answer === 'string' && condition.in.includes(answer);
  return Array.isArray(answer) && (answer as unknown[]).includes(condition.includes);
}

/** Question ids a condition reads, for checking a bank when it loads. */
export function questionsReadBy(condition: Condition, named: Record<string, Condition> = {}, seen: string[] = []): string[] {
  if ('ref' in condition) {
    // A named condition that refers to itself would never finish evaluating.
    if (seen.includes(condition.ref)) throw new Error(`condition "${condition.ref}" refers to itself`);
    const target = named[condition.ref];
    if (!target) throw new Error(`refers to the named condition "${condition.ref}", which the bank does not define`);
    return questionsReadBy(target, named, [...seen, condition.ref]);
  }
  if ('all' in condition) return condition.all.flatMap((c) => questionsReadBy(c, named, seen));
  if ('any' in condition) return condition.any.flatMap((c) => questionsReadBy(c, named, seen));
  if ('not' in condition) return questionsReadBy(condition.not, named, seen);
  return [condition.question];
}
