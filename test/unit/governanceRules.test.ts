import { describe, expect, it } from 'vitest';
import { actionCounts, actionReminderFor, daysOverdue, describeActionCounts, doneOnTime, isOverdue, returnReminderFor, returnsRate, shouldRaiseMissingReturn, shouldRaiseWithDirector, type ActionFacts } from '../../src/domain/actionRules.js';
import { applyRiskReview, registerRisksFrom, riskTrend, significanceAfterRisk } from '../../src/domain/riskReview.js';
import { assessRisks } from '../../src/domain/riskAssessment.js';
import { assuranceRating } from '../../src/domain/assurance.js';
import { loadRiskScale } from '../../src/domain/riskScale.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { freeWordsOf } from '../../src/language/freeWords.js';
import { riskReviewFromAnswers, riskReviewPrefill } from '../../src/assessments/riskReviewAnswers.js';
import { loadBank } from '../support/questionnaireDriver.js';

const open = (due: string): ActionFacts => ({ status: 'open', due });
const done = (due: string, closedAt: string): ActionFacts => ({ status: 'done', due, closedAt });

describe('the action log rules', () => {
  it('an action is overdue from the day after its due date, and only while open', () => {
    expect(isOverdue(open('2027-05-01'), '2027-05-01')).toBe(false);
    expect(isOverdue(open('2027-05-01'), '2027-05-02')).toBe(true);
    expect(isOverdue(done('2027-05-01', '2027-06-01T10:00:00Z'), '2027-06-02')).toBe(false);
    expect(daysOverdue(open('2027-05-01'), '2027-05-31')).toBe(30);
  });

  it('is raised with the Assistant Director when overdue by more than the threshold, not at it', () => {
    expect(shouldRaiseWithDirector(open('2027-05-01'), '2027-05-31', 30)).toBe(false);
    expect(shouldRaiseWithDirector(open('2027-05-01'), '2027-06-01', 30)).toBe(true);
    expect(shouldRaiseWithDirector(open('2027-05-01'), '2027-05-10', 7)).toBe(true);
    expect(shouldRaiseWithDirector(done('2027-05-01', '2027-07-01T00:00:00Z'), '2027-08-01', 30)).toBe(false);
  });

  it('reminds the owner once in the week before and every 14 days after, each under its own key', () => {
    expect(actionReminderFor('p.a', open('2027-05-20'), '2027-05-12')).toBeUndefined();
    expect(actionReminderFor('p.a', open('2027-05-20'), '2027-05-13')).toEqual({ type: 'actionDue', key: 'action-due.p.a.2027-05-20' });
    expect(actionReminderFor('p.a', open('2027-05-20'), '2027-05-20')?.type).toBe('actionDue');
    const first = actionReminderFor('p.a', open('2027-05-20'), '2027-05-21');
    expect(first).toEqual({ type: 'actionOverdue', key: 'action-overdue.p.a.2027-05-20.0' });
    expect(actionReminderFor('p.a', open('2027-05-20'), '2027-06-03')?.key).toBe(first!.key);
    expect(actionReminderFor('p.a', open('2027-05-20'), '2027-06-04')?.key).toBe('action-overdue.p.a.2027-05-20.1');
    expect(actionReminderFor('p.a', done('2027-05-20', '2027-05-01T00:00:00Z'), '2027-05-21')).toBeUndefined();
  });

  it('the share done on time counts the actions done or past due; dropped ones count on neither side', () => {
    const today = '2027-06-01';
    const actions: ActionFacts[] = [
      done('2027-05-01', '2027-04-30T15:00:00Z'), // on time
      done('2027-05-01', '2027-05-01T22:30:00Z'), // on the day: on time
      done('2027-05-01', '2027-05-03T09:00:00Z'), // late
      open('2027-05-15'), // overdue
      open('2027-07-01'), // not yet due
      { status: 'dropped', due: '2027-04-01', closedAt: '2027-04-02T00:00:00Z' },
    ];
    expect(doneOnTime(actions[1]!)).toBe(true);
    const counts = actionCounts(actions, today);
    expect(counts).toEqual({ open: 2, overdue: 1, done: 3, dropped: 1, onTimePercent: 50 });
    expect(describeActionCounts(counts)).toBe('2 open (1 overdue); 3 done; 50% done on time');
    expect(actionCounts([open('2027-07-01')], today)).toEqual({ open: 1, overdue: 0, done: 0, dropped: 0 });
    expect(describeActionCounts(actionCounts([], today))).toBe('0 open; 0 done; none due yet');
  });

  it('missing returns: reminded from a fortnight in, every 14 days; raised at the threshold; the rate', () => {
    expect(returnReminderFor('2027-28', 'p', 'o', 13)).toBeUndefined();
    expect(returnReminderFor('2027-28', 'p', 'o', 14)?.key).toBe('return-missing.2027-28.p.o.1');
    expect(returnReminderFor('2027-28', 'p', 'o', 27)?.key).toBe('return-missing.2027-28.p.o.1');
    expect(returnReminderFor('2027-28', 'p', 'o', 28)?.key).toBe('return-missing.2027-28.p.o.2');
    expect(shouldRaiseMissingReturn(27, 28)).toBe(false);
    expect(shouldRaiseMissingReturn(28, 28)).toBe(true);
    expect(returnsRate(3, 1)).toBe(33);
    expect(returnsRate(0, 0)).toBeUndefined();
  });
});

