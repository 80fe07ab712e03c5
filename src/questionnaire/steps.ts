import type { Answers, Bank, Question, Section } from './bankSchema.js';
import { conditionHolds } from './conditions.js';

/** What one card asks: a single question, or a group of short related ones. */
export interface Step {
  /** The id of the step's first question in the bank; stable across answers. */
  key: string;
  section: Section;
  /** The step's questions that apply, given the answers so far. */
  questions: Question[];
}

export const SUMMARY = 'summary';

/**
 * Steps already worked out, per answers object and bank. A turn asks for the steps of the same
 * answers several times (the current step, the next, the progress line), each a walk over every
 * question with its conditions. Answers are never changed in place once steps have been asked of
 * them (answerStep copies them first), so an answers object's steps stay right; a changed draft
 * has a new answers object and so new steps. The steps are handed out as they were made: callers
 * only read them.
 */
const stepsMade = new WeakMap<Answers, WeakMap<Bank, Step[]>>();

/** The steps that apply to these answers, in bank order. */
export function stepsFor(bank: Bank, answers: Answers): Step[] {
  let byBank = stepsMade.get(answers);
  const made = byBank?.get(bank);
  if (made) return made;
  const steps = workOutSteps(bank, answers);
  if (!byBank) stepsMade.set(answers, (byBank = new WeakMap()));
  byBank.set(bank, steps);
  return steps;
}

function workOutSteps(bank: Bank, answers: Answers): Step[] {
  const steps: Step[] = [];
  for (const section of bank.sections) {
    let current: Step | undefined;
    let currentGroup: string | undefined;
    for (const question of section.questions) {
      const startsNew = !current || question.group === undefined || question.group !== currentGroup;
      if (startsNew) {
        current = { key: question.id, section, questions: [] };
        steps.push(current);
        currentGroup = question.group;
      }
      if (conditionHolds(question.condition, answers, bank.conditions)) current!.questions.push(question);
    }
  }
  return steps.filter((s) => s.questions.length > 0);
}

export function findStep(bank: Bank, answers: Answers, key: string): Step | undefined {
  return stepsFor(bank, answers).find((s) => s.key === key);
}

/** The step after `key`, or undefined at the end. */
export function stepAfter(bank: Bank, answers: Answers, key: string): Step | undefined {
  const steps = stepsFor(bank, answers);
  const order = bankOrder(bank);
  const position = order.indexOf(key);
  return steps.find((s) => order.indexOf(s.key) > position);
}

/** The step holding a question, if that question currently applies. */
export function stepOfQuestion(bank: Bank, answers: Answers, questionId: string): Step | undefined {
  return stepsFor(bank, answers).find((s) => s.questions.some((q) => q.id === questionId));
}

export function applicableQuestions(bank: Bank, answers: Answers): Question[] {
  return stepsFor(bank, answers).flatMap((s) => s.questions);
}

export function findQuestion(bank: Bank, questionId: string): Question | undefined {
  for (const section of bank.sections) {
    const found = section.questions.find((q) => q.id === questionId);
    if (found) return found;
  }
  return undefined;
}

/** "question 7 of 18": the number of the step's first question among those that apply. */
export function progressOf(bank: Bank, answers: Answers, key: string): { number: number; total: number } {
  const questions = applicableQuestions(bank, answers);
  const index = questions.findIndex((q) => q.id === key);
  return { number: index < 0 ? questions.length : index + 1, total: questions.length };
}

function bankOrder(bank: Bank): string[] {
  return bank.sections.flatMap((s) => s.questions.map((q) => q.id));
}
