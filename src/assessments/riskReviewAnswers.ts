import type { Answers, Bank } from '../questionnaire/bankSchema.js';
import { applicableQuestions } from '../questionnaire/steps.js';
import type { RegisterRisk, ReviewedRisk } from '../domain/riskReview.js';
import type { RiskInput } from '../domain/riskAssessment.js';

type Field = 'stillRelevant' | 'description' | 'likelihood' | 'impact' | 'controls' | 'adequacy' | 'residualLikelihood' | 'residualImpact' | 'owner' | 'action' | 'due';

const metaOf = (meta: unknown) => (meta as { riskReview?: { category?: string; field?: Field } } | undefined)?.riskReview;

/**
 * The self-assessment's risk review (bank v3 on) read from one officer's answers,
 * by each question's `meta.riskReview` ({ category, field }) so ids stay the
 * bank's business. Empty when they did not review the risks. Pure.
 */
export function riskReviewFromAnswers(bank: Bank, answers: Answers): ReviewedRisk[] {
  const byCategory = new Map<string, Partial<Record<Field, unknown>>>();
  for (const question of applicableQuestions(bank, answers)) {
    const review = metaOf(question.meta);
    if (!review?.category || !review.field || answers[question.id] === undefined) continue;
    const entry = byCategory.get(review.category) ?? {};
    entry[review.field] = answers[question.id];
    byCategory.set(review.category, entry);
  }
  const reviewed: ReviewedRisk[] = [];
  for (const [category, f] of byCategory) {
    if (f.stillRelevant === 'no') {
      reviewed.push({ category, stillRelevant: false });
      continue;
    }
    const likelihood = Number(f.likelihood);
    const impact = Number(f.impact);
    if (f.stillRelevant !== 'yes' || !f.description || !likelihood || !impact) continue;
    const rated: RiskInput = {
      category,
      description: String(f.description),
      likelihood,
      impact,
      ...(f.controls ? { controls: String(f.controls) } : {}),
      ...(f.adequacy ? { controlAdequacy: f.adequacy as RiskInput['controlAdequacy'] } : {}),
      residualLikelihood: Number(f.residualLikelihood) || likelihood,
      residualImpact: Number(f.residualImpact) || impact,
      ...(f.owner ? { owner: String(f.owner) } : {}),
      ...(f.action ? { action: String(f.action) } : {}),
      ...(f.due ? { due: String(f.due) } : {}),
    };
    reviewed.push({ category, stillRelevant: true, rated });
  }
  return reviewed;
}

/**
 * The risks on the register as answers to the review, so the officer confirms or
 * changes them rather than typing them again: the kinds ticked, each rated as it was.
 */
export function riskReviewPrefill(bank: Bank, risks: readonly RegisterRisk[]): Answers {
  const open = risks.filter((r) => r.status === 'open');
  const answers: Answers = {};
  const questions = bank.sections.flatMap((s) => s.questions);
  const categoriesQuestion = questions.find((q) => (q.meta as { riskReviewCategories?: boolean } | undefined)?.riskReviewCategories === true);
  if (!categoriesQuestion || open.length === 0) return answers;
  answers[categoriesQuestion.id] = open.map((r) => r.category);
  const values: Partial<Record<Field, (r: RegisterRisk) => string | undefined>> = {
    description: (r) => r.description,
    likelihood: (r) => String(r.likelihood),
    impact: (r) => String(r.impact),
    controls: (r) => r.controls,
    adequacy: (r) => r.controlAdequacy,
    residualLikelihood: (r) => String(r.residualLikelihood),
    residualImpact: (r) => String(r.residualImpact),
  };
  for (const question of questions) {
    const review = metaOf(question.meta);
    const risk = review && open.find((r) => r.category === review.category);
    const value = risk && review.field && values[review.field]?.(risk);
    if (value !== undefined) answers[question.id] = value;
  }
  return answers;
}
