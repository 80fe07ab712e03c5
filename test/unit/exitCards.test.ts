import { describe, expect, it } from 'vitest';
import { exitDocumentCard, exitSignOffRequestCard } from '../../cards/exitCards.js';
import { cardProblems } from '../support/cardValidation.js';

describe('exit cards', () => {
  it('the whole exit document stays under the Teams size limit even with every answer at its longest', () => {
    const long = 'x'.repeat(2000);
    const card = exitDocumentCard({
      partnershipName: 'Youth Forum',
      status: 'Signed off; the partnership is closed.',
      identification: [{ title: 'Partnership', value: 'Youth Forum' }],
      // The bank's longest: a dozen long texts and seven lists at their most rows.
      sections: Array.from({ length: 14 }, (_, s) => ({
        title: `Group ${s + 1}`,
        items: [{ label: 'Answer', value: long }, ...(s < 7 ? [{ label: 'List', rows: Array.from({ length: 15 }, () => 'y'.repeat(1000)) }] : [])],
      })),
    });
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('shortened here; the full text is kept in the record');
  });

  it('a short document is shown whole', () => {
    const card = exitDocumentCard({ partnershipName: 'Youth Forum', status: 'Exiting', identification: [{ title: 'Partnership', value: 'Youth Forum' }], sections: [{ title: 'Lessons learned', items: [{ label: 'What worked', value: 'Volunteers' }, { label: 'Risks', rows: [] }] }] });
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('shortened');
  });

  it('the sign-off request carries the revision on both buttons', () => {
    const card = exitSignOffRequestCard({ partnershipId: 'p1', partnershipName: 'Youth Forum', revision: 2, officerName: 'Ola', facts: [{ title: 'Type of exit', value: 'Withdrawing' }], objectives: [], lessons: ['What worked: a'], showCommand: 'show the exit document for Youth Forum' });
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card.actions)).toContain('"revision":2');
  });
});
