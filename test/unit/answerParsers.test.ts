import { afterEach, describe, expect, it } from 'vitest';
import { parseCardAnswer, parseTypedAnswer } from '../../src/questionnaire/answerParsers.js';
import { questionSchema, type Question } from '../../src/questionnaire/bankSchema.js';
import type { ParseResult } from '../../src/questionnaire/parseResult.js';

const today = new Date('2026-11-26T12:00:00Z');

const q = (raw: Record<string, unknown>): Question => questionSchema.parse({ prompt: 'A question', ...raw });

const yn = q({ id: 'yn', type: 'yesNoUnsure' });
const text = q({ id: 'text', type: 'text' });
const longText = q({ id: 'long', type: 'text', maxLength: 10_000 });
const detail = q({ id: 'detail', type: 'text', minLength: 20 });
const role = q({
  id: 'role',
  type: 'choice',
  options: [
    { value: 'lead', label: 'Lead' },
    { value: 'accountable-body', label: 'Accountable body', synonyms: ['AB', 'holds the money'] },
    { value: 'member', label: 'Member' },
    { value: 'observer', label: 'Observer' },
  ],
});
const sector = q({
  id: 'sector',
  type: 'choice',
  options: [
    { value: 'public', label: 'Public sector' },
    { value: 'private', label: 'Private sector' },
    { value: 'voluntary', label: 'Voluntary' },
  ],
});
const priorities = q({
  id: 'multi',
  type: 'multiChoice',
  exclusiveOption: 'none',
  options: [
    { value: 'early-intervention', label: 'Early intervention' },
    { value: 'assets', label: 'Maximise our assets' },
    { value: 'communities', label: 'Enable communities' },
    { value: 'health', label: 'Health and wellbeing' },
    { value: 'none', label: 'None' },
  ],
});
const hours = q({ id: 'hours', type: 'number', min: 0, max: 500, unit: 'hours a month' });
const plainNumber = q({ id: 'plain', type: 'number' });
const staff = q({ id: 'staff', type: 'number', min: 5, integer: true });
const cash = q({ id: 'cash', type: 'money', min: 0, max: 1_000_000 });
const anyCash = q({ id: 'anycash', type: 'money' });
const grant = q({ id: 'grant', type: 'money', min: 500 });
const yearlyCash = q({ id: 'yearly', type: 'money', min: 0, unit: 'a year' });
const review = q({
  id: 'review',
  type: 'date',
  notBefore: 'today',
  alternative: { value: 'open-ended', label: 'Open-ended', synonyms: ['no end date'] },
});
const anyDate = q({ id: 'anydate', type: 'date' });
const deadline = q({ id: 'deadline', type: 'date', notBefore: '2026-12-01', notAfter: '2027-12-31' });
const badLimits = q({ id: 'badlimits', type: 'date', notBefore: 'soon', notAfter: '2027-02-31' });
const partners = q({
  id: 'partners',
  type: 'list',
  itemName: 'partner',
  minRows: 2,
  maxRows: 10,
  columns: [
    { id: 'name', label: 'Name', type: 'text', required: true, maxLength: 40 },
    { id: 'sector', label: 'Sector', type: 'choice', options: [{ value: 'public', label: 'Public sector' }, { value: 'voluntary', label: 'Voluntary' }] },
    { id: 'contact', label: 'Contact', type: 'text', required: true },
  ],
});
const funding = q({
  id: 'funding',
  type: 'list',
  itemName: 'funding body',
  minRows: 0,
  maxRows: 3,
  columns: [
    { id: 'source', label: 'Source', type: 'text', required: true },
    { id: 'amount', label: 'Amount', type: 'money' },
    { id: 'due', label: 'Due', type: 'date' },
    { id: 'staff', label: 'Staff', type: 'number' },
  ],
});
const oneRow = q({ id: 'single', type: 'list', columns: [{ id: 'name', label: 'Name', type: 'text', required: true }] });

const ok = (value: unknown): ParseResult => ({ kind: 'answer', value }) as ParseResult;
const bad = (message: string): ParseResult => ({ kind: 'invalid', message });
/** An answer of the right kind that the question cannot take: mid-questionnaire, never taken for a request. */
const refused = (message: string): ParseResult => ({ kind: 'invalid', message, answerLike: true });
const BLANK: ParseResult = { kind: 'blank' };

const typed = (question: Question, input: string) => parseTypedAnswer(question, input, today);
const card = (question: Question, inputs: Record<string, unknown>) => parseCardAnswer(question, inputs, today);

const YES_NO = 'Please answer yes, no or not sure.';
const ROLES = 'Please choose one of: Lead, Accountable body, Member, Observer.';
const MONEY = 'Please give an amount in pounds, for example £12,500 or 12.5k.';
const HOURS = 'Please give a number of hours a month, for example 12 or 12.5.';
const NUMBER = 'Please give a number, for example 12 or 12.5.';
const EXCLUSIVE = 'You chose "None" together with other options; please choose either None or the others.';
const WRONG_SHAPE = "I couldn't read that answer from the card. Please try again, or type your answer.";
const UNREADABLE_DATE = 'I couldn\'t read that as a date. Please use day/month/year, for example 14/03/2027, or words such as "end of March".';
const notReal = (shown: string) => `${shown} isn't a real date. Please use day/month/year, for example 14/03/2027.`;

