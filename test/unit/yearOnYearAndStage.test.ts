import { describe, expect, it } from 'vitest';
import { combineResponses, lowConfidenceText, type StatementRating } from '../../src/domain/selfAssessmentScoring.js';
import { compareYears, trendOf, type YearScores } from '../../src/domain/yearOnYear.js';
import { suggestStage, type StageIndicator, type StageSignalsInput } from '../../src/domain/lifeCycleStage.js';
import { recommendInvolvement, type RecommendationInput } from '../../src/domain/involvementRecommendation.js';

const AREAS = ['F', 'P', 'C', 'M'];
const idsOf = (n: number) => AREAS.flatMap((a) => Array.from({ length: n }, (_, i) => `${a}${i + 1}`));

function year(label: string, version: number, rating: StatementRating, overrides: Record<string, StatementRating> = {}, perArea = 7): YearScores {
  const ids = idsOf(perArea);
  return {
    year: label,
    bankVersion: version,
    statements: combineResponses([Object.fromEntries(ids.map((id) => [id, overrides[id] ?? rating]))], ids),
    areaOf: Object.fromEntries(ids.map((id) => [id, id[0]!])),
  };
}

describe('year on year', () => {
  it('improved at +5 points or more, declined at -5 or less, otherwise stable', () => {
    expect(trendOf(5)).toBe('improved');
    expect(trendOf(4)).toBe('stable');
    expect(trendOf(-4)).toBe('stable');
    expect(trendOf(-5)).toBe('declined');
  });

  it('compares per section and overall, and lists statements that moved by 2 or more', () => {
    const before = year('2025/26', 1, 2, { F1: 0, P1: 3 });
    const now = year('2026/27', 1, 2, { F1: 2, F2: 3, P1: 1, C1: 1 });
    const c = compareYears(now, before, AREAS);
    expect(c.sharedStatementsOnly).toBe(false);
    expect(c.sections[0]).toMatchObject({ area: 'F', before: 57, now: 71, change: 14, trend: 'improved' });
    expect(c.sections[1]).toMatchObject({ area: 'P', before: 71, now: 62, trend: 'declined' });
    // C fell from 14/21 (66.7%) to 13/21 (61.9%): 4.8 points, which the spec calls stable. Rounding the
    // percentages first made it 67 to 62, "declined" (issue 18 item 1); the change shown stays under 5.
    expect(c.sections[2]).toMatchObject({ area: 'C', change: -4, trend: 'stable' });
    expect(c.sections[3]).toMatchObject({ area: 'M', change: 0, trend: 'stable' });
    expect(c.moved).toEqual([
      { id: 'F1', before: 0, now: 2 },
      { id: 'P1', before: 3, now: 1 },
    ]);
  });

  it('after a bank-version change compares on shared statements only, and says so', () => {
    // Last year's bank had 6 statements per area; this year's has 7, and F7 alone is rated 0.
    const before = year('2025/26', 1, 2, {}, 6);
    const now = year('2026/27', 2, 2, { F7: 0 });
    const c = compareYears(now, before, AREAS);
    expect(c.sharedStatementsOnly).toBe(true);
    expect(c.sharedStatements).toBe(24);
    // On the shared statements nothing changed, although this year's full F score is lower.
    expect(c.sections[0]).toMatchObject({ before: 67, now: 67, trend: 'stable' });
    expect(c.overall.trend).toBe('stable');
  });

  it('a statement moved to another area is not compared', () => {
    const before = year('2025/26', 1, 2);
    const now = year('2026/27', 2, 2);
    now.areaOf['F1'] = 'P';
    expect(compareYears(now, before, AREAS).sharedStatements).toBe(27);
  });
});

const noSignals: StageSignalsInput = { means: {}, sectionPercents: {}, anyViewsDiffer: false };
const indicators = (matches: Partial<Record<string, number>>, counts = { forming: 3, frustration: 4, functioning: 3, flying: 4, failing: 4 }): StageIndicator[] =>
  Object.entries(counts).flatMap(([stage, n]) =>
    Array.from({ length: n }, (_, i) => ({ stage: stage as StageIndicator['stage'], text: `${stage} ${i + 1}`, matched: i < (matches[stage] ?? 0) })),
  );

describe('life-cycle stage', () => {
  it('the highest share of matching indicators and signals wins', () => {
    const s = suggestStage(indicators({ functioning: 3, forming: 1 }), { ...noSignals, means: { P2: 3 }, sectionPercents: { F: 60, P: 70 } });
    expect(s.stage).toBe('functioning');
    expect(s.scores.functioning).toBe(1);
    expect(s.reasons).toContain('Foundations and Partners both at 50% or more');
    expect(s.tactics.length).toBeGreaterThan(0);
  });
  it('a tie goes to the earlier stage', () => {
    // forming 2/5, functioning 2/5
    const s = suggestStage(indicators({ forming: 2, functioning: 2 }), noSignals);
    expect(s.scores.forming).toBeCloseTo(s.scores.functioning);
    expect(s.stage).toBe('forming');
  });
  it('Failing at 60% or more wins regardless', () => {
    // failing: 3 indicators + red overall + P3 low = 5 of 7 (71%); flying 4/4 indicators + overall? no -> 4/7
    const s = suggestStage(indicators({ failing: 3, functioning: 3 }), { ...noSignals, means: { P3: 1, P2: 3 }, sectionPercents: { F: 60, P: 60 }, overallPercent: 45 });
    expect(s.scores.functioning).toBe(1);
    expect(s.scores.failing).toBeGreaterThanOrEqual(0.6);
    expect(s.stage).toBe('failing');
  });
  it('Failing under 60% does not override a higher stage', () => {
    const s = suggestStage(indicators({ failing: 2, flying: 4 }), { ...noSignals, means: { M3: 3, P7: 2, C5: 2 }, overallPercent: 80 });
    expect(s.scores.failing).toBeLessThan(0.6);
    expect(s.stage).toBe('flying');
  });
  it('score signals count: young partnership with F3 low suggests forming; views differ and P5 low suggest frustration; a 10-point fall counts toward failing', () => {
    expect(suggestStage(indicators({}), { ...noSignals, ageInMonths: 6, means: { F3: 1 } }).stage).toBe('forming');
    expect(suggestStage(indicators({ frustration: 1 }), { ...noSignals, anyViewsDiffer: true, means: { P5: 0 } }).stage).toBe('frustration');
    const fall = suggestStage(indicators({ failing: 2 }), { ...noSignals, overallChange: -10, overallPercent: 40 });
    expect(fall.reasons).toEqual(expect.arrayContaining(['Overall score down 10 points or more on last year', 'Overall score red (under 50%)']));
    expect(fall.stage).toBe('failing');
  });
});

