import { actionButton, adaptiveCard, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';

export interface TemplateCardModel {
  xlsxUrl: string;
  csvUrl: string;
  expiryNote: string;
}

/** The register template offered: the workbook and the CSV, and how to send it back. Pure. */
export function registerTemplateCard(model: TemplateCardModel): AdaptiveCardJson {
  return adaptiveCard(
    [
      heading('The register template'),
      paragraph('One row per partnership. The Columns sheet explains each column and the Allowed values sheet lists what the choice columns accept; the CSV has the same columns.'),
      paragraph('Fill it in and send it back to me here, in our 1:1 chat, as a file (the paperclip under the message box). I first show what would be added, updated and left unchanged, and every problem row by row; nothing is written until you confirm. Sending the same file again changes nothing.'),
      paragraph('The register export has the same columns, so an exported register can be corrected in Excel and sent back.'),
      paragraph(model.expiryNote, { isSubtle: true, spacing: 'Medium' }),
    ],
    [
      { type: 'Action.OpenUrl', title: 'Download the template (Excel)', url: model.xlsxUrl },
      { type: 'Action.OpenUrl', title: 'Download the template (CSV)', url: model.csvUrl },
    ],
  );
}

export interface DryRunModel {
  importId?: string;
  fileName: string;
  /** Said above the counts, e.g. why a plan was shown again. */
  lead?: string;
  added: Array<{ row: number; name: string }>;
  updated: Array<{ row: number; name: string; fields: string[] }>;
  unchanged: number;
  problems: Array<{ row: number; column: string; value: string; why: string; accepted: string }>;
  similarNames?: Array<{ row: number; name: string; existing: { name: string; reference: string; leadOfficer: string; status: string; startYear: string } }>;
}

/** Problems beyond this are counted, not listed: the card stays under Teams' size limit. */
export const MAX_PROBLEMS_SHOWN = 40;

/** What importing a file would do, and the button that does it. Pure. */
export function dryRunCard(model: DryRunModel): AdaptiveCardJson {
  const writes = model.added.length + model.updated.length;
  const body: CardElement[] = [
    paragraph('Register import: nothing has been written yet', { isSubtle: true }),
    heading(model.fileName),
    ...(model.lead ? [paragraph(model.lead, { weight: 'Bolder' })] : []),
    {
      type: 'FactSet',
      facts: [
        { title: 'Would be added', value: String(model.added.length) },
        { title: 'Would be updated', value: String(model.updated.length) },
        { title: 'Unchanged', value: String(model.unchanged) },
        { title: 'Rows with problems', value: String(new Set(model.problems.map((p) => p.row)).size) },
      ],
    },
  ];
  if (model.updated.length > 0) {
    body.push(paragraph('Updates', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(...model.updated.slice(0, 20).map((u) => paragraph(`Row ${u.row}: ${u.name} (${u.fields.join(', ')})`, { spacing: 'Small' })));
    if (model.updated.length > 20) body.push(paragraph(`…and ${model.updated.length - 20} more.`, { isSubtle: true }));
  }
  if (model.similarNames?.length) {
    body.push(paragraph('Is it the same partnership?', { weight: 'Bolder', spacing: 'Medium', color: 'Warning' }));
    for (const s of model.similarNames.slice(0, 20)) {
      body.push(paragraph(`Row ${s.row}: "${s.name}" is very like ${s.existing.name} (reference ${s.existing.reference}; lead officer ${s.existing.leadOfficer}; ${s.existing.status.toLowerCase()}; started ${s.existing.startYear}).`, { spacing: 'Small' }));
    }
    body.push(paragraph('If a row is the same partnership, give it that reference in the file and send it again: it then updates the entry. Importing now adds each as a different partnership.', { isSubtle: true }));
  }
  if (model.problems.length > 0) {
    body.push(paragraph('Problems (these rows are left out)', { weight: 'Bolder', spacing: 'Medium', color: 'Attention' }));
    for (const p of model.problems.slice(0, MAX_PROBLEMS_SHOWN)) {
      body.push(paragraph(`Row ${p.row}, ${p.column}${p.value ? `: "${p.value}"` : ''}: ${p.why}. Accepted: ${p.accepted}.`, { spacing: 'Small' }));
    }
    if (model.problems.length > MAX_PROBLEMS_SHOWN) body.push(paragraph(`…and ${model.problems.length - MAX_PROBLEMS_SHOWN} more problems. Correct these and send the file again to see the rest.`, { isSubtle: true }));
    body.push(paragraph('You can import the rows without problems now and send the corrected rows later: importing again only adds or changes what is new.', { isSubtle: true }));
  }
  if (writes === 0) {
    body.push(paragraph(model.problems.length ? 'There is nothing to import until the problems are put right.' : 'The register already holds everything in this file: there is nothing to change.', { spacing: 'Medium' }));
    return adaptiveCard(body);
  }
  return adaptiveCard(body, [
    actionButton(`Import ${writes === 1 ? '1 entry' : `${writes} entries`}`, 'confirmImport', { importId: model.importId }, { style: 'positive' }),
    actionButton('Cancel', 'cancelImport', { importId: model.importId }),
  ]);
}

export interface ImportSummaryModel {
  areas: string[];
  added: Array<{ name: string; area: string }>;
  updated: Array<{ name: string; area: string }>;
  fileName: string;
  date: string;
}

/** The one message each Assistant Director gets about an import into their areas. Pure. */
export function importSummaryCard(model: ImportSummaryModel & { dateText: string }): AdaptiveCardJson {
  const line = (e: { name: string; area: string }) => paragraph(`• ${e.name}${model.areas.length > 1 ? ` (${e.area})` : ''}`, { spacing: 'Small' });
  return adaptiveCard([
    paragraph('The partnership register', { isSubtle: true }),
    heading(`Brought in for ${model.areas.join(', ')}`),
    paragraph(`On ${model.dateText} the Strategic Partnership Officer imported the council's existing register (${model.fileName}). These entries in your ${model.areas.length > 1 ? 'areas' : 'area'} need no approval; they keep their real dates, status and stage.`),
    ...(model.added.length ? [paragraph(`Added (${model.added.length})`, { weight: 'Bolder' }), ...model.added.slice(0, 40).map(line)] : []),
    ...(model.updated.length ? [paragraph(`Updated (${model.updated.length})`, { weight: 'Bolder' }), ...model.updated.slice(0, 40).map(line)] : []),
    paragraph('Ask me "show the register" to see them, or "edit" and a partnership to correct one.', { isSubtle: true, spacing: 'Medium' }),
  ]);
}
