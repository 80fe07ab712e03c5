import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, UTF8_BOM } from '../../src/reports/toCsv.js';
import { parseCsv } from '../support/parseCsv.js';

describe('CSV writer', () => {
  it('starts with the UTF-8 byte order mark and ends every record with CRLF', () => {
    const csv = toCsv(['A', 'B'], [['x', 1]]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('A,B\r\nx,1\r\n');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and reads back exactly', () => {
    const awkward = ['Smith, Jones & Co', 'The "Best" Partnership', 'Line one\nline two', 'Carriage\r\nreturn', 'Plain', '£12,500 — café'];
    const csv = toCsv(['Value'], awkward.map((v) => [v]));
    expect(csvCell('Smith, Jones & Co')).toBe('"Smith, Jones & Co"');
    expect(csvCell('The "Best" Partnership')).toBe('"The ""Best"" Partnership"');
    expect(csvCell('Plain')).toBe('Plain');
    expect(parseCsv(csv.slice(1))).toEqual([['Value'], ...awkward.map((v) => [v])]);
  });

  it.each(['=HYPERLINK("http://evil.example","click")', '+44 1234', '-2+3', '@SUM(A1:A2)', '\tcmd', '=1+1, then more'])(
    'guards "%s" against running as a formula',
    (value) => {
      const read = parseCsv(csvCell(value))[0]?.[0];
      expect(read).toBe(`'${value}`);
    },
  );

  it('keeps numbers as numbers (negative ones too), and empty cells empty', () => {
    expect(csvCell(12500)).toBe('12500');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(toCsv(['A', 'B', 'C'], [[undefined, 'x', undefined]]).slice(1)).toBe('A,B,C\r\n,x,\r\n');
  });
});