describe('the risk review', () => {
  const scale = loadRiskScale('config/risk-scale.json');
  const at = '2027-04-06T09:00:00Z';
  const risk = (category: string, l: number, i: number, rl: number, ri: number) => ({ category, description: `${category} risk`, likelihood: l, impact: i, residualLikelihood: rl, residualImpact: ri });
  const current = registerRisksFrom(assessRisks([risk('financial', 3, 3, 3, 3), risk('people', 2, 2, 1, 1)], scale).risks, '2026-04-01T00:00:00Z');

  it('re-rates, closes and adds risks, and works out the overall rating from the open ones', () => {
    const change = applyRiskReview(current, [
      { category: 'financial', stillRelevant: true, rated: risk('financial', 2, 2, 1, 2) },
      { category: 'people', stillRelevant: false },
      { category: 'reputational', stillRelevant: true, rated: risk('reputational', 4, 4, 4, 4) },
    ], scale, at);
    expect(change.overall).toBe('very-high');
    expect(change.risks.find((r) => r.category === 'people')).toMatchObject({ status: 'closed', reviewedAt: at });
    expect(change.risks.find((r) => r.category === 'financial')).toMatchObject({ residualBand: 'low', raisedAt: '2026-04-01T00:00:00Z' });
    expect(change.newlyEscalating.map((r) => r.category)).toEqual(['reputational']);
  });

  it('a risk already high that stays high is not sent again; one raised from high to very high is', () => {
    expect(applyRiskReview(current, [{ category: 'financial', stillRelevant: true, rated: risk('financial', 3, 3, 3, 3) }], scale, at).newlyEscalating).toEqual([]);
    expect(applyRiskReview(current, [{ category: 'financial', stillRelevant: true, rated: risk('financial', 4, 3, 4, 3) }], scale, at).newlyEscalating.map((r) => r.residualBand)).toEqual(['very-high']);
  });

  it('with every risk closed there is no overall rating', () => {
    expect(applyRiskReview(current, [{ category: 'financial', stillRelevant: false }, { category: 'people', stillRelevant: false }], scale, at).overall).toBeUndefined();
  });

  it('significance follows the risk where the risk was the reason, and only there', () => {
    const reason = 'its overall risk is high or very high';
    expect(significanceAfterRisk({ level: 'medium', reasons: ['it involves council resources'] }, true)).toEqual({ level: 'high', reasons: [reason] });
    expect(significanceAfterRisk({ level: 'high', reasons: ['it is a statutory partnership'] }, true)).toEqual({ level: 'high', reasons: ['it is a statutory partnership', reason] });
    expect(significanceAfterRisk({ level: 'high', reasons: ['it is a statutory partnership', reason] }, false)).toEqual({ level: 'high', reasons: ['it is a statutory partnership'] });
    expect(significanceAfterRisk({ level: 'high', reasons: [reason] }, false).level).toBe('medium');
    expect(significanceAfterRisk({ level: 'low', reasons: ['no council cash'] }, false)).toEqual({ level: 'low', reasons: ['no council cash'] });
  });

  it('the trend between two overall ratings', () => {
    expect(riskTrend(scale, 'low', 'very-high')).toBe('worsening');
    expect(riskTrend(scale, 'high', 'medium')).toBe('improving');
    expect(riskTrend(scale, 'high', 'high')).toBe('unchanged');
    expect(riskTrend(scale, undefined, 'low')).toBe('worsening');
  });

  it('the self-assessment bank v3 reads a review from answers, and prefills it from the register', () => {
    const bank = loadBank('banks', 'self-assessment', 3);
    const answers = riskReviewPrefill(bank, current);
    expect(answers['RR_CATS']).toEqual(['financial', 'people']);
    expect(answers['RR_financial_desc']).toBe('financial risk');
    expect(answers['RR_financial_rl']).toBe('3');
    const reviewed = riskReviewFromAnswers(bank, { ...answers, RR_DO: 'yes', RR_financial_still: 'yes', RR_people_still: 'no' });
    expect(reviewed).toEqual([
      { category: 'financial', stillRelevant: true, rated: expect.objectContaining({ likelihood: 3, impact: 3, residualLikelihood: 3, residualImpact: 3 }) },
      { category: 'people', stillRelevant: false },
    ]);
    // Not reviewing the risks reviews none of them.
    expect(riskReviewFromAnswers(bank, { ...answers, RR_DO: 'no' })).toEqual([]);
  });
});