describe('blank answers', () => {
  const everyQuestion = [yn, text, detail, role, priorities, hours, cash, review, partners, funding];
  it.each(everyQuestion.flatMap((question) => ['', '   ', '\n\t '].map((input) => [question.id, question, input] as const)))(
    'typed %s %j is blank',
    (_id, question, input) => expect(typed(question, input)).toEqual(BLANK),
  );
  it.each(everyQuestion.map((question) => [question.id, question] as const))('card %s with no inputs is blank', (_id, question) => {
    expect(card(question, {})).toEqual(BLANK);
    expect(card(question, { [`answer:${question.id}`]: '  ' })).toEqual(BLANK);
    expect(card(question, { [`answer:${question.id}`]: null })).toEqual(BLANK);
  });
});

describe('yes / no / not sure', () => {
  it.each([
    ...['yes', 'Y', 'yeah', 'Yep!', 'yes please', 'Correct.', 'TRUE', 'it is', 'We have', '  yes  '].map((t) => [t, 'yes'] as const),
    ...['no', 'N', 'nope', 'Not yet', 'false', "we haven't", 'We haven\u2019t', 'No, not yet.'].map((t) => [t, 'no'] as const),
    ...['unsure', 'Not sure', "don't know", 'dont know', 'Dunno', 'maybe', 'unknown', 'possibly', 'n/k', 'N/K.', 'Don\u2019t know!'].map((t) => [t, 'unsure'] as const),
    // Everyday answers: "no idea" is not a no, "yes and no" neither answer.
    ...['of course', 'sure', 'we do', 'They do.', 'I believe so', 'probably', 'yes definitely'].map((t) => [t, 'yes'] as const),
    ...['nah', 'definitely not', "we don't", "They haven't", 'no way', 'probably not', 'of course not'].map((t) => [t, 'no'] as const),
    ...['no idea', 'yes and no', 'sort of', 'in part', 'TBC', 'need to check'].map((t) => [t, 'unsure'] as const),
  ])('typed %j is %s', (input, value) => expect(typed(yn, input)).toEqual(ok(value)));

  it.each(['purple', 'nah mate, perhaps not', '1', 'x'.repeat(50_000)])('typed %j is refused', (input) => {
    expect(typed(yn, input)).toEqual(bad(YES_NO));
  });

  it.each([
    ['yes', ok('yes')],
    ['no', ok('no')],
    ['unsure', ok('unsure')],
    ['maybe', bad(YES_NO)],
    ['Yes please', bad(YES_NO)],
  ])('card %j', (value, expected) => expect(card(yn, { 'answer:yn': value })).toEqual(expected));
});

describe('free text', () => {
  it.each([
    ['  A joint safety scheme  ', 'A joint safety scheme'],
    ['Line one\nLine two\twith a tab', 'Line one\nLine two\twith a tab'],
    ['Windows\r\nline ends', 'Windows\nline ends'],
    ['Bell\u0007 and null\u0000 and escape\u001b gone', 'Bell and null and escape gone'],
    ['\u0085C1 control\u009f gone', 'C1 control gone'],
    ['x'.repeat(2000), 'x'.repeat(2000)],
  ])('typed %j is kept as %j', (input, value) => expect(typed(text, input)).toEqual(ok(value)));

  it('an answer of only control characters is blank', () => expect(typed(text, '\u0000\u0001\u0002')).toEqual(BLANK));

  it.each([
    [text, 'x'.repeat(10_000), 'That answer is 10,000 characters long; the limit here is 2,000. Please shorten it.'],
    [text, 'x'.repeat(2001), 'That answer is 2,001 characters long; the limit here is 2,000. Please shorten it.'],
    [longText, 'x'.repeat(12_345), 'That answer is 12,345 characters long; the limit here is 10,000. Please shorten it.'],
  ])('typed over the limit is refused with both lengths', (question, input, message) => expect(typed(question, input)).toEqual(bad(message)));

  it('under minLength is refused, naming the minimum', () => {
    const result = typed(detail, 'Too short');
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toContain('at least 20 characters');
    expect(typed(detail, 'Long enough to be useful')).toEqual(ok('Long enough to be useful'));
  });

  it.each([
    [{ 'answer:text': '  Shared CCTV  ' }, ok('Shared CCTV')],
    [{ 'answer:text': 'y'.repeat(50_000) }, bad('That answer is 50,000 characters long; the limit here is 2,000. Please shorten it.')],
    [{ 'answer:text': 42 }, ok('42')],
  ])('card %#', (inputs, expected) => expect(card(text, inputs)).toEqual(expected));
});

