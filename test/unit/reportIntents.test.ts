import { describe, expect, it } from 'vitest';
import { recogniseIntent } from '../../src/conversation/intents.js';

describe('register export and annual report requests', () => {
  it.each(['export the register', 'Export the register.', 'register as csv', 'download the register', 'download the register as Excel', 'export register to csv', 'get me the register in a spreadsheet', 'register export'])(
    '"%s" exports the register',
    (text) => expect(recogniseIntent(text)).toEqual({ name: 'exportRegister' }),
  );

  it('"show the register" still lists it in chat', () => {
    expect(recogniseIntent('show the register')).toMatchObject({ name: 'status', question: { kind: 'register' } });
  });

  it.each([
    ['annual report', {}],
    ['the annual report for Leadership Team', {}],
    ['annual report for 2026/27', { year: '2026/27' }],
    ['Annual report 2026-27', { year: '2026/27' }],
    ['produce the annual report for 2025/2026', { year: '2025/26' }],
    ['annual report for 2026', { year: '2026/27' }],
    ['produce the annual report for last year', { relativeYear: 'last' }],
    ["last year's annual report", { relativeYear: 'last' }],
    ['annual report for this year', { relativeYear: 'this' }],
  ])('"%s" asks for the annual report %o', (text, expected) => {
    expect(recogniseIntent(text)).toEqual({ name: 'annualReport', ...expected });
  });

  it('is not confused with the annual self-assessment or its round', () => {
    expect(recogniseIntent('annual review for CSP').name).toBe('selfAssessment');
    expect(recogniseIntent('start the annual round').name).toBe('startAnnualRound');
    expect(recogniseIntent('annual report for 2026/28').name).not.toBe('annualReport');
  });
});
