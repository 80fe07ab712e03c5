import type { Answers, Bank, Question, Section } from './bankSchema.js';
import { conditionHolds } from './conditions.js';

/**
 * What one card asks. On a draft with pages (see Pages): every question of one
 * or more bank sections that applies. On an older draft (no pages): a single
 * question, or a group of short related ones.
 */
export interface Step {
  /** The id of the step's first question in the bank, or "page:" and its first section's id; stable across answers. */
  key: string;
  section: Section;
  /** Every section the step shows (one, unless a presentation puts several on one card). */
  sections: Section[];
  /** The step's questions that apply, given the answers so far. */
  questions: Question[];
}

/**
 * How a draft's questions are put on cards: each entry is one card, naming the
 * bank sections it asks. Kept on the draft when it starts, so a redeploy that
 * changes the presentation never moves a questionnaire in progress; absent on
 * drafts started before cards were per section (one card per question group).
 */
export type Pages = string[][];

export const SUMMARY = 'summary';
const PAGE = 'page:';

export function isPageKey(key: string): boolean {
  return key.startsWith(PAGE);
}

/**
 * Steps already worked out, per answers object: a turn asks for the same draft's steps many times
 * (finding the step, the next one, progress, the card), and each asking evaluates every condition.
 * Keyed by identity, so it relies on what the code already does: answers are never changed in place
 * once built (every change makes a new object: answerStep, rewound, the prefills). Weak keys: an
 * answers object that is dropped takes its steps with it.
 */
const stepsMemo = new WeakMap<Answers, Map<Bank, Map<Pages | undefined, Step[]>>>();

/** The steps that apply to these answers, in bank order. Callers must not change the array or its steps. */
export function stepsFor(bank: Bank, answers: Answers, pages?: Pages): Step[] {
  let byBank = stepsMemo.get(answers);
  if (!byBank) stepsMemo.set(answers, (byBank = new Map()));
  let byPages = byBank.get(bank);
  if (!byPages) byBank.set(bank, (byPages = new Map()));
  let steps = byPages.get(pages);
  if (!steps) byPages.set(pages, (steps = computeSteps(bank, answers, pages)));
  return steps;
}

function computeSteps(bank: Bank, answers: Answers, pages?: Pages): Step[] {
  if (pages) return pageSteps(bank, answers, pages);
  const steps: Step[] = [];
  for (const section of bank.sections) {
    let current: Step | undefined;
    let currentGroup: string | undefined;
    for (const question of section.questions) {
      const startsNew = !current || question.group === undefined || question.group !== currentGroup;
      if (startsNew) {
        current = { key: question.id, section, sections: [section], questions: [] };
        steps.push(current);
        currentGroup = question.group;
      }
      if (conditionHolds(question.condition, answers, bank.conditions)) current!.questions.push(question);
    }
  }
  return steps.filter((s) => s.questions.length > 0);
}

function pageSteps(bank: Bank, answers: Answers, pages: Pages): Step[] {
  const steps: Step[] = [];
  for (const ids of pages) {
    const sections = ids.map((id) => bank.sections.find((s) => s.id === id)).filter((s): s is Section => s !== undefined);
    if (sections.length === 0) continue;
    const questions = sections.flatMap((s) => s.questions.filter((q) => conditionHolds(q.condition, answers, bank.conditions)));
    if (questions.length > 0) steps.push({ key: `${PAGE}${sections[0]!.id}`, section: sections[0]!, sections, questions });
  }
  return steps;
}

export function findStep(bank: Bank, answers: Answers, key: string, pages?: Pages): Step | undefined {
  return stepsFor(bank, answers, pages).find((s) => s.key === key);
}

/** The step after `key`, or undefined at the end. */
export function stepAfter(bank: Bank, answers: Answers, key: string, pages?: Pages): Step | undefined {
  const steps = stepsFor(bank, answers, pages);
  const order = pages ? pages.map((ids) => `${PAGE}${ids[0]}`) : bankOrder(bank);
  const position = order.indexOf(key);
  return steps.find((s) => order.indexOf(s.key) > position);
}

/** The step holding a question, if that question currently applies. */
export function stepOfQuestion(bank: Bank, answers: Answers, questionId: string, pages?: Pages): Step | undefined {
  return stepsFor(bank, answers, pages).find((s) => s.questions.some((q) => q.id === questionId));
}

/** "section 3 of 10": the card's place among the cards that apply now. */
export function pageProgressOf(bank: Bank, answers: Answers, key: string, pages: Pages): { number: number; total: number } {
  const steps = stepsFor(bank, answers, pages);
  const index = steps.findIndex((s) => s.key === key);
  return { number: index < 0 ? steps.length : index + 1, total: steps.length };
}

/** Seconds an officer takes over one question of each type, on a card: what the time estimate is made of. */
const SECONDS: Record<Question['type'], number> = { yesNoUnsure: 8, choice: 12, multiChoice: 20, number: 15, money: 15, date: 15, text: 40, list: 90 };

/** About how long the questions that apply now take, in minutes rounded up to 5: measured from the bank, not promised. */
export function estimatedMinutes(bank: Bank, answers: Answers): number {
  const seconds = applicableQuestions(bank, answers).reduce((sum, q) => sum + (q.required ? SECONDS[q.type] : SECONDS[q.type] / 2), 0);
  return Math.max(5, Math.ceil(seconds / 60 / 5) * 5);
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