describe('choice', () => {
  it.each([
    ['lead', 'lead'],
    ['LEAD', 'lead'],
    ['Accountable body', 'accountable-body'],
    ['accountable-body', 'accountable-body'],
    ['accountable body.', 'accountable-body'],
    ['the accountable body', 'accountable-body'],
    ['AB', 'accountable-body'],
    ['holds the money', 'accountable-body'],
    ['2', 'accountable-body'],
    ['4', 'observer'],
    ['obs', 'observer'],
    ['accountable', 'accountable-body'],
    ['body', 'accountable-body'],
    ['Mem', 'member'],
  ])('typed %j is %s', (input, value) => expect(typed(role, input)).toEqual(ok(value)));

  it.each(['emperor', '0', '5', 'lead and member', 'x', 'z'.repeat(50_000)])('typed %j is refused with the options', (input) => {
    expect(typed(role, input)).toEqual(bad(ROLES));
  });

  it.each([
    ['pub', ok('public')],
    ['private', ok('private')],
    ['sector', bad('Please choose one of: Public sector, Private sector, Voluntary.')],
    ['p', bad('Please choose one of: Public sector, Private sector, Voluntary.')],
  ])('typed %j where labels overlap', (input, expected) => expect(typed(sector, input)).toEqual(expected));

  it.each([
    ['member', ok('member')],
    [' member ', ok('member')],
    ['Member', bad(ROLES)],
    ['2', bad(ROLES)],
    ['emperor', bad(ROLES)],
    ['lead,member', bad(ROLES)],
  ])('card %j', (value, expected) => expect(card(role, { 'answer:role': value })).toEqual(expected));
});

describe('multiple choice', () => {
  it.each([
    ['early intervention and enable communities', ['early-intervention', 'communities']],
    ['Enable communities, early intervention', ['early-intervention', 'communities']],
    ['assets; communities', ['assets', 'communities']],
    ['assets\ncommunities\n', ['assets', 'communities']],
    ['1, 3', ['early-intervention', 'communities']],
    ['assets, Maximise our assets, 2', ['assets']],
    ['Health and wellbeing, assets', ['assets', 'health']],
    ['health & assets', ['assets', 'health']],
    ['none', ['none']],
    ['None.', ['none']],
    ['all of them', ['early-intervention', 'assets', 'communities', 'health']],
  ])('typed %j is %j', (input, value) => expect(typed(priorities, input)).toEqual(ok(value)));

  it.each([
    ['none, assets', EXCLUSIVE],
    ['assets and none', EXCLUSIVE],
    ['assets, banana', 'I couldn\'t match "banana" to an option. Please choose from: Early intervention, Maximise our assets, Enable communities, Health and wellbeing, None.'],
  ])('typed %j is refused', (input, message) => expect(typed(priorities, input)).toEqual(bad(message)));

  it('typed separators alone are blank', () => expect(typed(priorities, ', ; ,')).toEqual(BLANK));

  it.each([
    ['assets,communities', ok(['assets', 'communities'])],
    ['communities,assets,assets', ok(['assets', 'communities'])],
    ['none', ok(['none'])],
    ['none,assets', bad(EXCLUSIVE)],
    ['assets,bogus', bad('I couldn\'t match "bogus" to an option. Please choose from: Early intervention, Maximise our assets, Enable communities, Health and wellbeing, None.')],
    ['Maximise our assets', bad('I couldn\'t match "Maximise our assets" to an option. Please choose from: Early intervention, Maximise our assets, Enable communities, Health and wellbeing, None.')],
    [',,', BLANK],
  ])('card %j', (value, expected) => expect(card(priorities, { 'answer:multi': value })).toEqual(expected));
});

describe('numbers', () => {
  it.each([
    ['12', 12],
    ['12.5', 12.5],
    ['.5', 0.5],
    ['0', 0],
    ['12 hours', 12],
    ['about 40', 40],
    ['40.', 40],
  ])('typed %j is %d', (input, value) => expect(typed(hours, input)).toEqual(ok(value)));

  it.each([
    ['-3', "The number can't be negative."],
    ['501', 'The largest allowed is 500.'],
    ['1,000', 'The largest allowed is 500.'],
    ['twelve-ish', HOURS],
    ['12abc', HOURS],
    ['1.2.3', HOURS],
    ['NaN', HOURS],
    ['Infinity', HOURS],
    ['1e400', HOURS],
    ['1,20', HOURS],
    ['--3', HOURS],
    ['£12', HOURS],
    ['12m', HOURS],
    ['9'.repeat(50_000), HOURS],
  ])('typed %j is refused: %s', (input, message) => expect(typed(hours, input)).toEqual(bad(message)));

  it.each([
    // Another period is worked out for the officer to confirm, never converted silently.
    ['12 hours a week', '12 hours a week is 52 hours a month. This question asks for hours a month: type 52 if that\'s right.'],
    ['10 hours a week', '10 hours a week is about 43 hours a month. This question asks for hours a month: type 43 if that\'s right.'],
    ['3 or 4', 'Please give one number rather than a range or a limit: your best estimate is fine.'],
    ['5-10 hours', 'Please give one number rather than a range or a limit: your best estimate is fine.'],
    ['not sure yet', "If you don't know the number yet, give your best estimate, or 0 if there is none."],
    ["don't know", "If you don't know the number yet, give your best estimate, or 0 if there is none."],
  ])('typed %j is an answer it cannot take: %s', (input, message) => expect(typed(hours, input)).toEqual(refused(message)));

  it.each([
    [plainNumber, '-3', ok(-3)],
    [plainNumber, '1,200', ok(1200)],
    [plainNumber, '+7', ok(7)],
    [plainNumber, '2 thousand', ok(2000)],
    [plainNumber, 'none', ok(0)],
    [plainNumber, 'twelve', bad(NUMBER)],
    [plainNumber, '99999999999999999999', bad(`That is far too large to be right. ${NUMBER}`)],
    [staff, '12', ok(12)],
    [staff, '12.5', bad('Please give a whole number.')],
    [staff, '4', bad('The smallest allowed is 5.')],
  ])('typed %#: %j', (question, input, expected) => expect(typed(question, input)).toEqual(expected));

  it.each([
    [{ 'answer:hours': 40 }, ok(40)],
    [{ 'answer:hours': '40' }, ok(40)],
    [{ 'answer:hours': 12.5 }, ok(12.5)],
    [{ 'answer:hours': -1 }, bad("The number can't be negative.")],
    [{ 'answer:hours': '1e3' }, bad(HOURS)],
    [{ 'answer:hours': Number.NaN }, bad(WRONG_SHAPE)],
    [{ 'answer:hours': Number.POSITIVE_INFINITY }, bad(WRONG_SHAPE)],
  ])('card %#', (inputs, expected) => expect(card(hours, inputs)).toEqual(expected));
});

