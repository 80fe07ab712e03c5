import { describe, expect, it } from 'vitest';
import { BankCatalogue } from '../../src/questionnaire/bankCatalogue.js';
import { loadRiskScale } from '../../src/domain/riskScale.js';
import { parseTypedAnswer } from '../../src/questionnaire/answerParsers.js';
import { readTypedAnswers } from '../../src/questionnaire/typedAnswers.js';
import { responseFromAnswers, statementQuestions } from '../../src/assessments/assessYear.js';
import { applicableQuestions } from '../../src/questionnaire/steps.js';

const bank = BankCatalogue.loadFromDirectory('banks', loadRiskScale('config/risk-scale.json')).latest('self-assessment')!;
const today = new Date('2026-11-26T12:00:00Z');

describe('the self-assessment bank', () => {
  it('has the 28 statements, seven in each of the four areas', () => {
    const statements = statementQuestions(bank);
    expect(statements).toHaveLength(28);
    for (const area of ['F', 'P', 'C', 'M']) expect(statements.filter((q) => q.meta?.['area'] === area)).toHaveLength(7);
  });

  it.each([
    ['3', '3'], ['fully in place', '3'], ['mostly', '2'], ['not yet', '1'], ['0', '0'], ['not in place', '0'], ['n/a', 'na'], ['not applicable', 'na'], ["don't know", 'dk'], ['unsure', 'dk'],
  ])('a typed rating "%s" is read as %s', (typed, value) => {
    const result = parseTypedAnswer(statementQuestions(bank)[0]!, typed, today);
    expect(result).toEqual({ kind: 'answer', value });
  });

  it.each([
    // Everyday words (bank v4): "yes" is still fully, "no" not in place, "partly" is no one rating.
    ['yes', '3'], ['completely', '3'], ['largely', '2'], ['could be better', '2'], ['in progress', '1'], ['being worked on', '1'],
    ['no', '0'], ['not at all', '0'], ["doesn't apply here", 'na'], ['no idea', 'dk'],
  ])('a rating typed in everyday words, "%s", is read as %s', (typed, value) => {
    const result = readTypedAnswers(statementQuestions(bank), statementQuestions(bank), typed, today, {});
    expect([...result.answers.values()][0]).toEqual({ kind: 'answer', value });
  });

  it.each([
    ['ok', 'fair'], ['adequate', 'fair'], ['weak', 'poor'], ['not great', 'poor'], ['very good', 'good'], ['outstanding', 'excellent'],
  ])('a control rated "%s" in the risk review is %s', (typed, value) => {
    const adequacy = bank.sections.flatMap((s) => s.questions).find((q) => q.id === 'RR_strategic_adequacy')!;
    expect(parseTypedAnswer(adequacy, typed, today)).toEqual({ kind: 'answer', value });
  });

  it('"partly" is no one rating: refused with the choices', () => {
    expect(parseTypedAnswer(statementQuestions(bank)[0]!, 'partly', today).kind).toBe('invalid');
  });

  it('refuses a rating out of range with a message that lists the choices', () => {
    const result = parseTypedAnswer(statementQuestions(bank)[0]!, '5', today);
    expect(result.kind).toBe('invalid');
  });

  it('turns answers into ratings, evidence, actions (only for 0 or 1) and stage indicators', () => {
    const r = responseFromAnswers(bank, { F1: '1', F1_evidence: 'Minutes', F1_action: 'Rewrite the aims', F1_owner: 'Chair', F1_due: '2027-01-31', F2: '3', F2_action: 'ignored', S_forming_1: 'yes', AIMS_DONE: 'no' });
    expect(r.ratings).toEqual({ F1: 1, F2: 3 });
    expect(r.evidence).toEqual({ F1: 'Minutes' });
    expect(r.actions).toEqual([{ statementId: 'F1', action: 'Rewrite the aims', owner: 'Chair', due: '2027-01-31' }]);
    expect(r.indicators).toEqual({ S_forming_1: 'yes' });
    expect(r.aimsAchieved).toBe('no');
  });
});

describe('the self-assessment bank from version 2 (issue 18 items 5 and 7)', () => {
  const catalogue = BankCatalogue.loadFromDirectory('banks', loadRiskScale('config/risk-scale.json'));
  const latest = catalogue.latest('self-assessment')!;
  const optionsOf = (b: typeof latest, id: string) => {
    const q = statementQuestions(b).find((s) => s.id === id)!;
    return q.type === 'choice' ? q.options.map((o) => o.value) : [];
  };

  it('F2 (still supports a council priority) and M4 (benefits outweigh the costs) cannot be rated not applicable; the others can', () => {
    expect(latest.version).toBeGreaterThanOrEqual(2);
    expect(optionsOf(latest, 'F2')).toEqual(['3', '2', '1', '0', 'dk']);
    expect(optionsOf(latest, 'M4')).toEqual(['3', '2', '1', '0', 'dk']);
    for (const q of statementQuestions(latest).filter((s) => s.id !== 'F2' && s.id !== 'M4')) expect(optionsOf(latest, q.id)).toContain('na');
    // Drafts started on version 1 finish on it, as it was.
    expect(optionsOf(catalogue.version('self-assessment', 1)!, 'F2')).toContain('na');
  });

  it("a don't know asks who will find out and by when, and becomes an action", () => {
    const asked = applicableQuestions(latest, { F3: 'dk' }).map((q) => q.id);
    expect(asked).toEqual(expect.arrayContaining(['F3_findout_owner', 'F3_findout_due']));
    expect(asked).not.toContain('F3_action');
    const r = responseFromAnswers(latest, { F3: 'dk', F3_findout_owner: 'Policy officer', F3_findout_due: '2027-01-31', F4: '2', F4_findout_owner: 'ignored' });
    expect(r.actions).toEqual([{ statementId: 'F3', action: 'Find out how far this is in place, and record the evidence', owner: 'Policy officer', due: '2027-01-31', kind: 'find-out' }]);
  });
});
