import { describe, expect, it } from 'vitest';
import { shellCommandOf } from '../../src/conversation/shellCommands.js';
import { formatGbp, formatUkDate } from '../../src/util/ukFormat.js';

describe('shell commands', () => {
  it.each([
    ['help', 'help'],
    ['  HELP! ', 'help'],
    ['What can you do?', 'help'],
    ['Cancel', 'cancel'],
    ['never mind', 'cancel'],
    ['Hello', 'greeting'],
    ['good morning!', 'greeting'],
  ])('%s means %s', (text, command) => {
    expect(shellCommandOf(text)).toBe(command);
  });

  it.each(['exit interview', 'help with the exit interview', 'stop the youth forum partnership', ''])('%s is not a shell command', (text) => {
    expect(shellCommandOf(text)).toBeUndefined();
  });
});

describe('UK formats', () => {
  it('writes dates the UK way', () => {
    expect(formatUkDate('2027-03-14')).toBe('14 March 2027');
    expect(formatUkDate(new Date('2026-11-26T23:30:00Z'))).toBe('26 November 2026');
    expect(formatUkDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
  });
  it('writes money in pounds', () => {
    expect(formatGbp(12500)).toBe('£12,500');
    expect(formatGbp(99.5)).toBe('£99.50');
  });
});
