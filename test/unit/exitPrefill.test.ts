import { describe, expect, it } from 'vitest';
import { exitPrefill, originalObjectives, yearsInvolved } from '../../src/partnerships/exitPrefill.js';
import { exitDocumentFrom } from '../../src/partnerships/exitDocument.js';
import type { Partnership } from '../../src/partnerships/partnership.js';

const partnership = {
  id: 'p1', name: 'Youth Forum', purpose: 'Youth voice', partners: [{ name: 'Rochford CVS', sector: 'voluntary', contact: '' }, { name: '' }],
  councilCashPerYear: 12500, startDate: '2024-04-01',
} as unknown as Partnership;

describe('what the exit interview is prefilled with', () => {
  it('objectives are the ones recorded on the register, each as recorded (never split at commas or semicolons), without repeats', () => {
    expect(originalObjectives({ objectives: ['Youth voice in decisions, with a youth council', 'Two events a year; in Rayleigh', ' youth voice in decisions, with a youth council '] })).toEqual([
      'Youth voice in decisions, with a youth council', 'Two events a year; in Rayleigh',
    ]);
  });

  it('with none recorded there are none: prose such as the purpose is not made into objectives', () => expect(originalObjectives({ ...partnership, purpose: 'The council only advises; volunteers run it' } as Partnership)).toEqual([]));

  it('a part year counts as a year, and at least one', () => {
    expect(yearsInvolved('2024-04-01', '2026-11-27')).toBe(3);
    expect(yearsInvolved('2024-04-01', '2026-04-01')).toBe(2);
    expect(yearsInvolved('2026-11-01', '2026-11-27')).toBe(1);
    expect(yearsInvolved('2027-01-01', '2026-11-27')).toBe(1);
  });

  it('prefills partners (named ones only), objectives and the total contribution', () => {
    const { answers, known } = exitPrefill({ ...partnership, objectives: ['Youth voice', 'A youth council'] }, { year: '2025/26', overallPercent: 55, band: 'Developing' }, '2026-11-27');
    expect(answers).toEqual({
      PARTNERS: [{ name: 'Rochford CVS', sector: 'voluntary' }],
      OBJECTIVES: [{ objective: 'Youth voice' }, { objective: 'A youth council' }],
      TOTAL: 37500,
    });
    expect(known).toMatchObject({ partners: ['Rochford CVS'], years: 3, totalContribution: 37500, objectives: 2, latestScore: { overallPercent: 55 } });
  });
});

describe('the exit document built from the answers', () => {
  const base = {
    partnershipId: 'p1', partnershipName: 'Youth Forum', draftId: 'd1', bankId: 'exit-interview', bankVersion: 1,
    leadOfficer: { objectId: 'o', name: 'Ola' }, completedBy: { objectId: 'o', name: 'Ola' }, completedAt: '2026-11-27T10:00:00Z',
  };

  it('lifts out objectives, lessons, recognition and the lists', () => {
    const doc = exitDocumentFrom({
      ...base,
      answers: {
        TYPE: 'withdraw', REASONS: ['poor-results'], OUTCOME: 'not-met', EXIT_DATE: '2027-03-31', TOTAL: 100,
        OBJECTIVES: [{ objective: 'Youth voice', result: 'not', comment: 'Few came' }],
        WORKED: 'a', DIDNT: 'b', DIFFERENTLY: 'c', RECOGNITION_ANYWAY: 'Thanks to the volunteers',
        LIABILITIES: [{ what: 'Invoice', amount: 10, owner: 'Finance' }],
      },
    });
    expect(doc).toMatchObject({
      id: 'p1', revision: 1, status: 'awaiting-sign-off', exitType: 'withdraw', outcome: 'not-met', effectiveExitDate: '2027-03-31', totalContribution: 100,
      objectives: [{ objective: 'Youth voice', result: 'not', comment: 'Few came' }], lessons: { worked: 'a', didNotWork: 'b', doDifferently: 'c' },
      recognition: 'Thanks to the volunteers', liabilities: [{ what: 'Invoice', amount: 10, owner: 'Finance' }], assets: [], followOnActions: [],
    });
  });
});
