import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bankSchema, type Answers } from '../../src/questionnaire/bankSchema.js';
import { assessNewPartnership, skipChangesOutcome } from '../../src/domain/newPartnershipOutcome.js';
import { loadBank } from '../support/questionnaireDriver.js';
import { assessRisks, type RiskInput } from '../../src/domain/riskAssessment.js';
import { loadRiskScale } from '../../src/domain/riskScale.js';

const scale = loadRiskScale(fileURLToPath(new URL('../../config/risk-scale.json', import.meta.url)));
const yn = (id: string, meta: Record<string, unknown>) => ({ id, type: 'yesNoUnsure', prompt: `Question ${id}?`, meta });

const bank = bankSchema.parse({
  id: 'np',
  version: 1,
  title: 'New',
  sections: [
    {
      id: 's',
      title: 'S',
      questions: [
        { id: 'A2', type: 'multiChoice', prompt: 'Priorities', exclusiveOption: 'none', options: [{ value: 'assets', label: 'Assets' }, { value: 'none', label: 'None' }], meta: { gate: { failWhen: ['none'] }, reason: 'It does not support a Business Plan priority.', action: 'Link it to a priority or do not join.' } },
        { id: 'B1', type: 'text', prompt: 'Added value', required: false, meta: { gate: { failWhen: ['blank'] }, reason: 'No added value was described.', action: 'Describe the added value.' } },
        yn('B2', { gate: { failWhen: ['no'], unsureWhen: ['unsure'] }, reason: 'Benefits were not weighed against costs.', action: 'Weigh benefits against costs.' }),
        yn('B3', { warnWhen: ['yes'], warning: 'A simpler route may do.', action: 'Consider a contract or grant instead.' }),
        yn('C3', { weakWhen: ['no', 'unsure'], action: 'Agree roles in writing.' }),
        yn('C4', { weakWhen: ['no', 'unsure'], action: 'Check partners’ standing.' }),
        yn('C6', { weakWhen: ['no', 'unsure'], action: 'Confirm partners’ commitment.' }),
      ],
    },
  ],
});

const good: Answers = { A2: ['assets'], B1: 'Joint outreach', B2: 'yes', B3: 'no', C3: 'yes', C4: 'yes', C6: 'yes' };
const risk = (rl: number, ri: number): RiskInput => ({ category: 'financial', description: 'Funding ends', likelihood: 4, impact: 4, residualLikelihood: rl, residualImpact: ri, action: 'Find match funding', owner: 'Finance', due: '2027-03-31' });
const lowRisk = assessRisks([risk(1, 2)], scale);

describe('new partnership outcome', () => {
  it('is green when every gate passes, at most two answers are weak and risk is manageable', () => {
    const outcome = assessNewPartnership(bank, { ...good, C3: 'no', C4: 'unsure' }, lowRisk, scale);
    expect(outcome.rating).toBe('green');
    expect(outcome.weakAnswers.map((w) => w.questionId)).toEqual(['C3', 'C4']);
    expect(outcome.actions).toEqual(['Agree roles in writing.', 'Check partners’ standing.']);
  });

  it('is amber with three weak answers', () => {
    const outcome = assessNewPartnership(bank, { ...good, C3: 'no', C4: 'unsure', C6: 'no' }, lowRisk, scale);
    expect(outcome.rating).toBe('amber');
    expect(outcome.reasons).toContain('3 other answers were no or not sure.');
  });

  it('is amber when a gate is unsure', () => {
    const outcome = assessNewPartnership(bank, { ...good, B2: 'unsure' }, lowRisk, scale);
    expect(outcome.rating).toBe('amber');
    expect(outcome.unsureGates.map((g) => g.questionId)).toEqual(['B2']);
    expect(outcome.actions).toContain('Weigh benefits against costs.');
  });

  it('is amber when the overall risk is high, red when very high', () => {
    expect(assessNewPartnership(bank, good, assessRisks([risk(3, 3)], scale), scale).rating).toBe('amber');
    const red = assessNewPartnership(bank, good, assessRisks([risk(3, 4)], scale), scale);
    expect(red.rating).toBe('red');
    expect(red.reasons[0]).toContain('The overall risk is very high');
    expect(red.actions).toContain('Mitigate the financial risk: Find match funding (owner Finance) by 31 March 2027.');
  });

  it.each([
    [{ A2: ['none'] }, 'It does not support a Business Plan priority.'],
    [{ B1: undefined }, 'No added value was described.'],
    [{ B2: 'no' }, 'Benefits were not weighed against costs.'],
  ])('is red when a gate fails: %o', (change, reason) => {
    const answers = { ...good, ...change } as Answers;
    if ('B1' in change) delete answers['B1'];
    const outcome = assessNewPartnership(bank, answers, lowRisk, scale);
    expect(outcome.rating).toBe('red');
    expect(outcome.reasons[0]).toBe(reason);
  });

  it('is red without a risk assessment', () => {
    const outcome = assessNewPartnership(bank, good, assessRisks([], scale), scale);
    expect(outcome.rating).toBe('red');
    expect(outcome.reasons).toContain('No risk assessment was completed.');
  });

  it('lists warnings with their actions without changing a green rating', () => {
    const outcome = assessNewPartnership(bank, { ...good, B3: 'yes' }, lowRisk, scale);
    expect(outcome.rating).toBe('green');
    expect(outcome.reasons).toContain('A simpler route may do.');
    expect(outcome.actions).toContain('Consider a contract or grant instead.');
  });

  it('issue 17: an optional question whose skipping changes the outcome is found, and the shipped bank has none that does not say so', () => {
    const questions = (b: typeof bank) => b.sections.flatMap((x) => x.questions);
    expect(questions(bank).filter(skipChangesOutcome).map((q) => q.id)).toEqual(['B1']);
    // Version 3 had two (a skipped exit route turned the outcome red); from version 4 gates are required.
    expect(questions(loadBank('banks', 'new-partnership', 3)).filter(skipChangesOutcome).map((q) => q.id)).toEqual(['B1', 'H2']);
    const latest = loadBank('banks', 'new-partnership');
    expect(latest.version).toBeGreaterThanOrEqual(4);
    for (const question of questions(latest).filter(skipChangesOutcome)) expect(question.prompt, question.id).toMatch(/if (you )?(skip|leave)/i);
    expect(questions(latest).filter(skipChangesOutcome)).toEqual([]);
  });

  it('issue 17: "not agreed yet" at a gate gives amber with its own reason and action', () => {
    const withNotYet = bankSchema.parse({ ...bank, sections: [{ ...bank.sections[0]!, questions: [...bank.sections[0]!.questions, { id: 'H2A', type: 'choice', prompt: 'Exit agreed?', options: [{ value: 'agreed', label: 'Yes' }, { value: 'not-yet', label: 'Not agreed yet' }], meta: { gate: { unsureWhen: ['not-yet'] }, unsureReason: 'The exit is not agreed yet.', action: 'Agree the exit.' } }] }] });
    const outcome = assessNewPartnership(withNotYet, { ...good, H2A: 'not-yet' }, lowRisk, scale);
    expect(outcome.rating).toBe('amber');
    expect(outcome.reasons).toContain('The exit is not agreed yet.');
    expect(outcome.actions).toContain('Agree the exit.');
  });
});
