import type ExcelJS from 'exceljs';
import { loadExcel } from './loadExcel.js';
import type { CellValue } from './cellValues.js';
import { checkZip, UnsafeZipError } from './zipGuard.js';

/** A register file as rows of cells: the header row, and each data row with its row number in the file. */
export interface RegisterSheet {
  headers: string[];
  rows: Array<{ row: number; cells: CellValue[] }>;
}

export class RegisterFileError extends Error {
  override readonly name = 'RegisterFileError';
}

/** More rows than any district council's register: a file over this is refused whole. */
export const MAX_ROWS = 2000;
const SHEET_NAME = 'Register';

/** Reads an .xlsx workbook (the sheet called Register, else the first) or a CSV file. */
export async function readRegisterFile(content: Buffer, fileName: string): Promise<RegisterSheet> {
  const isZip = content.length > 4 && content.readUInt32LE(0) === 0x04034b50;
  if (/\.xlsx$/i.test(fileName) || isZip) return readWorkbook(content);
  if (/\.(csv|txt)$/i.test(fileName) || !isZip) return readCsv(decodeText(content));
  throw new RegisterFileError('it is neither an Excel workbook (.xlsx) nor a CSV file');
}

async function readWorkbook(content: Buffer): Promise<RegisterSheet> {
  try {
    checkZip(content, { maxEntries: 200, maxTotalBytes: 40_000_000 });
  } catch (error) {
    if (error instanceof UnsafeZipError) throw new RegisterFileError(error.message);
    throw error;
  }
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new RegisterFileError('it is not a workbook Excel can open (save it as .xlsx and send it again)');
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) throw new RegisterFileError('the workbook has no sheets');
  const headers = rowCells(sheet.getRow(1)).map((c) => (c === undefined ? '' : String(c).trim()));
  const rows: RegisterSheet['rows'] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = rowCells(sheet.getRow(n));
    if (cells.every((c) => c === undefined || (typeof c === 'string' && c.trim() === ''))) continue;
    rows.push({ row: n, cells });
    if (rows.length > MAX_ROWS) throw new RegisterFileError(`it has more than ${MAX_ROWS} rows`);
  }
  return { headers, rows };
}

function rowCells(row: ExcelJS.Row): CellValue[] {
  const cells: CellValue[] = [];
  for (let c = 1; c <= row.cellCount; c++) cells.push(cellValueOf(row.getCell(c).value));
  return cells;
}

/** Excel's cell kinds as plain values: text, numbers, dates, booleans; formulas by their result, links by their text. */
function cellValueOf(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellValueOf(value.result as ExcelJS.CellValue);
    if ('text' in value) return typeof value.text === 'string' ? value.text : undefined;
    if ('error' in value) return undefined;
  }
  return undefined;
}

/** UTF-8 (with or without Excel's byte order mark); a file Excel saved in the Windows code page is read as that. */
function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(content);
  }
}

/**
 * CSV as Excel writes and reads it: commas, double quotes around fields that
 * hold commas, quotes or line breaks, doubled quotes inside; CRLF or LF.
 */
export function readCsv(text: string): RegisterSheet {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else inQuotes = false;
    } else if (c === '"' && field === '') inQuotes = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (records.length > MAX_ROWS + 1) throw new RegisterFileError(`it has more than ${MAX_ROWS} rows`);
    } else field += c;
  }
  if (inQuotes) throw new RegisterFileError('a quoted cell is never closed (a " is missing)');
  if (field !== '' || record.length > 0) record.push(field), records.push(record);
  const [header = [], ...body] = records;
  return {
    headers: header.map((h) => h.trim()),
    rows: body.flatMap((cells, i) => (cells.every((c) => c.trim() === '') ? [] : [{ row: i + 2, cells: cells.map((c) => (c === '' ? undefined : c)) }])),
  };
}
