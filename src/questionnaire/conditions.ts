import type { Answers, Condition } from './bankSchema.js';

/** Whether a question's "asked only if" condition holds for the answers so far. */
export function conditionHolds(condition: Condition | undefined, answers: Answers, named: Record<string, Condition> = {}): boolean {
  if (!condition) return true;
  if ('ref' in condition) return conditionHolds(named[condition.ref], answers, named);
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, answers, named));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, answers, named));
  if ('not' in condition) return !conditionHolds(condition.not, answers, named);
  if ('score' in condition) {
    const score = product(answers, condition.score);
    if (score === undefined) return false;
    if ('atLeast' in condition) return score >= condition.atLeast;
    const other = product(answers, 'above' in condition ? condition.above : condition.below);
    if (other === undefined) return false;
    return 'above' in condition ? score > other : score < other;
  }
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
  if ('score' in condition) return [...condition.score, ...('above' in condition ? condition.above : 'below' in condition ? condition.below : [])];
  return [condition.question];
}

/** Two answers multiplied (a likelihood and an impact), or undefined while either is missing or not a number. */
function product(answers: Answers, [a, b]: [string, string]): number | undefined {
  const x = Number(answers[a]);
  const y = Number(answers[b]);
  return answers[a] === undefined || answers[b] === undefined || Number.isNaN(x) || Number.isNaN(y) ? undefined : x * y;
}