describe('money', () => {
  it.each([
    ['12', 12],
    ['12.5', 12.5],
    ['1,200', 1200],
    ['£12,500', 12500],
    ['£12,500.50', 12500.5],
    ['12.5k', 12500],
    ['£1.2m', 1_200_000],
    ['2 million', 2_000_000],
    ['nil', 0],
    ['None', 0],
    ['nothing', 0],
    ['zero', 0],
    ['£0', 0],
    ['£ 250', 250],
    ['250 pounds', 250],
    ['around £5k', 5000],
    ['£10.999', 11],
    ['£1.005', 1.01],
    ['1.2bn', 1_200_000_000],
    ['up to £20k', 20_000],
  ])('typed %j is %d', (input, value) => expect(typed(anyCash, input)).toEqual(ok(value)));

  it.each([
    ['£25,000', 25_000],
    ['£25,000 a year', 25_000],
    ['£2,500 per annum', 2500],
    ['£2.5k pa', 2500],
    ['5000 p.a.', 5000],
    ['£12,000 annually', 12_000],
    ['£300 per year', 300],
  ])('to a question asked a year, typed %j is %d', (input, value) => expect(typed(yearlyCash, input)).toEqual(ok(value)));

  it.each([
    // A monthly figure is never taken as a yearly one: it is worked out for the officer to confirm.
    ['£2,000 a month', "£2,000 a month is £24,000 a year. This question asks for the amount a year: type £24,000 if that's right."],
    ['£500 a week', "£500 a week is £26,000 a year. This question asks for the amount a year: type £26,000 if that's right."],
    ['£1,500 pcm', "£1,500 a month is £18,000 a year. This question asks for the amount a year: type £18,000 if that's right."],
    ['£5k-£10k', 'Please give one amount rather than a range or a limit: your best estimate is fine.'],
    ['between 5 and 10k', 'Please give one amount rather than a range or a limit: your best estimate is fine.'],
    ['less than £10,000', 'Please give one amount rather than a range or a limit: your best estimate is fine.'],
    ['TBC', "If you don't know the amount yet, give your best estimate, or 0 if there is none."],
  ])('to a question asked a year, typed %j is refused: %s', (input, message) => expect(typed(yearlyCash, input)).toEqual(refused(message)));

  it('a yearly figure is refused where one amount is asked', () => {
    expect(typed(anyCash, '£5,000 a year')).toEqual(refused('Please give the amount in pounds without "a year", for example £12,500, as the question asks for it.'));
  });

  it.each([
    ['-3', "The amount can't be negative."],
    ['-£50', "The amount can't be negative."],
    ['£-50', "The amount can't be negative."],
    ['£1,000,001', 'The largest allowed is £1,000,000.'],
    ['1.2m', 'The largest allowed is £1,000,000.'],
    ['twelve-ish', MONEY],
    ['12abc', MONEY],
    ['1.2.3', MONEY],
    ['NaN', MONEY],
    ['Infinity', MONEY],
    ['1e400', MONEY],
    ['£', MONEY],
    ['k', MONEY],
    ['12 months', MONEY],
  ])('typed %j is refused: %s', (input, message) => expect(typed(cash, input)).toEqual(bad(message)));

  it('below a minimum other than zero names it in pounds', () => {
    expect(typed(grant, '499.99')).toEqual(bad('The smallest allowed is £500.'));
    expect(typed(grant, '£500')).toEqual(ok(500));
  });

  it.each([
    [{ 'answer:cash': '12.5k' }, ok(12500)],
    [{ 'answer:cash': 12500 }, ok(12500)],
    [{ 'answer:cash': '£12,500.504' }, ok(12500.5)],
    [{ 'answer:cash': 'lots' }, bad(MONEY)],
  ])('card %#', (inputs, expected) => expect(card(cash, inputs)).toEqual(expected));
});

