import type { Answers, AnswerValue, Bank, Question } from '../questionnaire/bankSchema.js';
import { applicableQuestions } from '../questionnaire/steps.js';
import type { RiskScale } from './riskScale.js';
import type { RiskSummary } from './riskAssessment.js';
import { formatUkDate } from '../util/ukFormat.js';

export type Rating = 'green' | 'amber' | 'red';

export interface Finding {
  questionId: string;
  prompt: string;
  /** Why it matters, in plain words. */
  reason: string;
  action?: string;
}

export interface NewPartnershipOutcome {
  rating: Rating;
  /** One line per reason, most serious first. */
  reasons: string[];
  actions: string[];
  failedGates: Finding[];
  unsureGates: Finding[];
  weakAnswers: Finding[];
  warnings: Finding[];
}

/** Gate, weak-answer and warning rules read from each question's `meta` in the bank. */
interface OutcomeMeta {
  gate?: { failWhen?: string[]; unsureWhen?: string[] };
  weakWhen?: string[];
  warnWhen?: string[];
  reason?: string;
  /** Why an unsure gate ("not agreed yet") matters, in plain words; absent: "Not yet certain: <question>". */
  unsureReason?: string;
  warning?: string;
  action?: string;
}

const WEAK_ANSWERS_FOR_AMBER = 3;

/**
 * The outcome of the new-partnership questions (spec section 4):
 * red when a gate fails or the overall risk calls for a decision; amber when
 * a gate is unsure, three or more other answers are weak, or the risk is high;
 * green otherwise.
 */
export function assessNewPartnership(bank: Bank, answers: Answers, risks: RiskSummary, scale: RiskScale): NewPartnershipOutcome {
  const failedGates: Finding[] = [];
  const unsureGates: Finding[] = [];
  const weakAnswers: Finding[] = [];
  const warnings: Finding[] = [];

  for (const question of applicableQuestions(bank, answers)) {
    const meta = (question.meta ?? {}) as OutcomeMeta;
    const value = answers[question.id];
    if (meta.gate) {
      if (matches(question, value, meta.gate.failWhen)) failedGates.push(finding(question, meta, meta.reason ?? `Gate not met: ${question.prompt}`));
      else if (matches(question, value, meta.gate.unsureWhen)) unsureGates.push(finding(question, meta, meta.unsureReason ?? `Not yet certain: ${question.prompt}`));
    } else if (matches(question, value, meta.weakWhen)) {
      weakAnswers.push(finding(question, meta, `${question.prompt} (answered ${describe(value)})`));
    }
    if (matches(question, value, meta.warnWhen)) warnings.push(finding(question, meta, meta.warning ?? question.prompt));
  }

  // A score after controls the bank queried (spec section 5: inherent, residual and control adequacy):
  // the officer's explanation goes to whoever decides, without changing the rating.
  for (const risk of risks.risks.filter((r) => r.scoreNote)) {
    const change = risk.residualScore > risk.inherentScore ? 'higher after controls' : 'lower after poor controls';
    warnings.push({
      questionId: `R_${risk.category}`,
      prompt: `${risk.category} risk`,
      reason: `The ${categoryWords(bank, risk.category)} risk scores ${change} (${risk.residualScore}) than before them (${risk.inherentScore}): “${risk.scoreNote}”`,
    });
  }

  // Gate G1: the risk assessment must have been completed.
  if (risks.risks.length === 0) {
    failedGates.push({ questionId: 'G1', prompt: 'Risk assessment', reason: 'No risk assessment was completed.', action: 'Complete the risk assessment for the partnership.' });
  }

  const escalation = risks.overall?.escalation ?? 'none';
  const rating: Rating =
    failedGates.length > 0 || escalation === 'red'
      ? 'red'
      : unsureGates.length > 0 || weakAnswers.length >= WEAK_ANSWERS_FOR_AMBER || escalation === 'amber'
        ? 'amber'
        : 'green';

  const reasons = [
    ...failedGates.map((f) => f.reason),
    ...(escalation === 'red' ? [`The overall risk is ${risks.overall!.label.toLowerCase()}: ${risks.overall!.guidance}`] : []),
    ...unsureGates.map((f) => f.reason),
    ...(escalation === 'amber' ? [`The overall risk is ${risks.overall!.label.toLowerCase()}: ${risks.overall!.guidance}`] : []),
    ...(weakAnswers.length > 0 ? [`${weakAnswers.length} other answer${weakAnswers.length === 1 ? ' was' : 's were'} no or not sure.`] : []),
    ...warnings.map((w) => w.reason),
  ];
  if (reasons.length === 0) reasons.push('Every gate question was met and the risks are manageable.');

  const riskActions = risks.risks
    .filter((r) => scale.bands.find((b) => b.id === r.residualBand)?.escalation !== 'none')
    .map((r) => `Mitigate the ${categoryWords(bank, r.category)} risk${r.action ? `: ${r.action}` : ''}${r.owner ? ` (owner ${r.owner})` : ''}${r.due ? ` by ${formatUkDate(r.due)}` : ''}.`);
  const actions = unique([...failedGates, ...unsureGates, ...weakAnswers, ...warnings].flatMap((f) => (f.action ? [f.action] : [])).concat(riskActions));

  return { rating, reasons, actions, failedGates, unsureGates, weakAnswers, warnings };
}

/**
 * True when leaving an optional question blank changes the outcome (a blank gate, weak answer or
 * warning). Such a question must say so in its prompt, before the officer skips it (issue 17 item 3);
 * the bank test holds the shipped banks to that, and the new-partnership bank from version 4 has none:
 * its gates are required, with "Not agreed yet" giving amber and an action instead.
 */
export function skipChangesOutcome(question: Question): boolean {
  if (question.required) return false;
  const meta = (question.meta ?? {}) as OutcomeMeta;
  return [meta.gate?.failWhen, meta.gate?.unsureWhen, meta.weakWhen, meta.warnWhen].some((when) => when?.includes('blank') === true);
}

/** A risk category as the bank names it ("financial", "strategic fit"), lower case. */
function categoryWords(bank: Bank, category: string): string {
  for (const question of bank.sections.flatMap((s) => s.questions)) {
    if (question.type !== 'multiChoice' || !question.tags.includes('risk')) continue;
    const option = question.options.find((o) => o.value === category);
    if (option) return option.label.toLowerCase();
  }
  return category;
}

function matches(question: Question, value: AnswerValue | undefined, when: string[] | undefined): boolean {
  if (!when || when.length === 0) return false;
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return when.includes('blank');
  if (Array.isArray(value)) return (value as unknown[]).some((v) => typeof v === 'string' && when.includes(v));
  return question.type !== 'text' && when.includes(String(value));
}

function finding(question: Question, meta: OutcomeMeta, reason: string): Finding {
  return { questionId: question.id, prompt: question.prompt, reason, action: meta.action };
}

function describe(value: AnswerValue | undefined): string {
  if (value === 'unsure') return 'not sure';
  return value === undefined ? 'not answered' : String(value);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
