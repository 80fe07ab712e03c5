import type { Partnership } from '../partnerships/partnership.js';
import { COLUMN_HEADERS, exportRow, type ColumnContext } from '../registerImport/registerColumns.js';
import { byName } from '../status/registerLists.js';
import type { CsvCell } from './toCsv.js';

/**
 * The register's columns, in the order the export shows them: the import's
 * columns (src/registerImport/registerColumns.ts), so an exported register
 * imports again with no changes, then a few shown for reading only.
 */
export const REGISTER_COLUMNS = COLUMN_HEADERS;

/**
 * The register as rows of cells, one per partnership, alphabetical. Money stays
 * a number so a spreadsheet can total it; dates are UK dates. Pure.
 */
export function registerTable(partnerships: readonly Partnership[], ctx: ColumnContext): CsvCell[][] {
  return [...partnerships].sort(byName).map((p) => exportRow(p, ctx));
}
