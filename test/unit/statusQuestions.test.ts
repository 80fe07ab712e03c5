import { describe, expect, it } from 'vitest';
import { DUE_REVIEW_PHRASINGS } from '../support/statusPhrasings.js';
import { recogniseIntent } from '../../src/conversation/intents.js';
import { recogniseStatusQuestion, suggestStatusQuestions } from '../../src/conversation/statusQuestions.js';
import { editDistance } from '../../src/conversation/spellingCorrection.js';
import { horizonDate } from '../../src/domain/reviewHorizon.js';
import { statusQuestionSchema } from '../../src/status/statusQuestionSchema.js';

const SIXTY_DAYS = { kind: 'dueReview', horizon: { amount: 60, unit: 'day' } };

describe('status questions in plain words', () => {
  it.each(DUE_REVIEW_PHRASINGS)('"%s" asks which reviews are due in the default 60 days', (text) => {
    expect(recogniseStatusQuestion(text)).toEqual(SIXTY_DAYS);
    expect(recogniseIntent(text)).toEqual({ name: 'status', question: SIXTY_DAYS });
  });

  it.each([
    ['what is due for review in the next 3 months', { amount: 3, unit: 'month' }],
    ['reviews due in the next 30 days', { amount: 30, unit: 'day' }],
    ['partnerships due reviw next fortnight', { amount: 14, unit: 'day' }],
    ['reviews due this quarter', { amount: 3, unit: 'month' }],
    ['due review within two weeks', { amount: 2, unit: 'week' }],
    ['which are due for review next month', { amount: 1, unit: 'month' }],
    ['reviews due before 31 March 2027', { until: '2027-03-31' }],
  ])('"%s" looks ahead %j', (text, horizon) => {
    expect(recogniseStatusQuestion(text)).toEqual({ kind: 'dueReview', horizon });
  });

  it.each(['overdue reviews', 'which reviews are overdue', 'ovredue', 'late reviews', 'what is past due', 'show overdue partnerships', 'Which partnership reviews have we missed?'])(
    '"%s" asks for overdue reviews',
    (text) => {
      expect(recogniseStatusQuestion(text)).toEqual({ kind: 'overdue' });
    },
  );

  it.each(['my partnerships', 'mine', 'which partnerships am i on', 'partnerships I lead', 'show my partnerships', 'my partnerhsips', 'What partnerships do I work on?'])(
    '"%s" asks for my partnerships',
    (text) => {
      expect(recogniseStatusQuestion(text)).toEqual({ kind: 'mine' });
    },
  );

  it('narrows a due-review question to the asker\'s own when they say "my"', () => {
    expect(recogniseStatusQuestion('which of my partnerships are due review')).toEqual({ ...SIXTY_DAYS, onlyMine: true });
  });

  it.each([
    ['high risk ones', { risks: ['high', 'very-high'] }],
    ['high-risk partnerships', { risks: ['high', 'very-high'] }],
    ['which partnerships are risky', { risks: ['high', 'very-high'] }],
    ['hihg risk partnerships', { risks: ['high', 'very-high'] }],
    ['very high risk partnerships', { risks: ['very-high'] }],
    ['low risk partnerships', { risks: ['low'] }],
    ['active partnerships', { statuses: ['active'] }],
    ['show partnerships under review', { statuses: ['under-review'] }],
    ['closed partnerships', { statuses: ['closed'] }],
    ['high significance partnerships', { significance: ['high'] }],
    ['partnerships in the forming stage', { stages: ['forming'] }],
    ['failing ones', { stages: ['failing'] }],
    ['partnerships supporting early intervention', { priority: 'early-intervention' }],
    ['active high risk partnerships in the functioning stage', { statuses: ['active'], risks: ['high', 'very-high'], stages: ['functioning'] }],
    ['show the register', {}],
    ['list all partnerships', {}],
  ])('"%s" filters the register by %j', (text, filter) => {
    expect(recogniseStatusQuestion(text)).toEqual({ kind: 'register', filter });
  });

  it.each([
    ['show the Community Safety Partnership', 'Community Safety Partnership'],
    ['Tell me about the Youth Forum.', 'Youth Forum'],
    ['tell me about CSP', 'CSP'],
    ['details of the Youth Forum', 'Youth Forum'],
    ['show the Active Travel Partnership', 'Active Travel Partnership'],
  ])('"%s" asks to see one partnership, its name kept as typed', (text, partnershipName) => {
    expect(recogniseStatusQuestion(text)).toEqual({ kind: 'show', partnershipName });
  });

  it.each([
    ['score history for CSP', 'CSP'],
    ['scores for the Community Safety Partnership', 'Community Safety Partnership'],
    ['CSP score history', 'CSP'],
    ['how has the Youth Forum scored', 'Youth Forum'],
  ])('"%s" asks for the score history', (text, partnershipName) => {
    expect(recogniseStatusQuestion(text)).toEqual({ kind: 'scoreHistory', partnershipName });
  });

  it.each([
    ['exits this year', { relativeYear: 'this' }],
    ['which partnerships have we exited this year', { relativeYear: 'this' }],
    ['what exits were there last year', { relativeYear: 'last' }],
    ['exits in 2025/26', { year: '2025/26' }],
    ['lessons from exits', { relativeYear: 'this' }],
  ])('"%s" asks about exits %j', (text, year) => {
    expect(recogniseStatusQuestion(text)).toEqual({ kind: 'exits', ...year });
  });

  it.each([
    ['new partnership', 'newPartnership'],
    ['register a partnership with Essex Police', 'newPartnership'],
    ['self-assessment for CSP', 'selfAssessment'],
    ['annual review of CSP', 'selfAssessment'],
    ['show the exit document for Youth Forum', 'showExitDocument'],
    ["we're leaving the Youth Forum partnership", 'exitInterview'],
    ['add Sam Patel to the Community Safety Partnership', 'addOfficer'],
  ])('"%s" is still %s, not a status question', (text, name) => {
    expect(recogniseIntent(text).name).toBe(name);
  });

  it('offers the likely questions when unsure, best first, at most three', () => {
    expect(recogniseIntent('risk')).toMatchObject({ name: 'statusUnsure' });
    expect(suggestStatusQuestions('risk').map((s) => s.command)).toEqual(['high risk partnerships', 'which partnerships are due review', 'my partnerships']);
    expect(suggestStatusQuestions('partnerships')).toHaveLength(3);
    expect(suggestStatusQuestions('hello there')).toEqual([]);
    expect(recogniseIntent('hello there').name).toBe('unknown');
  });
});