const green: RecommendationInput = { overallBand: 'green', sectionBands: ['green', 'green', 'green', 'green'], overallTrend: 'stable', highResidualRisk: false, aimsAchieved: false, f2Mean: 3, m4Mean: 3 };

describe('recommendation on future involvement', () => {
  it('continue: green, no red area, not declined', () => {
    expect(recommendInvolvement(green).recommendation).toBe('continue');
    expect(recommendInvolvement({ ...green, overallTrend: undefined }).recommendation).toBe('continue');
  });
  it.each([
    ['amber overall', { overallBand: 'amber' as const }],
    ['a red area', { sectionBands: ['green', 'red', 'green', 'green'] as const }],
    ['declined', { overallTrend: 'declined' as const }],
  ])('improvement plan: %s', (_, change) => {
    expect(recommendInvolvement({ ...green, ...change, sectionBands: [...(change as { sectionBands?: readonly string[] }).sectionBands ?? green.sectionBands] as RecommendationInput['sectionBands'] }).recommendation).toBe('improve');
  });
  it.each([
    ['red overall', { overallBand: 'red' as const }],
    ['F2 at 1', { f2Mean: 1 }],
    ['M4 at 0', { m4Mean: 0 }],
    ['high residual risk', { highResidualRisk: true }],
    ['red two years running', { overallBand: 'red' as const, previous: { band: 'red' as const, trend: 'stable' as const } }],
  ])('review involvement: %s', (_, change) => {
    expect(recommendInvolvement({ ...green, ...change }).recommendation).toBe('review');
  });
  it('F2 at 2 does not trigger a review', () => {
    expect(recommendInvolvement({ ...green, f2Mean: 2 }).recommendation).toBe('continue');
  });
  it.each([
    ['red and declining two years running', { overallBand: 'red' as const, overallTrend: 'declined' as const, previous: { band: 'red' as const, trend: 'declined' as const } }],
    ['failing confirmed', { confirmedStage: 'failing' as const }],
  ])('plan exit: %s', (_, change) => {
    const r = recommendInvolvement({ ...green, ...change });
    expect(r.recommendation).toBe('exit');
    expect(r.celebrate).toBe(false);
  });
  it('plan exit and celebrate when the aims are achieved with nothing further planned', () => {
    const r = recommendInvolvement({ ...green, aimsAchieved: true });
    expect(r).toMatchObject({ recommendation: 'exit', celebrate: true });
  });
  it('red and declining only this year is a review, not an exit', () => {
    expect(recommendInvolvement({ ...green, overallBand: 'red', overallTrend: 'declined', previous: { band: 'amber', trend: 'declined' } }).recommendation).toBe('review');
  });
});

describe('not applicable and low confidence (issue 18 item 5)', () => {
  it.each([
    ['F2', { f2Mean: undefined, f2NotApplicable: true }, 'Whether the work still supports a council priority'],
    ['M4', { m4Mean: undefined, m4NotApplicable: true }, 'Whether the benefits outweigh the costs'],
  ])('%s rated not applicable by everyone is no way round the review rule', (_, change, id) => {
    const r = recommendInvolvement({ ...green, ...change });
    expect(r.recommendation).toBe('review');
    expect(r.reasons.join(' ')).toContain(`${id} was rated not applicable`);
    expect(r.reasons.join(' ')).not.toMatch(/\b(F2|M4)\b/);
  });

  it('low confidence caps the recommendation at an improvement plan, and says why', () => {
    const note = lowConfidenceText(['Partners', 'Communication and involvement'], 4);
    expect(note).toBe('Low confidence in Partners and in Communication and involvement: more than 2 statements in each were not applicable or not known');
    const r = recommendInvolvement({ ...green, lowConfidence: note });
    expect(r.recommendation).toBe('improve');
    expect(r.reasons).toContain(`${note}, so there is too little evidence to continue without an improvement plan`);
  });

  it('with nothing scored it neither continues nor claims the score is green', () => {
    const r = recommendInvolvement({ sectionBands: [undefined, undefined, undefined, undefined], highResidualRisk: false, aimsAchieved: false, lowConfidence: lowConfidenceText(['F', 'P', 'C', 'M'], 4) });
    expect(r.recommendation).toBe('improve');
    expect(r.reasons.join(' ')).not.toContain('green');
    expect(r.reasons[0]).toBe('Not scored: every statement was rated not applicable');
  });

  it('a low-confidence year still goes to review or exit when those rules apply', () => {
    expect(recommendInvolvement({ ...green, overallBand: 'red', lowConfidence: lowConfidenceText(['Partners'], 4) }).recommendation).toBe('review');
  });
});
