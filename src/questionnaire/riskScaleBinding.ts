import { actionBand, type RiskScale } from '../domain/riskScale.js';
import type { Bank, Option, Question } from './bankSchema.js';

/**
 * Question banks and the council's risk matrix meet here (spec section 5: a
 * 5 x 5 matrix fits the same model by configuration). A bank's risk questions
 * take their levels, labels and band threshold from the configured scale, so
 * changing config/risk-scale.json changes them without touching a bank file.
 */

/** Risk answers that are a likelihood or an impact level, by the `meta.risk.field` the bank gives them. */
const LEVEL_FIELDS: Record<string, 'likelihood' | 'impact'> = {
  likelihood: 'likelihood',
  residualLikelihood: 'likelihood',
  impact: 'impact',
  residualImpact: 'impact',
};

/** A bound bank file cannot be used; `questionId` names where, when it is one question. */
export class RiskScaleBindingError extends Error {
  constructor(
    message: string,
    readonly questionId?: string,
  ) {
    super(message);
  }
}

/** "1 – Very unlikely (under about 10%)": the level, its label and, when the scale gives one, what it means. */
export function levelOptions(scale: RiskScale, dimension: 'likelihood' | 'impact'): Option[] {
  return scale[dimension].map((level) => ({
    value: String(level.value),
    label: `${level.value} – ${level.label}${level.detail ? ` (${level.detail})` : ''}`,
    synonyms: [level.label.toLowerCase()],
  }));
}

/**
 * Fills in what a bank file takes from the scale, before the file is checked
 * against the bank format: the options of a question with `"optionsFrom"`, a
 * score condition's `"atLeast": "action-band"`, and the words {riskMatrix},
 * {actionFrom} and {actionBand} in intros, prompts and help. Works on the
 * parsed JSON and leaves anything it does not recognise for the format check.
 */
export function bindToRiskScale(json: unknown, scale: RiskScale | undefined): unknown {
  if (!isObject(json) || !Array.isArray(json['sections'])) return json;
  const action = scale ? actionBand(scale) : undefined;
  const words = scale && action ? { riskMatrix: scale.name, actionFrom: String(action.min), actionBand: action.label.toLowerCase() } : undefined;
  const text = (value: unknown, questionId?: string): unknown => (typeof value === 'string' ? fillWords(value, words, questionId) : value);
  const conditions = isObject(json['conditions'])
    ? Object.fromEntries(Object.entries(json['conditions']).map(([name, c]) => [name, bindCondition(c, action?.min, undefined)]))
    : json['conditions'];
  return {
    ...json,
    ...(conditions !== undefined ? { conditions } : {}),
    sections: json['sections'].map((section: unknown) => {
      if (!isObject(section)) return section;
      return {
        ...section,
        ...(section['intro'] !== undefined ? { intro: text(section['intro']) } : {}),
        questions: Array.isArray(section['questions']) ? section['questions'].map((q: unknown) => bindQuestion(q, scale, action?.min, text)) : section['questions'],
      };
    }),
  };
}

function bindQuestion(question: unknown, scale: RiskScale | undefined, actionFrom: number | undefined, text: (value: unknown, questionId?: string) => unknown): unknown {
  if (!isObject(question)) return question;
  const id = typeof question['id'] === 'string' ? question['id'] : undefined;
  const bound: Record<string, unknown> = { ...question, prompt: text(question['prompt'], id) };
  if (question['help'] !== undefined) bound['help'] = text(question['help'], id);
  if (question['condition'] !== undefined) bound['condition'] = bindCondition(question['condition'], actionFrom, id);
  const from = question['optionsFrom'];
  if (from === 'likelihood' || from === 'impact') {
    if (question['options'] !== undefined) throw new RiskScaleBindingError('takes its options from the risk scale ("optionsFrom"), so it cannot list its own as well', id);
    if (!scale) throw new RiskScaleBindingError('takes its options from the risk scale, but no risk scale was given', id);
    bound['options'] = levelOptions(scale, from);
  }
  return bound;
}

function bindCondition(condition: unknown, actionFrom: number | undefined, questionId: string | undefined): unknown {
  if (Array.isArray(condition)) return condition.map((c) => bindCondition(c, actionFrom, questionId));
  if (!isObject(condition)) return condition;
  if ('score' in condition && condition['atLeast'] === 'action-band') {
    if (actionFrom === undefined) throw new RiskScaleBindingError('its condition needs the risk scale\'s action band, but no risk scale was given', questionId);
    return { ...condition, atLeast: actionFrom };
  }
  return Object.fromEntries(Object.entries(condition).map(([key, value]) => [key, typeof value === 'object' ? bindCondition(value, actionFrom, questionId) : value]));
}

function fillWords(value: string, words: Record<string, string> | undefined, questionId: string | undefined): string {
  return value.replace(/\{(riskMatrix|actionFrom|actionBand)\}/g, (_, word: string) => {
    if (!words) throw new RiskScaleBindingError(`uses {${word}}, which comes from the risk scale, but no risk scale was given`, questionId);
    return words[word]!;
  });
}

/**
 * Why a checked bank does not fit the scale, or undefined when it does: a
 * likelihood or impact question (by its `meta.risk.field`) must offer exactly
 * the scale's levels. A bank that lists its own (as version 1 of the
 * new-partnership bank does, for the 4 x 4 matrix) fits only a scale with the same ones.
 */
export function riskScaleMisfit(bank: Bank, scale: RiskScale): { questionId: string; message: string } | undefined {
  for (const question of bank.sections.flatMap((s) => s.questions)) {
    const dimension = levelDimension(question);
    if (!dimension) continue;
    const wanted = scale[dimension].map((l) => String(l.value));
    const offered = question.type === 'choice' ? question.options.map((o) => o.value) : [];
    if (offered.join() === wanted.join()) continue;
    return {
      questionId: question.id,
      message: `offers ${dimension} levels ${rangeOf(offered)}, but the risk scale "${scale.name}" has ${rangeOf(wanted)}: list the same levels, or take them from the scale with "optionsFrom": "${dimension}"`,
    };
  }
  return undefined;
}

function levelDimension(question: Question): 'likelihood' | 'impact' | undefined {
  const field = (question.meta?.['risk'] as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' ? LEVEL_FIELDS[field] : undefined;
}

function rangeOf(values: string[]): string {
  if (values.length === 0) return 'none';
  const numbers = values.map(Number);
  const consecutive = numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n === numbers[i - 1]! + 1));
  return consecutive ? `${values[0]} to ${values.at(-1)}` : values.join(', ');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