describe('the pieces underneath', () => {
  it('counts a swapped pair of letters as one slip', () => {
    expect(editDistance('reveiw', 'review')).toBe(1);
    expect(editDistance('partnerhsips', 'partnerships')).toBe(1);
    expect(editDistance('risk', 'disk')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
  });

  it('works out the last day of a look-ahead, month ends included', () => {
    expect(horizonDate({ amount: 60, unit: 'day' }, '2026-11-27')).toBe('2027-01-26');
    expect(horizonDate({ amount: 1, unit: 'month' }, '2027-01-31')).toBe('2027-02-28');
    expect(horizonDate({ amount: 2, unit: 'week' }, '2026-12-25')).toBe('2027-01-08');
    expect(horizonDate({ until: '2027-03-31' }, '2026-11-27')).toBe('2027-03-31');
  });

  it('accepts only well-formed questions from card buttons', () => {
    expect(statusQuestionSchema.safeParse({ kind: 'register', filter: { statuses: ['active'] } }).success).toBe(true);
    expect(statusQuestionSchema.safeParse({ kind: 'register', filter: { statuses: ['deleted'] } }).success).toBe(false);
    expect(statusQuestionSchema.safeParse({ kind: 'dueReview', horizon: { amount: -3, unit: 'day' } }).success).toBe(false);
    expect(statusQuestionSchema.safeParse({ kind: 'show', partnershipName: 'x'.repeat(500) }).success).toBe(false);
    expect(statusQuestionSchema.safeParse({ kind: 'mine', __proto__: { polluted: true }, extra: 1 }).success).toBe(false);
  });
});