describe('dates', () => {
  it.each([
    ['31/03/2027', '2027-03-31'],
    ['31-03-2027', '2027-03-31'],
    ['31.3.27', '2027-03-31'],
    ['1/4/2027', '2027-04-01'],
    ['31 March 2027', '2027-03-31'],
    ['31st March 2027', '2027-03-31'],
    ['1st of April 2027', '2027-04-01'],
    ['31 Mar 2027', '2027-03-31'],
    ['March 2027', '2027-03-01'],
    ['2027-03-31', '2027-03-31'],
    ['31/3', '2027-03-31'],
    ['29/02', '2028-02-29'],
    ['next April', '2027-04-01'],
    ['end of March', '2027-03-31'],
    ['by the end of March', '2027-03-31'],
    ['in 6 months', '2027-05-26'],
    ['tomorrow', '2026-11-27'],
    ['today', '2026-11-26'],
    ['14 March', '2027-03-14'],
    ['end of next month', '2026-12-31'],
    ['end of the year', '2026-12-31'],
    ['end of the financial year', '2027-03-31'],
    ['in a fortnight', '2026-12-10'],
    ['by Christmas', '2026-12-25'],
    ['before Christmas', '2026-12-25'],
    ['Christmas Day', '2026-12-25'],
    ['April next year', '2027-04-01'],
    ['end of May next year', '2027-05-31'],
    ['mid March', '2027-03-15'],
    ['mid-April 2028', '2028-04-15'],
    ['the middle of June', '2027-06-15'],
    ['the start of April', '2027-04-01'],
    ['by the beginning of May', '2027-05-01'],
    ['start of next financial year', '2027-04-01'],
    ['by Easter', '2027-03-28'],
    ['last Friday', '2026-11-20'],
    ['two weeks ago', '2026-11-12'],
    ['yesterday', '2026-11-25'],
  ])('typed %j is %s', (input, value) => expect(typed(anyDate, input)).toEqual(ok(value)));

  it.each([
    ['spring 2027', "Quarters and seasons can mean different dates (the council's first quarter runs from April to June). Please give a day, for example 30/06/2027."],
    ['end of Q1', "Quarters and seasons can mean different dates (the council's first quarter runs from April to June). Please give a day, for example 30/06/2027."],
    ['early March', 'That\'s too vague to record as a date. Please give a day, for example "mid-March" or "end of March".'],
    ['late Sept', 'That\'s too vague to record as a date. Please give a day, for example "mid-September" or "end of September".'],
    ['TBC', 'If the date isn\'t fixed yet, please give your best estimate. Please use day/month/year, for example 14/03/2027, or words such as "end of March".'],
    ['not decided yet', 'If the date isn\'t fixed yet, please give your best estimate. Please use day/month/year, for example 14/03/2027, or words such as "end of March".'],
  ])('typed %j gets a specific message', (input, message) => expect(typed(anyDate, input)).toEqual(refused(message)));

  it.each([
    ['31/02/2027', notReal('31/02/2027')],
    ['2027-13-01', notReal('2027-13-01')],
    ['32/01/2027', notReal('32/01/2027')],
    ['31 February 2027', notReal('31 February 2027')],
    ['00/00/0000', notReal('00/00/0000')],
    ['banana', UNREADABLE_DATE],
    ['5', UNREADABLE_DATE],
    ['not before March', UNREADABLE_DATE],
    ['a week on Friday', UNREADABLE_DATE],
    ['7'.repeat(50_000), UNREADABLE_DATE],
  ])('typed %j is refused', (input, message) => expect(typed(anyDate, input)).toEqual(bad(message)));

  it('to a question about the past, a date without a year is the last one, not the next', () => {
    const decided = q({ id: 'decided', type: 'date', notAfter: 'today' });
    // Today is Thursday 26 November 2026.
    expect(typed(decided, 'October')).toEqual(ok('2026-10-01'));
    expect(typed(decided, '14 March')).toEqual(ok('2026-03-14'));
    expect(typed(decided, '31/12')).toEqual(ok('2025-12-31'));
    expect(typed(decided, 'mid-January')).toEqual(ok('2026-01-15'));
    expect(typed(decided, 'Friday')).toEqual(ok('2026-11-20'));
    expect(typed(decided, 'today')).toEqual(ok('2026-11-26'));
    // A year typed is kept, and a later date still refused.
    expect(typed(decided, '14 March 2027')).toEqual(bad("The date can't be after 26 November 2026."));
    // A question about the future still reads forward.
    expect(typed(anyDate, 'October')).toEqual(ok('2027-10-01'));
  });

  it('a date that is only a year is too vague', () => {
    const result = typed(anyDate, 'next year');
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toContain('Please use day/month/year, for example 14/03/2027');
  });

  it.each(['open-ended', 'Open-ended', 'open ended', 'OPEN ENDED.', 'no end date', 'No end date'])('typed %j is the alternative', (input) => {
    expect(typed(review, input)).toEqual(ok('open-ended'));
  });

  it.each([
    [review, 'yesterday', bad("The date can't be before 26 November 2026.")],
    [review, '25/11/2026', bad("The date can't be before 26 November 2026.")],
    [review, 'today', ok('2026-11-26')],
    [deadline, '30/11/2026', bad("The date can't be before 1 December 2026.")],
    [deadline, '1/1/2028', bad("The date can't be after 31 December 2027.")],
    [deadline, '31/12/2027', ok('2027-12-31')],
    [badLimits, '01/01/1999', ok('1999-01-01')],
  ])('typed limits %#: %j', (question, input, expected) => expect(typed(question, input)).toEqual(expected));

  it.each([
    [{ 'answer:review': '2027-04-01' }, ok('2027-04-01')],
    [{ 'answer:review': '2027-02-31' }, bad(notReal('2027-02-31'))],
    [{ 'answer:review': '2026-11-25' }, bad("The date can't be before 26 November 2026.")],
    [{ 'answer:review': '2027-04-01', 'answer:review:alternative': 'true' }, ok('open-ended')],
    [{ 'answer:review:alternative': true }, ok('open-ended')],
    [{ 'answer:review': '2027-04-01', 'answer:review:alternative': 'false' }, ok('2027-04-01')],
    [{ 'answer:review:alternative': 'false' }, BLANK],
    [{ 'answer:review:alternative': { a: 1 } }, BLANK],
  ])('card %#', (inputs, expected) => expect(card(review, inputs)).toEqual(expected));

  it.each(['31/03/2027', 'next April', '2027-3-31', 20270331, 'open-ended'])('card date %j must be yyyy-mm-dd', (value) => {
    const result = card(review, { 'answer:review': value });
    expect(result.kind).toBe('invalid');
  });

  describe('in another server time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });
    it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/London'])('%s reads relative dates from the London day', (zone) => {
      process.env.TZ = zone;
      expect(typed(anyDate, 'tomorrow')).toEqual(ok('2026-11-27'));
      expect(typed(review, 'today')).toEqual(ok('2026-11-26'));
      expect(typed(anyDate, '31/03/2027')).toEqual(ok('2027-03-31'));
    });
  });
});

