import type ExcelJS from 'exceljs';
import { loadExcel } from './loadExcel.js';
import { toCsv } from '../reports/toCsv.js';
import { columnGuide, COLUMNS, type ColumnContext } from './registerColumns.js';

/**
 * The register template: a workbook with one row per partnership on its
 * Register sheet (drop-down lists where a column has allowed values), every
 * column explained on the Columns sheet, and the allowed values listed on the
 * Allowed values sheet; and the same columns as a CSV header.
 */
export async function registerTemplateWorkbook(ctx: ColumnContext): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Partnership Toolkit';
  const guide = columnGuide(ctx).filter((c) => !c.readOnly);
  const register = workbook.addWorksheet('Register', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = workbook.addWorksheet('Columns');
  const allowed = workbook.addWorksheet('Allowed values');

  register.columns = guide.map((c) => ({ header: c.header, key: c.header, width: Math.min(40, Math.max(14, c.header.length + 4)) }));
  register.getRow(1).font = { bold: true };

  columns.columns = [
    { header: 'Column', key: 'header', width: 30 },
    { header: 'Needed?', key: 'required', width: 10 },
    { header: 'What it means', key: 'explain', width: 80 },
    { header: 'What it accepts', key: 'accepts', width: 60 },
  ];
  columns.getRow(1).font = { bold: true };
  for (const c of guide) columns.addRow({ header: c.header, required: c.required ? 'Yes' : 'No', explain: c.explain, accepts: c.accepts });
  columns.addRow({});
  columns.addRow({ header: 'Importing', explain: 'Send the filled workbook (or a CSV with these columns) to the Partnership Toolkit bot in your 1:1 chat. You first see what would be added, updated and left unchanged, and every problem by row; nothing is written until you confirm. Importing again with the same references updates those entries; the register export imports as it is.' });
  columns.getColumn('explain').alignment = { wrapText: true, vertical: 'top' };

  let listColumn = 1;
  guide.forEach((c, i) => {
    if (c.allowed.length === 0) return;
    const letter = columnLetter(listColumn);
    allowed.getCell(`${letter}1`).value = c.header;
    allowed.getCell(`${letter}1`).font = { bold: true };
    c.allowed.forEach((value, j) => (allowed.getCell(`${letter}${j + 2}`).value = value));
    allowed.getColumn(listColumn).width = 36;
    // A list column (several priorities) cannot use a one-value drop-down.
    if (c.header !== 'Council priorities') {
      const target = columnLetter(i + 1);
      // exceljs has range validations at run time; its type definitions do not list them.
      (register as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(`${target}2:${target}2000`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`'Allowed values'!$${letter}$2:$${letter}$${c.allowed.length + 1}`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `Choose one of the allowed values (see the Allowed values sheet).`,
      });
    }
    listColumn++;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The template as a CSV file: the header row only. */
export function registerTemplateCsv(): string {
  return toCsv(COLUMNS.filter((c) => !c.readOnly).map((c) => c.header), []);
}

function columnLetter(n: number): string {
  let letters = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) letters = String.fromCharCode(65 + ((i - 1) % 26)) + letters;
  return letters;
}
