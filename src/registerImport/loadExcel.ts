import type ExcelJS from 'exceljs';

/**
 * exceljs (with unzipper, archiver and their dependencies) is a fifth of the bot's start-up
 * when imported up front, and only the register import and the template use it: it is loaded
 * the first time one of them runs, and kept.
 */
let loading: Promise<typeof ExcelJS> | undefined;

export function loadExcel(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => (module as unknown as { default: typeof ExcelJS }).default ?? (module as unknown as typeof ExcelJS));
  return loading;
}
