import { describe, expect, it } from 'vitest';
import { questionCard } from '../../cards/questionCard.js';
import { loadRiskScale } from '../../src/domain/riskScale.js';
import { BankCatalogue } from '../../src/questionnaire/bankCatalogue.js';
import { findQuestion } from '../../src/questionnaire/steps.js';
import type { Question } from '../../src/questionnaire/bankSchema.js';

const banks = BankCatalogue.loadFromDirectory('banks', loadRiskScale('config/risk-scale.json'));
const selfAssessment = banks.latest('self-assessment')!;
const ref = { draft: 'd-1', seq: 1, nonce: 'n-1' };

function labelsOf(questions: Question[]): string[] {
  const card = questionCard({ questionnaireTitle: 'Annual self-assessment', sectionTitle: 'Finance', progress: { number: 1, total: 6 }, questions: questions.map((question) => ({ question })), ref, canGoBack: false, canSkip: false });
  return (card['body'] as Array<Record<string, unknown>>).filter((e) => typeof e['label'] === 'string').map((e) => e['label'] as string);
}

describe('question card labels', () => {
  it('says "(optional)" once on a prompt that already says it', () => {
    const evidence = findQuestion(selfAssessment, 'F1_evidence')!;
    expect(evidence.required).toBe(false);
    expect(evidence.prompt).toMatch(/\(optional\)/);
    const [label] = labelsOf([evidence]);
    expect(label!.match(/\(optional\)/g)).toHaveLength(1);
  });

  it('adds "(optional)" to an optional prompt that does not say it, and nothing to a required one', () => {
    const rating = findQuestion(selfAssessment, 'F1')!;
    expect(rating.required).toBe(true);
    const optional: Question = { ...rating, id: 'F1_copy', prompt: 'How well does it work?', required: false };
    expect(labelsOf([rating, optional])).toEqual([rating.prompt, 'How well does it work? (optional)']);
  });
});