describe('lists', () => {
  it.each([
    [
      'Essex Police, Public sector, jo@example.org; Rochford CVS, Voluntary, sam@example.org',
      [
        { name: 'Essex Police', sector: 'public', contact: 'jo@example.org' },
        { name: 'Rochford CVS', sector: 'voluntary', contact: 'sam@example.org' },
      ],
    ],
    [
      'Essex Police, public, jo@example.org\n\nRochford CVS, , sam@example.org\n',
      [
        { name: 'Essex Police', sector: 'public', contact: 'jo@example.org' },
        { name: 'Rochford CVS', contact: 'sam@example.org' },
      ],
    ],
    [
      'Essex Police, Public sector, Jo Bloggs, Chief Inspector; Rochford CVS, Voluntary, Sam',
      [
        { name: 'Essex Police', sector: 'public', contact: 'Jo Bloggs, Chief Inspector' },
        { name: 'Rochford CVS', sector: 'voluntary', contact: 'Sam' },
      ],
    ],
  ])('typed %j', (input, rows) => expect(typed(partners, input)).toEqual(ok(rows)));

  it.each([
    ['Essex Police, Public sector, jo@example.org; Rochford CVS, Voluntary', 'Row 2 (Rochford CVS) needs a Contact.'],
    [', Public sector, jo@example.org; Rochford CVS, Voluntary, sam@example.org', 'Row 1 needs a Name.'],
    ['Essex Police, Galactic, jo@example.org; Rochford CVS, Voluntary, sam@example.org', 'Row 1 (Essex Police), Sector: Please choose one of: Public sector, Voluntary.'],
    ['Essex Police, Public sector, jo@example.org', 'Please list at least 2 partners.'],
    [Array.from({ length: 11 }, (_, i) => `Partner ${i}, public, p${i}@example.org`).join('\n'), 'You can list up to 10 partners.'],
    [`${'N'.repeat(41)}, public, a@example.org; B, public, b@example.org`, `Row 1 (${'N'.repeat(40)}), Name: That answer is 41 characters long; the limit here is 40. Please shorten it.`],
  ])('typed %j is refused', (input, message) => expect(typed(partners, input)).toEqual(bad(message)));

  it('a list of blank rows is blank', () => expect(typed(partners, ';\n ; \n')).toEqual(BLANK));

  it.each([
    ['Lottery, £12,500, 31/03/2027, 3', [{ source: 'Lottery', amount: 12500, due: '2027-03-31', staff: 3 }]],
    ['Lottery, 12.5k, end of March', [{ source: 'Lottery', amount: 12500, due: '2027-03-31' }]],
    ['Lottery; Home Office, nil', [{ source: 'Lottery' }, { source: 'Home Office', amount: 0 }]],
  ])('typed cells are read per column type: %j', (input, rows) => expect(typed(funding, input)).toEqual(ok(rows)));

  it.each([
    ['Lottery, lots', 'Row 1 (Lottery), Amount: Please give an amount in pounds, for example £12,500 or 12.5k.'],
    ['Lottery, 5, 31/02/2027', `Row 1 (Lottery), Due: ${notReal('31/02/2027')}`],
    ['Lottery, 5, 1/1/2027, many', 'Row 1 (Lottery), Staff: Please give a number, for example 12 or 12.5.'],
    ['A; B; C; D', 'You can list up to 3 funding bodies.'],
  ])('typed cell problems name the row and column: %j', (input, message) => expect(typed(funding, input)).toEqual(bad(message)));

  it('with minRows 1, one row is enough', () => expect(typed(oneRow, 'Essex Police')).toEqual(ok([{ name: 'Essex Police' }])));

  const row = (n: number, name: string, sectorValue: string, contact: string) => ({
    [`answer:partners:${n}:name`]: name,
    [`answer:partners:${n}:sector`]: sectorValue,
    [`answer:partners:${n}:contact`]: contact,
  });

  it.each([
    [
      { ...row(0, 'Essex Police', 'public', 'jo@example.org'), ...row(1, 'Rochford CVS', 'voluntary', 'sam@example.org') },
      ok([
        { name: 'Essex Police', sector: 'public', contact: 'jo@example.org' },
        { name: 'Rochford CVS', sector: 'voluntary', contact: 'sam@example.org' },
      ]),
    ],
    [
      { ...row(0, 'Essex Police', 'public', 'jo@example.org'), ...row(1, '', '', ''), ...row(2, 'Rochford CVS', '', 'sam@example.org') },
      ok([
        { name: 'Essex Police', sector: 'public', contact: 'jo@example.org' },
        { name: 'Rochford CVS', contact: 'sam@example.org' },
      ]),
    ],
    [{ ...row(0, '', '', ''), ...row(1, ' ', '', '') }, BLANK],
    [{ ...row(0, 'Essex Police', 'public', 'jo@example.org'), ...row(1, 'Rochford CVS', 'voluntary', '') }, bad('Row 2 (Rochford CVS) needs a Contact.')],
    [{ ...row(0, 'Essex Police', 'public', 'jo@example.org'), ...row(3, 'Rochford CVS', 'galactic', 'x') }, bad('Row 4 (Rochford CVS), Sector: Please choose one of: Public sector, Voluntary.')],
    [row(0, 'Essex Police', 'public', 'jo@example.org'), bad('Please list at least 2 partners.')],
    [
      { ...row(0, 'A', 'public', 'a'), ...row(1, 'B', 'public', 'b'), ...row(10, 'K', 'public', 'k') },
      bad('You can list up to 10 partners.'),
    ],
    [{ ...row(0, 'A', 'public', 'a'), ...row(1, 'B', 'public', 'b'), 'answer:partners:1:contact': ['b'] }, bad(`Row 2, Contact: ${WRONG_SHAPE}`)],
  ])('card %#', (inputs, expected) => expect(card(partners, inputs)).toEqual(expected));

  it('card cells of other types are read too', () => {
    expect(
      card(funding, { 'answer:funding:0:source': 'Lottery', 'answer:funding:0:amount': 12500, 'answer:funding:0:due': '2027-03-31', 'answer:funding:0:staff': '2' }),
    ).toEqual(ok([{ source: 'Lottery', amount: 12500, due: '2027-03-31', staff: 2 }]));
  });
});

