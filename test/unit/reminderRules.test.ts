import { describe, expect, it } from 'vitest';
import {
  draftIdleCutoff,
  draftReminderFor,
  isSensibleSnooze,
  nextDailyRun,
  reminderTypeOfKey,
  reviewReminderFor,
  reviewWindowEnd,
  ukDay,
  ukWallTime,
} from '../../src/reminders/reminderRules.js';
import { reminderCard } from '../../cards/reminderCard.js';
import { unreachableOfficersCard } from '../../cards/unreachableOfficersCard.js';
import { cardProblems } from '../support/cardValidation.js';
import { textOf } from '../support/botHarness.js';

const REVIEW = '2027-03-14';

describe('which review reminder is due', () => {
  it.each([
    ['31 days before', '2027-02-11', undefined],
    ['exactly 30 days before', '2027-02-12', 'review-due.p1.2027-03-14'],
    ['the day before', '2027-03-13', 'review-due.p1.2027-03-14'],
    ['the day of the review', '2027-03-14', 'review-due.p1.2027-03-14'],
    ['the day after', '2027-03-15', 'review-overdue.p1.2027-03-14.0'],
    ['14 days after', '2027-03-28', 'review-overdue.p1.2027-03-14.0'],
    ['15 days after', '2027-03-29', 'review-overdue.p1.2027-03-14.1'],
    ['29 days after', '2027-04-12', 'review-overdue.p1.2027-03-14.2'],
  ])('%s: %s', (_when, today, key) => {
    expect(reviewReminderFor('p1', REVIEW, today)?.key).toBe(key);
  });

  it('names the type and keeps one key for the whole due period', () => {
    expect(reviewReminderFor('p1', REVIEW, '2027-02-20')?.type).toBe('reviewDue');
    expect(reviewReminderFor('p1', REVIEW, '2027-03-20')?.type).toBe('reviewOverdue');
    expect(reviewReminderFor('p1', '2027-04-01', '2027-03-20')?.key).not.toBe(reviewReminderFor('p1', REVIEW, '2027-03-01')?.key);
  });

  it('looks 30 days ahead for the register query', () => {
    expect(reviewWindowEnd('2027-02-12')).toBe(REVIEW);
  });
});

describe('which unfinished draft gets a nudge', () => {
  const changed = '2026-11-20T16:30:00.000Z';
  it.each([
    ['6 days later', '2026-11-26', false],
    ['exactly 7 days later', '2026-11-27', true],
    ['8 days later', '2026-11-28', true],
  ])('%s: %s', (_when, today, due) => {
    expect(draftReminderFor('d1', changed, today) !== undefined).toBe(due);
  });

  it('keeps one key per stretch of inactivity and a new one after the draft changes', () => {
    expect(draftReminderFor('d1', changed, '2026-11-27')?.key).toBe(draftReminderFor('d1', changed, '2026-12-20')?.key);
    expect(draftReminderFor('d1', '2026-11-21T09:00:00.000Z', '2026-12-20')?.key).not.toBe(draftReminderFor('d1', changed, '2026-12-20')?.key);
    expect(reminderTypeOfKey(draftReminderFor('d1', changed, '2026-11-27')!.key)).toBe('draftUnfinished');
  });

  it('queries drafts changed before the UK day that makes them 7 days idle', () => {
    expect(draftIdleCutoff('2026-11-27')).toBe('2026-11-21T00:00:00.000Z');
    // In summer UK midnight is 23:00 the day before in UTC.
    expect(draftIdleCutoff('2026-07-08')).toBe('2026-07-01T23:00:00.000Z');
  });
});

describe('keys, snoozes and times', () => {
  it('recognises only reminder keys', () => {
    expect(reminderTypeOfKey('review-due.p1.2027-03-14')).toBe('reviewDue');
    expect(reminderTypeOfKey('review-overdue.p1.2027-03-14.3')).toBe('reviewOverdue');
    expect(reminderTypeOfKey('approved-p1')).toBeUndefined();
    expect(reminderTypeOfKey('review-due.p1.2027-03-14.x')).toBeUndefined();
  });

  it.each([[1, true], [7, true], [90, true], [0, false], [91, false], [1.5, false], ['7', false], [-7, false]])('a snooze of %s is sensible: %s', (days, ok) => {
    expect(isSensibleSnooze(days)).toBe(ok);
  });

  it('takes the UK day, not the UTC one', () => {
    expect(ukDay(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(ukDay(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });

  it('finds the next daily run in UK time, summer and winter', () => {
    const at = { hours: 7, minutes: 30 };
    expect(nextDailyRun(new Date('2026-12-01T06:00:00Z'), at).toISOString()).toBe('2026-12-01T07:30:00.000Z');
    expect(nextDailyRun(new Date('2026-12-01T07:30:00Z'), at).toISOString()).toBe('2026-12-02T07:30:00.000Z');
    expect(nextDailyRun(new Date('2026-07-01T05:00:00Z'), at).toISOString()).toBe('2026-07-01T06:30:00.000Z');
    // The clocks go forward on 29 March 2026: the run the next morning is at 06:30 UTC.
    expect(nextDailyRun(new Date('2026-03-28T08:00:00Z'), at).toISOString()).toBe('2026-03-29T06:30:00.000Z');
    expect(ukWallTime('2026-10-25', 7, 30).toISOString()).toBe('2026-10-25T07:30:00.000Z');
  });
});

describe('reminder cards', () => {
  const keys = { reminderKey: 'review-due.p1.2027-03-14', notificationKey: 'review-due.p1.2027-03-14' };

  it('says when the review is due, in UK dates, with a button that starts the self-assessment', () => {
    const card = reminderCard({ type: 'reviewDue', partnershipName: 'Community Safety Partnership', reviewDate: REVIEW, ...keys });
    expect(cardProblems(card)).toEqual([]);
    expect(textOf({ type: 'message', attachments: [{ contentType: 'x', content: card }] })).toContain('The Community Safety Partnership is due for review on 14 March 2027.');
    expect(JSON.stringify(card.actions)).toContain('"command":"self-assessment for Community Safety Partnership"');
    expect(JSON.stringify(card.actions)).toContain('"days":7');
  });

  it('says how overdue a review is and offers a resume button for a draft', () => {
    const overdue = reminderCard({ type: 'reviewOverdue', partnershipName: 'Youth Forum', reviewDate: REVIEW, daysOverdue: 1, ...keys });
    expect(cardProblems(overdue)).toEqual([]);
    expect(JSON.stringify(overdue)).toContain('The review of the Youth Forum was due on 14 March 2027 and is 1 day overdue.');
    const draft = reminderCard({ type: 'draftUnfinished', draftId: 'd1', description: 'New partnership for Essex Police', lastChanged: '2026-11-20T10:00:00Z', ...keys });
    expect(cardProblems(draft)).toEqual([]);
    expect(JSON.stringify(draft)).toContain('20 November 2026');
    expect(JSON.stringify(draft.actions)).toContain('"verb":"resume","draftId":"d1"');
  });

  it('lists the officers Teams would not reach', () => {
    const card = unreachableOfficersCard({ names: ['Priya Shah', 'Sam Patel', 'Alex Green'] });
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Priya Shah, Sam Patel and Alex Green');
  });
});
