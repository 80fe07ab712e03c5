import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessRisks, atLeastBand, bandFor, riskScore, type RiskInput } from '../../src/domain/riskAssessment.js';
import { loadRiskScale, RiskScaleError } from '../../src/domain/riskScale.js';
import { riskInputsFromAnswers } from '../../src/partnerships/riskAnswers.js';
import { BankCatalogue } from '../../src/questionnaire/bankCatalogue.js';
import { applicableQuestions } from '../../src/questionnaire/steps.js';

const scale = loadRiskScale(fileURLToPath(new URL('../../config/risk-scale.json', import.meta.url)));
const scale5 = loadRiskScale(fileURLToPath(new URL('../fixtures/config/risk-scale-5x5.json', import.meta.url)));

const risk = (category: string, l: number, i: number, rl: number, ri: number): RiskInput => ({
  category, description: `${category} risk`, likelihood: l, impact: i, residualLikelihood: rl, residualImpact: ri,
});

describe('risk scores and bands (4 x 4)', () => {
  it('scores likelihood times impact', () => {
    expect(riskScore(3, 4)).toBe(12);
    expect(riskScore(1, 1)).toBe(1);
  });

  it.each([
    [1, 'low'], [3, 'low'], [4, 'medium'], [6, 'medium'], [8, 'high'], [9, 'high'], [12, 'very-high'], [16, 'very-high'],
  ])('score %i is %s', (score, band) => {
    expect(bandFor(score, scale).id).toBe(band);
  });

  it('rates the whole assessment by the highest residual band and counts per band', () => {
    const summary = assessRisks([risk('financial', 4, 4, 2, 2), risk('partner', 3, 3, 3, 3), risk('exit', 2, 1, 1, 1)], scale);
    expect(summary.risks.map((r) => [r.inherentBand, r.residualBand])).toEqual([['very-high', 'medium'], ['high', 'high'], ['low', 'low']]);
    expect(summary.overall?.id).toBe('high');
    expect(summary.counts).toEqual({ low: 1, medium: 1, high: 1, 'very-high': 0 });
    expect(summary.top.map((r) => r.category)).toEqual(['partner', 'financial', 'exit']);
    expect(atLeastBand(summary.overall, 'high', scale)).toBe(true);
    expect(atLeastBand(summary.overall, 'very-high', scale)).toBe(false);
  });

  it('has no overall rating when no risk was recorded', () => {
    expect(assessRisks([], scale).overall).toBeUndefined();
  });
});

describe('a 5 x 5 council matrix is configuration only', () => {
  // The shipped question banks, untouched, loaded against the 5 x 5 configuration.
  const banks5 = BankCatalogue.loadFromDirectory(fileURLToPath(new URL('../../banks', import.meta.url)), scale5);
  const bank5 = banks5.latest('new-partnership')!;
  const bank4 = BankCatalogue.loadFromDirectory(fileURLToPath(new URL('../../banks', import.meta.url)), scale).latest('new-partnership')!;
  const levelQuestions = (bank: typeof bank5) =>
    bank.sections.flatMap((sec) => sec.questions).filter((q) => ['likelihood', 'impact', 'residualLikelihood', 'residualImpact'].includes(String((q.meta?.['risk'] as { field?: string } | undefined)?.field)));

  it.each([[4, 'low'], [5, 'medium'], [9, 'medium'], [10, 'high'], [15, 'high'], [16, 'very-high'], [25, 'very-high']])('score %i is %s', (score, band) => {
    expect(bandFor(score, scale5).id).toBe(band);
  });
  it('rates 5 x 4 as very high', () => {
    expect(assessRisks([risk('financial', 5, 5, 5, 4)], scale5).overall?.label).toBe('Very high');
  });

  it("the shipped bank's likelihood and impact questions offer the matrix's own levels and labels", () => {
    const questions = levelQuestions(bank5);
    expect(questions).toHaveLength(44);
    for (const q of questions) {
      const field = (q.meta!['risk'] as { field: string }).field;
      const levels = /ikelihood/.test(field) ? scale5.likelihood : scale5.impact;
      expect(q.type === 'choice' ? q.options.map((o) => [o.value, o.label]) : []).toEqual(levels.map((l) => [String(l.value), `${l.value} – ${l.label}`]));
    }
    // On the shipped 4 x 4 scale the same bank offers 1 to 4, with that scale's words.
    const likelihood4 = levelQuestions(bank4)[0]!;
    expect(likelihood4.type === 'choice' && likelihood4.options.map((o) => o.label)).toEqual(['1 – Very unlikely (under about 10%)', '2 – Unlikely (about 10% to 40%)', '3 – Likely (about 40% to 75%)', '4 – Very likely (over about 75%)']);
  });

  it("asks for a mitigation plan exactly where the matrix's bands call for one", () => {
    const asked = (bank: typeof bank5, rl: string, ri: string) => applicableQuestions(bank, { RCAT: ['financial'], R_financial_l: '5', R_financial_i: '5', R_financial_rl: rl, R_financial_ri: ri }).map((q) => q.id);
    expect(asked(bank5, '3', '3')).not.toContain('R_financial_action'); // 9: medium on 5 x 5
    expect(asked(bank5, '2', '5')).toContain('R_financial_action'); // 10: high
    expect(asked(bank4, '3', '3')).toContain('R_financial_action'); // 9: high on 4 x 4
    expect(asked(bank4, '2', '3')).not.toContain('R_financial_action'); // 6: medium
  });

  it("a whole set of risk answers is rated on the matrix's bands", () => {
    const answers = { RCAT: ['financial'], R_financial_desc: 'Funding ends', R_financial_l: '5', R_financial_i: '4', R_financial_rl: '4', R_financial_ri: '3', R_financial_owner: 'Finance' };
    const summary = assessRisks(riskInputsFromAnswers(bank5, answers), scale5);
    expect(summary.risks.map((r) => [r.inherentScore, r.inherentBand, r.residualScore, r.residualBand])).toEqual([[20, 'very-high', 12, 'high']]);
    expect(summary.overall?.id).toBe('high');
  });

  it('rejects overlapping bands with a clear message', () => {
    expect(() => loadRiskScale(fileURLToPath(new URL('../fixtures/config/risk-scale-overlapping.json', import.meta.url)))).toThrow(RiskScaleError);
    expect(() => loadRiskScale(fileURLToPath(new URL('../fixtures/config/risk-scale-overlapping.json', import.meta.url)))).toThrow(
      /risk-scale-overlapping\.json: bands: band medium overlaps the band before it; list bands from lowest to highest$/,
    );
  });
});