describe('hostile card inputs never throw', () => {
  const questions = [yn, text, role, priorities, hours, cash, review, partners, funding];
  const huge = 'z'.repeat(50_000);
  const hostileValues: Array<[string, unknown]> = [
    ['an object', { a: 1 }],
    ['an array', ['yes', 'no']],
    ['an empty array', []],
    ['a nested object', { toString: 'yes', valueOf: 1 }],
    ['a 50,000-character string', huge],
    ['a 50,000-character number', '9'.repeat(50_000)],
    ['NaN', Number.NaN],
    ['a huge number', Number.MAX_VALUE],
    ['a function-looking string', '() => process.exit(1)'],
    ['control characters', '\u0000\u0001\u001b[31m'],
    ['a lone surrogate', '\ud800'],
  ];

  it.each(questions.flatMap((question) => hostileValues.map(([what, value]) => [question.id, what, question, value] as const)))(
    '%s given %s',
    (_id, _what, question, value) => {
      const inputs: Record<string, unknown> = {
        [`answer:${question.id}`]: value,
        [`answer:${question.id}:alternative`]: value,
        [`answer:${question.id}:0:name`]: value,
        [`answer:${question.id}:0:amount`]: value,
        [`answer:${question.id}:0:due`]: value,
        [`answer:${question.id}:1:contact`]: value,
      };
      const result = card(question, inputs);
      expect(['answer', 'blank', 'invalid']).toContain(result.kind);
      if (result.kind === 'invalid') expect(result.message.length).toBeLessThan(400);
    },
  );

  it.each([yn, text, role, hours, review])('an object value for %s is refused plainly', (question) => {
    expect(card(question, { [`answer:${question.id}`]: { a: 1 } })).toEqual(bad(WRONG_SHAPE));
    expect(card(question, { [`answer:${question.id}`]: ['x'] })).toEqual(bad(WRONG_SHAPE));
  });

  it("a lookalike key such as 'answer:x' with an object is ignored for other questions", () => {
    expect(card(yn, { 'answer:x': { a: 1 } })).toEqual(BLANK);
  });

  it.each(questions.map((question) => [question.id, question] as const))('%s given a non-object activity value', (_id, question) => {
    for (const inputs of [null, undefined, [], 'yes', 42, [['answer:yn', 'yes']]]) {
      expect(card(question, inputs as unknown as Record<string, unknown>).kind).toBe('blank');
    }
  });

  it('__proto__ and constructor keys neither pollute nor confuse', () => {
    const inputs = JSON.parse('{"__proto__": {"answer:yn": "yes", "polluted": true}, "constructor": {"prototype": {"x": 1}}, "answer:yn": "no"}') as Record<string, unknown>;
    expect(card(yn, inputs)).toEqual(ok('no'));
    const inherited = JSON.parse('{"__proto__": {"answer:yn": "yes"}}') as Record<string, unknown>;
    expect(card(yn, inherited)).toEqual(BLANK);
    const listProto = JSON.parse('{"__proto__": {"answer:partners:0:name": "Ghost"}, "answer:partners:__proto__:name": "x"}') as Record<string, unknown>;
    expect(card(partners, listProto)).toEqual(BLANK);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an inherited value (prototype chain) is not read as an answer', () => {
    const inputs = Object.create({ 'answer:role': 'lead' }) as Record<string, unknown>;
    expect(card(role, inputs)).toEqual(BLANK);
  });

  it.each(questions.map((question) => [question.id, question] as const))('typed 50,000 characters to %s returns promptly', (_id, question) => {
    const started = performance.now();
    for (const input of [huge, `${'1,'.repeat(25_000)}`, `${'a and '.repeat(8000)}`, `${'; '.repeat(25_000)}x`]) {
      expect(['answer', 'blank', 'invalid']).toContain(typed(question, input).kind);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a non-string typed value is blank rather than a crash', () => {
    expect(parseTypedAnswer(yn, undefined as unknown as string, today)).toEqual(BLANK);
    expect(parseTypedAnswer(yn, 42 as unknown as string, today)).toEqual(BLANK);
  });
});

describe('typed answers against what the bot already holds', () => {
  const objectives = q({
    id: 'objectives',
    type: 'list',
    itemName: 'objective',
    columns: [
      { id: 'objective', label: 'Objective', type: 'text', required: true },
      { id: 'result', label: 'Result', type: 'choice', required: true, options: [{ value: 'achieved', label: 'Achieved' }, { value: 'partly', label: 'Partly achieved' }, { value: 'not', label: 'Not achieved' }] },
      { id: 'comment', label: 'Comment', type: 'text' },
    ],
  });
  const held = [{ objective: 'Reduce anti-social behaviour' }, { objective: 'Shared patrols' }, { objective: 'Youth outreach' }];
  const money = q({ id: 'total', type: 'money', min: 0 });
  const optionalList = q({ id: 'risks', type: 'list', required: false, columns: [{ id: 'risk', label: 'Risk', type: 'text', required: true }] });

  it('"yes" or "that\'s right" keeps a prefilled answer', () => {
    expect(parseTypedAnswer(money, 'yes', today, 45000)).toEqual(ok(45000));
    expect(parseTypedAnswer(money, "That's right.", today, 45000)).toEqual(ok(45000));
    expect(parseTypedAnswer(objectives, 'looks right', today, held)).toEqual(ok(held));
  });

  it('a new value still replaces a prefilled one', () => expect(parseTypedAnswer(money, '£50k', today, 45000)).toEqual(ok(50000)));

  it('"yes" with nothing held is read as usual (refused for money)', () => expect(parseTypedAnswer(money, 'yes', today).kind).toBe('invalid'));

  it('numbered rows rate the held rows, keeping their first column', () => {
    const result = parseTypedAnswer(objectives, '1 achieved, incidents fell by a third; 2. partly, only in Rayleigh\n3: not, never funded', today, held);
    expect(result).toEqual(
      ok([
        { objective: 'Reduce anti-social behaviour', result: 'achieved', comment: 'incidents fell by a third' },
        { objective: 'Shared patrols', result: 'partly', comment: 'only in Rayleigh' },
        { objective: 'Youth outreach', result: 'not', comment: 'never funded' },
      ]),
    );
  });

  it('a held row left out keeps its cells, so a missing required cell is named', () => {
    const result = parseTypedAnswer(objectives, '1 achieved; 3 not achieved', today, held);
    expect(result).toEqual({ kind: 'invalid', message: 'Row 2 (Shared patrols) needs a Result.' });
  });

  it('a row number beyond the held rows means a fresh list is typed instead', () => {
    const result = parseTypedAnswer(objectives, '4 new objective, achieved', today, held);
    expect(result).toEqual(ok([{ objective: '4 new objective', result: 'achieved' }]));
  });

  it('"none" for a list is no answer, so an optional list is skipped', () => {
    expect(parseTypedAnswer(optionalList, 'None.', today)).toEqual(BLANK);
    expect(parseTypedAnswer(optionalList, 'not applicable', today)).toEqual(BLANK);
  });

  it('a whole list typed as text: rows after semicolons, cells after commas, money with a thousands comma', () => {
    const liabilities = q({
      id: 'liabilities',
      type: 'list',
      columns: [
        { id: 'what', label: 'What', type: 'text', required: true },
        { id: 'amount', label: 'Amount', type: 'money' },
        { id: 'owner', label: 'Owner', type: 'text', required: true },
        { id: 'settleBy', label: 'Settle by', type: 'date' },
      ],
    });
    expect(parseTypedAnswer(liabilities, 'Final invoice, £2,400, Finance, 31/03/2027; Grant clawback, 5k, Head of Communities, end of March', today)).toEqual(
      ok([
        { what: 'Final invoice', amount: 2400, owner: 'Finance', settleBy: '2027-03-31' },
        { what: 'Grant clawback', amount: 5000, owner: 'Head of Communities', settleBy: '2027-03-31' },
      ]),
    );
  });
});
