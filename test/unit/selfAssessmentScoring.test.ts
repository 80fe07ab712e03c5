import { describe, expect, it } from 'vitest';
import { assessmentYearOf } from '../../src/domain/assessmentYear.js';
import { bandOf, combineRatings, combineResponses, formatPoints, parseRating, scoreStatements, type StatementRating } from '../../src/domain/selfAssessmentScoring.js';

const AREAS = ['F', 'P', 'C', 'M'];
const IDS = AREAS.flatMap((a) => [1, 2, 3, 4, 5, 6, 7].map((n) => `${a}${n}`));
const AREA_OF = Object.fromEntries(IDS.map((id) => [id, id[0]!]));

function allRated(rating: StatementRating, overrides: Record<string, StatementRating> = {}) {
  return combineResponses([Object.fromEntries(IDS.map((id) => [id, overrides[id] ?? rating]))], IDS);
}

describe('combining officers\' ratings', () => {
  it('takes the mean per statement', () => {
    expect(combineRatings([3, 2]).mean).toBe(2.5);
    // Kept exact (issue 18 item 1): a mean rounded to 2.3 before summing moved scores across bands.
    expect(combineRatings([3, 2, 2]).mean).toBeCloseTo(7 / 3, 10);
  });
  it('flags views differ when highest and lowest are 2 or more apart, not at 1', () => {
    expect(combineRatings([3, 1]).viewsDiffer).toBe(true);
    expect(combineRatings([0, 2, 1]).viewsDiffer).toBe(true);
    expect(combineRatings([3, 2]).viewsDiffer).toBe(false);
    expect(combineRatings([3]).viewsDiffer).toBe(false);
  });
  it('counts don\'t know as 0 and flags it, but not as a differing view', () => {
    const c = combineRatings([3, 'dk']);
    expect(c.mean).toBe(1.5);
    expect(c.dontKnow).toBe(true);
    expect(c.viewsDiffer).toBe(false);
  });
  it('leaves not applicable out, and a statement everyone calls not applicable has no score', () => {
    expect(combineRatings(['na', 2]).mean).toBe(2);
    const none = combineRatings(['na', 'na']);
    expect(none.notApplicable).toBe(true);
    expect(none.mean).toBeUndefined();
  });
  it('reads ratings from card values and refuses anything else', () => {
    expect(parseRating('3')).toBe(3);
    expect(parseRating('na')).toBe('na');
    expect(parseRating('4')).toBeUndefined();
    expect(parseRating('')).toBeUndefined();
  });
});

describe('section and overall scores', () => {
  it('scores all 3s as 100%, 84 / 84 points, green', () => {
    const s = scoreStatements(allRated(3), AREA_OF, AREAS);
    expect(s.sections.map((x) => x.percent)).toEqual([100, 100, 100, 100]);
    expect(s.overall).toEqual({ percent: 100, exactPercent: 100, points: 84, maxPoints: 84, band: 'green' });
  });
  it('section % = points / (3 x applicable) x 100, with n/a out of the maximum', () => {
    const s = scoreStatements(allRated(2, { F1: 'na', F2: 3 }), AREA_OF, AREAS);
    const f = s.sections[0]!;
    expect(f.applicable).toBe(6);
    expect(f.points).toBe(13);
    expect(f.maxPoints).toBe(18);
    expect(f.percent).toBe(72);
  });
  it('overall % is the mean of the section percentages, and raw points are shown', () => {
    const s = scoreStatements(allRated(3, { M1: 0, M2: 0, M3: 0, M4: 0, M5: 0, M6: 0, M7: 0 }), AREA_OF, AREAS);
    expect(s.sections[3]!.percent).toBe(0);
    expect(s.overall.percent).toBe(75);
    expect(formatPoints(s.overall.points, s.overall.maxPoints)).toBe('63 / 84');
    expect(formatPoints(62.5, 84)).toBe('62.5 / 84');
  });
  it('low confidence when more than 2 statements in a section are n/a or don\'t know', () => {
    expect(scoreStatements(allRated(2, { P1: 'na', P2: 'dk' }), AREA_OF, AREAS).sections[1]!.lowConfidence).toBe(false);
    const three = scoreStatements(allRated(2, { P1: 'na', P2: 'dk', P3: 'dk' }), AREA_OF, AREAS).sections[1]!;
    expect(three.lowConfidence).toBe(true);
    expect(three.gaps).toBe(3);
  });
  it('a section with nothing applicable has no percentage and is left out of the overall', () => {
    const s = scoreStatements(allRated(3, Object.fromEntries(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'].map((id) => [id, 'na' as const]))), AREA_OF, AREAS);
    expect(s.sections[2]!.percent).toBeUndefined();
    expect(s.overall.percent).toBe(100);
  });
});

describe('bands', () => {
  it.each([
    [100, 'green'], [75, 'green'], [74, 'amber'], [50, 'amber'], [49, 'red'], [0, 'red'],
  ] as const)('%i%% is %s', (percent, band) => {
    expect(bandOf(percent)).toBe(band);
  });
});

describe('assessment year', () => {
  it.each([
    ['2026-11-26', '2026/27'], ['2027-03-31', '2026/27'], ['2027-04-01', '2027/28'], ['2099-12-01', '2099/00'],
  ])('%s is in %s', (date, year) => expect(assessmentYearOf(date)).toBe(year));
});

describe('scores are computed and banded on exact values, and rounded once for display (issue 18, item 1)', () => {
  it('four officers, six Foundations statements rated 3, 2, 2, 2 and one rated 2: 15.5 / 21 = 73.8%, developing', () => {
    const officers = [3, 2, 2, 2].map((first) => Object.fromEntries(IDS.map((id) => [id, (id.startsWith('F') && id !== 'F7' ? first : 2) as StatementRating])));
    const s = scoreStatements(combineResponses(officers, IDS), AREA_OF, AREAS);
    const f = s.sections[0]!;
    expect(formatPoints(f.points, f.maxPoints)).toBe('15.5 / 21');
    expect(f.percent).toBe(74);
    expect(f.band).toBe('amber');
  });

  it('one officer, C1 not applicable (F 14/21, P 14/21, C 15/18, M 17/21): overall 74.4%, developing', () => {
    const ratings: Record<string, StatementRating> = {
      ...Object.fromEntries(IDS.map((id) => [id, 2 as StatementRating])),
      C1: 'na', C2: 3, C3: 3, C4: 3,
      M1: 3, M2: 3, M3: 3,
    };
    const s = scoreStatements(combineResponses([ratings], IDS), AREA_OF, AREAS);
    expect(s.sections.map((x) => `${x.points}/${x.maxPoints}`)).toEqual(['14/21', '14/21', '15/18', '17/21']);
    expect(s.overall.percent).toBe(74);
    expect(s.overall.band).toBe('amber');
  });

  it('a number shown never contradicts its band: an exact 74.8% overall shows as 74%, developing, not 75%', () => {
    // F 1/21, P 21/21, C 21/21, M 17/18 (M1 not applicable): the mean of the sections is 74.80%.
    const ratings: Record<string, StatementRating> = {
      ...Object.fromEntries(IDS.map((id) => [id, 3 as StatementRating])),
      F1: 1, F2: 0, F3: 0, F4: 0, F5: 0, F6: 0, F7: 0,
      M1: 'na', M7: 2,
    };
    const s = scoreStatements(combineResponses([ratings], IDS), AREA_OF, AREAS);
    expect(s.sections.map((x) => x.percent)).toEqual([5, 100, 100, 94]);
    expect([s.overall.percent, s.overall.band]).toEqual([74, 'amber']);
  });
});
