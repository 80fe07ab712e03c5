import { describe, expect, it } from 'vitest';
import { bankSchema } from '../../src/questionnaire/bankSchema.js';
import { answerStep, changeAnswer, finalAnswers, goBack, missingRequired, newDraft } from '../../src/questionnaire/draft.js';
import { progressOf, stepsFor, SUMMARY } from '../../src/questionnaire/steps.js';
import { conditionHolds } from '../../src/questionnaire/conditions.js';

const bank = bankSchema.parse({
  id: 'flow',
  version: 1,
  title: 'Flow',
  sections: [
    {
      id: 'one',
      title: 'One',
      questions: [
        { id: 'form', type: 'choice', prompt: 'Legal form', options: [{ value: 'informal', label: 'Informal' }, { value: 'company', label: 'Company' }] },
        { id: 'legal', type: 'yesNoUnsure', prompt: 'Legal Services confirmed?', condition: { question: 'form', in: ['company'] } },
        { id: 'g1', type: 'yesNoUnsure', prompt: 'Grouped 1', group: 'pair' },
        { id: 'g2', type: 'yesNoUnsure', prompt: 'Grouped 2', group: 'pair', required: false },
      ],
    },
    { id: 'two', title: 'Two', questions: [{ id: 'notes', type: 'text', prompt: 'Notes', required: false }] },
  ],
});

const start = () => newDraft({ id: 'd1', owner: { objectId: 'o1', name: 'Officer' }, bank, now: new Date('2026-11-26T10:00:00Z') });

describe('conditions', () => {
  it('evaluates every form', () => {
    const answers = { a: 'yes', m: ['x', 'y'] };
    expect(conditionHolds({ question: 'a', equals: 'yes' }, answers)).toBe(true);
    expect(conditionHolds({ question: 'a', in: ['no'] }, answers)).toBe(false);
    expect(conditionHolds({ question: 'm', includes: 'y' }, answers)).toBe(true);
    expect(conditionHolds({ question: 'z', answered: false }, answers)).toBe(true);
    expect(conditionHolds({ all: [{ question: 'a', equals: 'yes' }, { not: { question: 'm', includes: 'q' } }] }, answers)).toBe(true);
    expect(conditionHolds({ any: [{ question: 'a', equals: 'no' }, { question: 'z', equals: 'x' }] }, answers)).toBe(false);
  });
});

describe('steps and drafts', () => {
  it('groups consecutive questions of a group on one step and hides conditional ones', () => {
    expect(stepsFor(bank, {}).map((s) => s.key)).toEqual(['form', 'g1', 'notes']);
    expect(stepsFor(bank, { form: 'company' }).map((s) => s.key)).toEqual(['form', 'legal', 'g1', 'notes']);
    expect(stepsFor(bank, {}).find((s) => s.key === 'g1')?.questions.map((q) => q.id)).toEqual(['g1', 'g2']);
  });

  it('counts progress over the questions that apply', () => {
    expect(progressOf(bank, {}, 'g1')).toEqual({ number: 2, total: 4 });
    expect(progressOf(bank, { form: 'company' }, 'g1')).toEqual({ number: 3, total: 5 });
  });

  it('moves through the steps, asking the conditional question only when it applies', () => {
    let draft = start();
    expect(draft.position).toBe('form');
    draft = answerStep(bank, draft, { form: 'company' });
    expect(draft.position).toBe('legal');
    draft = answerStep(bank, draft, { legal: 'yes' });
    draft = answerStep(bank, draft, { g1: 'yes', g2: undefined });
    expect(draft.skipped).toEqual(['g2']);
    expect(draft.position).toBe('notes');
    draft = answerStep(bank, draft, { notes: 'done' });
    expect(draft.position).toBe(SUMMARY);
    expect(draft.history).toEqual(['form', 'legal', 'g1', 'notes']);
  });

  it('goes back over steps that no longer apply, and not before the first', () => {
    let draft = answerStep(bank, start(), { form: 'company' });
    draft = answerStep(bank, draft, { legal: 'no' });
    // The officer changes the legal form, so "legal" no longer applies.
    draft = { ...draft, answers: { ...draft.answers, form: 'informal' } };
    const back = goBack(bank, draft);
    expect(back?.position).toBe('form');
    expect(goBack(bank, start())).toBeUndefined();
  });

  it('drops answers to questions that no longer apply from the final answers', () => {
    let draft = answerStep(bank, start(), { form: 'company' });
    draft = answerStep(bank, draft, { legal: 'no' });
    draft = changeAnswer(bank, { ...draft, position: SUMMARY }, 'form')!;
    expect(draft.returnToSummary).toBe(true);
    draft = answerStep(bank, draft, { form: 'informal' });
    expect(draft.position).toBe(SUMMARY);
    expect(finalAnswers(bank, draft)).toEqual({ form: 'informal' });
    expect(missingRequired(bank, draft)).toEqual(['g1']);
  });
});
