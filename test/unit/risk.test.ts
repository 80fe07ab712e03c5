import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessRisks, atLeastBand, bandFor, riskScore, type RiskInput } from '../../src/domain/riskAssessment.js';
import { loadRiskScale, RiskScaleError } from '../../src/domain/riskScale.js';

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
  it.each([[4, 'low'], [5, 'medium'], [9, 'medium'], [10, 'high'], [15, 'high'], [16, 'very-high'], [25, 'very-high']])('score %i is %s', (score, band) => {
    expect(bandFor(score, scale5).id).toBe(band);
  });
  it('rates 5 x 4 as very high', () => {
    expect(assessRisks([risk('financial', 5, 5, 5, 4)], scale5).overall?.label).toBe('Very high');
  });
  it('rejects overlapping bands with a clear message', () => {
    expect(() => loadRiskScale(fileURLToPath(new URL('../fixtures/config/missing.json', import.meta.url)))).toThrow(RiskScaleError);
  });
});
