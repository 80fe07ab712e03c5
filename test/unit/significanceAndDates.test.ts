import { describe, expect, it } from 'vitest';
import { significanceOf, type SignificanceFacts } from '../../src/domain/significance.js';
import { loadRiskScale } from '../../src/domain/riskScale.js';
import { significanceFacts } from '../../src/partnerships/newPartnershipService.js';
import { BankCatalogue } from '../../src/questionnaire/bankCatalogue.js';
import type { Answers } from '../../src/questionnaire/bankSchema.js';
import { conditionHolds } from '../../src/questionnaire/conditions.js';
import { addMonths, firstReviewDue } from '../../src/domain/reviewDates.js';

const none: SignificanceFacts = { councilCash: 0, holdsMoneyStaffOrAssets: false, statutory: false, liabilities: false, informationSharingOnly: true, highRisk: false };

describe('significance', () => {
  it.each<[Partial<SignificanceFacts>, string]>([
    [{}, 'low'],
    [{ councilCash: 9_999.99, informationSharingOnly: false }, 'medium'],
    [{ councilCash: 10_000 }, 'high'],
    [{ councilCash: 1 }, 'medium'],
    [{ liabilities: true }, 'medium'],
    [{ informationSharingOnly: false }, 'medium'],
    [{ councilRole: 'accountable-body' }, 'high'],
    [{ councilRole: 'member' }, 'low'],
    [{ holdsMoneyStaffOrAssets: true }, 'high'],
    [{ statutory: true }, 'high'],
    [{ highRisk: true }, 'high'],
  ])('%o is %s', (facts, level) => {
    expect(significanceOf({ ...none, ...facts }, 10_000).level).toBe(level);
  });

  it('gives the reasons for a high rating', () => {
    expect(significanceOf({ ...none, councilCash: 25_000, statutory: true }, 10_000).reasons).toEqual([
      'council cash of £25,000 a year is at or over the £10,000 threshold',
      'it is a statutory partnership',
    ]);
  });
});

describe('review dates', () => {
  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2026-11-26', 12)).toBe('2027-11-26');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 3)).toBe('2027-03-15');
  });

  it('uses the planned first review when it comes before the usual interval', () => {
    expect(firstReviewDue('2026-11-26', '2027-03-31', 12)).toBe('2027-03-31');
    expect(firstReviewDue('2026-11-26', '2028-03-31', 12)).toBe('2027-11-26');
    expect(firstReviewDue('2026-11-26', 'open-ended', 12)).toBe('2027-11-26');
    expect(firstReviewDue('2026-11-26', undefined, 12)).toBe('2027-11-26');
  });
});

describe('the short path and significance agree (issue 18 item 11)', () => {
  const bank = BankCatalogue.loadFromDirectory('banks', loadRiskScale('config/risk-scale.json')).latest('new-partnership')!;
  const yesNoUnsure = ['yes', 'no', 'unsure'];
  const combinations: Answers[] = [];
  for (const E1 of [0, 500]) for (const E5 of yesNoUnsure) for (const INFO of yesNoUnsure) for (const E4 of yesNoUnsure) for (const STAT of yesNoUnsure)
    for (const C5 of ['lead', 'accountable-body', 'member', 'observer']) for (const ESS of yesNoUnsure) combinations.push({ E1, E5, INFO, E4, STAT, C5, ESS });

  it('a partnership gets only the core questions exactly when it is of low significance', () => {
    const disagree = combinations.filter((answers) => conditionHolds({ ref: 'notLow' }, answers, bank.conditions) === (significanceOf(significanceFacts(answers, false), 10_000).level === 'low'));
    expect(disagree).toEqual([]);
  });

  it.each<[string, Partial<SignificanceFacts>, string]>([
    ['the council is accountable body', { councilRole: 'accountable-body' }, 'the council is the accountable body'],
    ['it is essential to a priority', { essentialToPriority: true }, 'it is essential to delivering a council priority'],
  ])('high when %s, with that reason', (_, facts, reason) => {
    expect(significanceOf({ ...none, ...facts }, 10_000)).toMatchObject({ level: 'high', reasons: [reason] });
  });

  it('never low while an answer that decides it is "not sure"', () => {
    expect(significanceOf({ ...none, uncertain: ['whether it will employ staff or hold assets'] }, 10_000)).toEqual({
      level: 'medium',
      reasons: ['not yet known whether it will employ staff or hold assets'],
    });
  });
});
