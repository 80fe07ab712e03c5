import { describe, expect, it } from 'vitest';
import { findByName } from '../../src/partnerships/partnershipFinder.js';

const register = [
  { id: 'csp', name: 'Community Safety Partnership' },
  { id: 'yf', name: 'Youth Forum' },
  { id: 'hwb', name: 'Health and Wellbeing Board' },
  { id: 'lsp', name: 'Local Strategic Partnership (LSP)' },
  { id: 'tcp1', name: 'Town Centre Partnership' },
  { id: 'tcp2', name: 'Town Centre Business Improvement District' },
];

function found(query: string) {
  const result = findByName(query, register);
  if (result.kind === 'one') return [result.match.id];
  if (result.kind === 'several') return result.matches.map((m) => m.id).sort();
  return [];
}

describe('finding a partnership by name', () => {
  it.each([
    ['Community Safety Partnership', ['csp']],
    ['the community safety partnership', ['csp']],
    ['community safety', ['csp']],
    ['Comunity Safty Partnership', ['csp']],
    ['CSP', ['csp']],
    ['csp', ['csp']],
    ['youth forum', ['yf']],
    ['Youth Forum partnership', ['yf']],
    ['health & wellbeing board', ['hwb']],
    ['hwb', ['hwb']],
    ['LSP', ['lsp']],
    ['Helth and Welbeing', ['hwb']],
  ])('"%s" finds %j', (query, ids) => {
    expect(found(query)).toEqual(ids);
  });

  it('asks which one when a partial name fits several', () => {
    expect(found('town centre')).toEqual(['tcp1', 'tcp2']);
  });

  it('finds nothing for an unrelated name or an empty one', () => {
    expect(found('Allotment Society')).toEqual([]);
    expect(found('   ')).toEqual([]);
    expect(found('xq')).toEqual([]);
  });
});
