import type { Answers, Bank } from '../questionnaire/bankSchema.js';
import { applicableQuestions } from '../questionnaire/steps.js';
import type { RiskInput } from '../domain/riskAssessment.js';

type RiskField = 'description' | 'likelihood' | 'impact' | 'controls' | 'adequacy' | 'residualLikelihood' | 'residualImpact' | 'owner' | 'action' | 'due' | 'scoreCheck';

/**
 * Assembles risk items from the risk-assessment answers, using each risk
 * question's `meta.risk` ({ category, field }) so question ids stay the bank's business.
 */
export function riskInputsFromAnswers(bank: Bank, answers: Answers): RiskInput[] {
  const byCategory = new Map<string, Partial<Record<RiskField, unknown>>>();
  for (const question of applicableQuestions(bank, answers)) {
    const risk = (question.meta as { risk?: { category?: string; field?: RiskField } } | undefined)?.risk;
    if (!risk?.category || !risk.field) continue;
    const value = answers[question.id];
    if (value === undefined) continue;
    const entry = byCategory.get(risk.category) ?? {};
    entry[risk.field] = value;
    byCategory.set(risk.category, entry);
  }
  const risks: RiskInput[] = [];
  for (const [category, f] of byCategory) {
    const likelihood = Number(f.likelihood);
    const impact = Number(f.impact);
    if (!f.description || !likelihood || !impact) continue;
    risks.push({
      category,
      description: String(f.description),
      likelihood,
      impact,
      controls: f.controls ? String(f.controls) : undefined,
      controlAdequacy: f.adequacy as RiskInput['controlAdequacy'],
      residualLikelihood: Number(f.residualLikelihood) || likelihood,
      residualImpact: Number(f.residualImpact) || impact,
      owner: f.owner ? String(f.owner) : undefined,
      action: f.action ? String(f.action) : undefined,
      due: f.due ? String(f.due) : undefined,
      ...(f.scoreCheck ? { scoreNote: String(f.scoreCheck) } : {}),
    });
  }
  return risks;
}
