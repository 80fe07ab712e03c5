import { describe, expect, it } from 'vitest';
import { BankCatalogue } from '../../src/questionnaire/bankCatalogue.js';
import { loadRiskScale } from '../../src/domain/riskScale.js';
import { parseTypedAnswer } from '../../src/questionnaire/answerParsers.js';
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
