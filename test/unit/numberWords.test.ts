import { describe, expect, it } from 'vitest';
import { numberWordsToDigits } from '../../src/util/numberWords.js';

describe('numberWordsToDigits', () => {
  it.each([
    ['five', '5'],
    ['twenty-one', '21'],
    ['twenty five thousand pounds', '25000 pounds'],
    ['a hundred and fifty quid', '150 quid'],
    ['two thousand and fifty', '2050'],
    ['half a million', '500000'],
    ['a half million', '500000'],
    ['one and a half million', '1500000'],
    ['two and a half thousand', '2500'],
    ['two million five hundred thousand', '2500000'],
    ['a dozen', '12'],
    ['a couple', '2'],
    ['about twenty a year', 'about 20 a year'],
  ])('%j is %j', (words, digits) => expect(numberWordsToDigits(words)).toBe(digits));

  it.each([
    // Digits with a scale word are the amount parser's: "1.5 million" must not become 1.5 and a million.
    ['1.5 million', '1.5 million'],
    ['2 thousand', '2 thousand'],
    // "a" and "and" alone are words, not numbers.
    ['a year', 'a year'],
    ['five and a bit', '5 and a bit'],
  ])('%j is left as %j', (words, kept) => expect(numberWordsToDigits(words)).toBe(kept));

  it.each(['thousand thousand', 'five twenty', 'half a dozen'])('%j does not read as one number', (words) => {
    // Whatever is left, it is not a single figure, so the parser after it refuses the answer.
    expect(numberWordsToDigits(words)).not.toMatch(/^\d+$/);
  });
});