describe('the assurance rating', () => {
  it('from the band, the risk and what is overdue', () => {
    expect(assuranceRating({ band: 'green', highRisk: false, overdueActions: 0, reviewOverdue: false }).rating).toBe('substantial');
    expect(assuranceRating({ band: 'green', highRisk: true, overdueActions: 0, reviewOverdue: false }).rating).toBe('reasonable');
    expect(assuranceRating({ band: 'amber', highRisk: false, overdueActions: 0, reviewOverdue: false }).rating).toBe('reasonable');
    expect(assuranceRating({ band: 'amber', highRisk: false, overdueActions: 2, reviewOverdue: false })).toEqual({ rating: 'limited', reasons: ['its self-assessment is developing', '2 actions are overdue'] });
    expect(assuranceRating({ band: 'red', highRisk: false, overdueActions: 0, reviewOverdue: false }).rating).toBe('limited');
    expect(assuranceRating({ highRisk: false, overdueActions: 0, reviewOverdue: true }).rating).toBe('none');
  });
});

describe('the governance thresholds are configuration checked at start-up', () => {
  it('default to 30 days for actions and 28 for returns', () => {
    expect(loadConfig({}).governance).toEqual({ actionEscalationDays: 30, returnEscalationDays: 28 });
    expect(loadConfig({ ACTION_ESCALATION_DAYS: '45', RETURN_ESCALATION_DAYS: '21' }).governance).toEqual({ actionEscalationDays: 45, returnEscalationDays: 21 });
  });

  it.each([['ACTION_ESCALATION_DAYS', '0'], ['ACTION_ESCALATION_DAYS', 'soon'], ['RETURN_ESCALATION_DAYS', '400'], ['RETURN_ESCALATION_DAYS', '2.5']])('refuses %s=%s, naming the setting', (setting, value) => {
    expect(() => loadConfig({ [setting]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [setting]: value })).toThrow(`Setting ${setting} is invalid`);
  });
});

describe('closing an action and naming a meeting in words', () => {
  it.each([
    ['close action 2 on CSP: minutes of 3 May', { actionNumber: '2', outcome: 'done', note: 'minutes of 3 May' }],
    ['action 3 for CSP is done, evidence the signed agreement', { actionNumber: '3', outcome: 'done', note: 'the signed agreement' }],
    ['drop action 4 on CSP because the funding ended', { actionNumber: '4', outcome: 'dropped', note: 'the funding ended' }],
    ['close the action on CSP', { outcome: 'done' }],
    ['mark action 2 on CSP as done, evidence the minutes', { actionNumber: '2', outcome: 'done', note: 'the minutes' }],
  ])('"%s"', (text, expected) => {
    expect(freeWordsOf('actionClose', text)).toEqual(expected);
  });

  it('the meeting a report is for, and not a year', () => {
    expect(freeWordsOf('meeting', 'committee report for the Audit and Governance Committee on 14 July 2027')).toEqual({ meeting: 'Audit and Governance Committee on 14 July 2027' });
    expect(freeWordsOf('meeting', 'committee report for 2026/27')).toEqual({});
    expect(freeWordsOf('meeting', 'committee report for last year')).toEqual({});
    expect(freeWordsOf('meeting', 'committee report')).toEqual({});
  });
});
