import { describe, expect, it } from 'vitest';
import { textsOf } from '../support/botHarness.js';
import { seedLedPartnership } from '../support/selfAssessmentRun.js';
import { botOnStore } from '../support/storeBot.js';
import { testUser } from '../support/teamsActivities.js';
import { ManualClock } from '../../src/util/clock.js';

const LEAD = testUser('Morgan Fields', 6201);

/**
 * Card fields checked by meaning, not only by shape (issue 20, security report L2): a card can
 * carry anything, so a day that does not exist, a year that is not a council year or a key no
 * reminder has is refused with a sentence saying which, and nothing is read into it or written.
 * Each case is a card press over HTTP; the records it could have touched are read back unchanged.
 */
describe.each(['sqlite', 'cosmos'] as const)('card fields refused for their meaning (%s store)', (storeKind) => {
  const clock = new ManualClock(new Date('2026-11-10T09:00:00Z'));
  const run = botOnStore(storeKind, { clock }, async ({ bot, chatOf }) => {
    await chatOf(LEAD).say('hello');
    await seedLedPartnership(bot, LEAD, 'meaning-1', 'Meaning Partnership', { nextReviewDue: '2026-12-01', createdAt: clock.now().toISOString() });
  });
  const chat = () => run.chatOf(LEAD);
  const partnershipEtag = async () => (await run.bot.app.store.read({ kind: 'partnership', partition: 'meaning-1', id: 'meaning-1' }))?.etag;

  it.each([
    ['0000-00-00', "isn't a real day in the calendar"],
    ['2027-02-31', "isn't a real day in the calendar"],
    ['2027-13-01', "isn't a real day in the calendar"],
    ['31/01/2027', "isn't written as a date"],
  ])('a status page whose date is %s says so, and answers nothing', async (until, said) => {
    const before = await partnershipEtag();
    const replies = await chat().submit({ verb: 'statusPage', question: { kind: 'dueReview', horizon: { until } }, page: 1 });
    const text = textsOf(replies);
    expect(text).toContain(said);
    expect(text).toContain('Nothing was changed.');
    expect(text).toContain('Ask me the question again');
    // Not the generic apology of a crashed turn, and no list of partnerships read with a bad date.
    expect(text).not.toMatch(/something went wrong|Reference/);
    expect(text).not.toContain('Meaning Partnership');
    expect(await partnershipEtag()).toBe(before);
  });

  it('the same status page with a real date answers, so the refusal above was the date alone', async () => {
    const replies = await chat().submit({ verb: 'statusPage', question: { kind: 'dueReview', horizon: { until: '2027-02-28' } }, page: 1 });
    expect(textsOf(replies)).toContain('Meaning Partnership');
  });

  it('a period that ends before it starts is refused in the same words on any question that carries one', async () => {
    const replies = await chat().submit({ verb: 'status', question: { kind: 'query', ask: 'count', filter: { started: { from: '2027-01-01', to: '2026-01-01' } } } });
    expect(textsOf(replies)).toContain('a period that ends before it starts');
  });

  it.each(['2026/27/x', '2026#27', '2026/28', '', '1999/00', 'x'.repeat(300)])('confirming a stage for the year %j says the year is not a council year and changes nothing', async (year) => {
    const before = await partnershipEtag();
    const replies = await chat().submit({ verb: 'confirmStage', partnershipId: 'meaning-1', year, stage: 'flying' });
    const text = textsOf(replies);
    expect(text).toContain("isn't a council year (such as 2026/27)");
    expect(text).toContain('Nothing was changed.');
    expect(text).not.toMatch(/something went wrong|Reference/);
    expect(await partnershipEtag()).toBe(before);
    expect(await run.bot.app.store.query({ kind: 'self-assessment', partition: 'meaning-1' })).toEqual({ items: [], continuation: undefined });
  });

  it.each([
    ['a # in the repeat key', 'review-due.meaning-1.2026-12-01', 'review-due.meaning-1.2026-12-01.after-#/?'],
    ['a repeat of another reminder', 'review-due.meaning-1.2026-12-01', 'review-due.other.2026-12-01'],
    ['a repeat after a day that does not exist', 'review-due.meaning-1.2026-12-01', 'review-due.meaning-1.2026-12-01.after-2027-02-30'],
    ['a reminder kind the run never makes', 'birthday.meaning-1.2026-12-01', 'birthday.meaning-1.2026-12-01'],
    ['a review date that does not exist', 'review-due.meaning-1.2026-02-30', 'review-due.meaning-1.2026-02-30'],
  ])('a snooze with %s says the reminder is not one it sent and snoozes nothing', async (_case, reminder, notification) => {
    const replies = await chat().submit({ verb: 'snoozeReminder', reminder, notification, days: 7 });
    const text = textsOf(replies);
    expect(text).toContain('refers to a reminder I never sent');
    expect(text).toContain('Nothing was changed.');
    expect(text).not.toMatch(/something went wrong|Reference/);
    const preferences = await run.bot.app.store.query({ kind: 'reminder-snooze', partition: `person:${LEAD.objectId}` });
    expect(preferences.items).toEqual([]);
  });
});
