import { describe, expect, it } from 'vitest';
import { easterSunday, nextEaster } from '../../src/util/nextEaster.js';

describe('Easter', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, date) => expect(easterSunday(year)).toBe(date));

  it("is this year's until it has passed, then next year's", () => {
    expect(nextEaster('2027-01-10')).toBe('2027-03-28');
    expect(nextEaster('2027-03-28')).toBe('2027-03-28');
    expect(nextEaster('2027-03-29')).toBe('2028-04-16');
  });
});
