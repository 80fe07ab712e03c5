import { describe, expect, it } from 'vitest';
import { readTypedAnswers } from '../../src/questionnaire/typedAnswers.js';
import { questionSchema, type AnswerValue, type Question } from '../../src/questionnaire/bankSchema.js';

const TODAY = new Date('2026-12-02T10:00:00Z');
const q = (raw: Record<string, unknown>): Question => questionSchema.parse(raw);
const yn = (id: string) => q({ id, type: 'yesNoUnsure', prompt: `Question ${id}?` });
const card = [yn('Q1'), yn('Q2'), yn('Q3'), yn('Q4')];

function read(questions: Question[], text: string, open = questions): Record<string, AnswerValue | string> {
  const reading = readTypedAnswers(questions, open, text, TODAY, {});
  return Object.fromEntries([...reading.answers].map(([question, result]) => [question.id, result.kind === 'answer' ? result.value : `(${result.kind})`]));
}

describe('typed answers to a card of several questions', () => {
  it('reads yes/no words in order, one per open question', () => {
    expect(read(card, 'yes no yes yes')).toEqual({ Q1: 'yes', Q2: 'no', Q3: 'yes', Q4: 'yes' });
    expect(read(card, 'no, not sure')).toEqual({ Q1: 'no', Q2: 'unsure' });
    expect(read(card, 'yes no', [card[2]!, card[3]!])).toEqual({ Q3: 'yes', Q4: 'no' });
  });

  it('reads answers by the numbers on the card, in any order', () => {
    expect(read(card, '1 yes, 3 no, 2 not sure')).toEqual({ Q1: 'yes', Q3: 'no', Q2: 'unsure' });
    expect(read(card, '4: no; 2) yes')).toEqual({ Q4: 'no', Q2: 'yes' });
  });

  it('"yes to all" answers every open yes/no question', () => {
    expect(read(card, 'yes to all')).toEqual({ Q1: 'yes', Q2: 'yes', Q3: 'yes', Q4: 'yes' });
    expect(read(card, 'No to all.', [card[1]!])).toEqual({ Q2: 'no' });
  });

  it('keeps the comment after a leading yes or no', () => {
    const reading = readTypedAnswers(card, card, 'yes, a DPIA is planned', TODAY, {});
    expect([...reading.answers].map(([question, r]) => [question.id, r])).toEqual([['Q1', { kind: 'answer', value: 'yes' }]]);
    expect(reading.comments).toEqual({ Q1: 'a DPIA is planned' });
  });

  it('takes everyday words', () => {
    expect(read([yn('A')], 'not really')).toEqual({ A: 'no' });
    expect(read([yn('A')], 'mostly')).toEqual({ A: 'yes' });
    expect(read([q({ id: 'M', type: 'money', prompt: 'How much a year?', unit: 'a year' })], 'ten grand a year')).toEqual({ M: 10000 });
    expect(read([q({ id: 'M', type: 'money', prompt: 'How much?' })], 'twenty-five thousand pounds')).toEqual({ M: 25000 });
    expect(read([q({ id: 'M', type: 'money', prompt: 'How much?' })], 'half a million')).toEqual({ M: 500000 });
    expect(read([q({ id: 'M', type: 'money', prompt: 'How much?' })], 'a hundred and fifty quid')).toEqual({ M: 150 });
    expect(read([q({ id: 'N', type: 'number', prompt: 'How many?' })], 'a dozen')).toEqual({ N: 12 });
    expect(read([yn('A')], 'no idea')).toEqual({ A: 'unsure' });
    expect(read([q({ id: 'M', type: 'money', prompt: 'How much?' })], 'about 15 grand')).toEqual({ M: 15000 });
    const role = q({ id: 'R', type: 'choice', prompt: 'Role?', options: [{ value: 'lead', label: 'Lead partner' }, { value: 'member', label: 'Member' }] });
    expect(read([role], "we'll be the lead partner")).toEqual({ R: 'lead' });
    const sector = q({ id: 'S', type: 'choice', prompt: 'Sector?', options: [{ value: 'public', label: 'Public sector' }, { value: 'private', label: 'Private sector' }] });
    expect(read([sector], 'business')).toEqual({ S: 'private' });
    const partners = q({ id: 'P', type: 'list', prompt: 'Partners?', columns: [{ id: 'name', label: 'Name', type: 'text', required: true }, { id: 'sector', label: 'Sector', type: 'choice', options: [{ value: 'public', label: 'Public sector' }, { value: 'private', label: 'Private sector' }] }] });
    expect(read([partners], 'Rayleigh Business Group, business')).toEqual({ P: [{ name: 'Rayleigh Business Group', sector: 'private' }] });
  });

  it('an answer that is none of these goes to the first open question, and "2 hours" alone is not question 2', () => {
    const hours = q({ id: 'H', type: 'number', prompt: 'Hours?', unit: 'hours a month' });
    expect(read([hours, yn('B')], '2 hours')).toEqual({ H: 2 });
    expect(read(card, 'perhaps later')).toEqual({ Q1: '(invalid)' });
  });
});
