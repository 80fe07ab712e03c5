/**
 * A strict RFC 4180 reader for tests: quoted fields with doubled quotes, commas
 * and line breaks inside quotes, CRLF between records. It throws on anything a
 * spreadsheet would misread (a stray quote, text after a closing quote), so a
 * file it reads is one Excel reads the same way.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`Text after a closing quote at ${i}`);
      } else {
        field += c;
        i++;
      }
      continue;
    }
    if (c === '"') {
      if (fieldStarted) throw new Error(`Stray quote at ${i}`);
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
      i += 2;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`Bare line break outside quotes at ${i}`);
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new Error('Unclosed quote');
  if (fieldStarted || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
