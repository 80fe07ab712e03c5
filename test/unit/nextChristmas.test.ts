import { describe, expect, it } from 'vitest';
import { nextChristmas } from '../../src/util/nextChristmas.js';

describe('nextChristmas', () => {
  it('is this year\'s until it has passed, then next year\'s', () => {
    expect(nextChristmas('2026-11-27')).toBe('2026-12-25');
    expect(nextChristmas('2026-12-25')).toBe('2026-12-25');
    expect(nextChristmas('2026-12-26')).toBe('2027-12-25');
  });
});
