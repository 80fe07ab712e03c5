import { adaptiveCard, commandButton, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';
import { plain } from './markdown.js';

export interface ListEntry {
  title: string;
  /** Short lines under the title, e.g. "Lead: Priya Shah · Review due 30 June 2027". */
  lines: string[];
  /** A marker shown beside the title, e.g. "Overdue by 12 days". */
  flag?: { text: string; colour: 'Attention' | 'Warning' | 'Good' | 'Default' };
  /** What pressing the entry sends, as if typed: "show <name>". */
  command?: string;
  /** The entry the command is about, so entries of one name stay apart. */
  partnershipId?: string;
}

export interface PartnershipListModel {
  title: string;
  /** One line under the title: what was asked and what is shown. */
  intro?: string;
  entries: ListEntry[];
  /** "Showing 11 to 20 of 200"; absent when everything fits on one page. */
  position?: string;
  /** Submit data for the previous and next pages. */
  previous?: Record<string, unknown>;
  next?: Record<string, unknown>;
  /** Said instead of a list when nothing matched. */
  emptyText: string;
  footnote?: string;
}

/** One page of a list answer. Pure; paging keeps every card well under Teams' message size limit. */
export function partnershipListCard(model: PartnershipListModel): AdaptiveCardJson {
  const body: CardElement[] = [heading(plain(model.title))];
  if (model.intro) body.push(paragraph(plain(model.intro), { isSubtle: true, spacing: 'None' }));
  if (model.entries.length === 0) body.push(paragraph(model.emptyText, { spacing: 'Medium' }));
  for (const entry of model.entries) body.push(entryContainer(entry));
  if (model.position) body.push(paragraph(model.position, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  if (model.footnote) body.push(paragraph(model.footnote, { isSubtle: true, size: 'Small' }));
  const actions: CardElement[] = [];
  if (model.previous) actions.push({ type: 'Action.Submit', title: 'Previous page', data: model.previous });
  if (model.next) actions.push({ type: 'Action.Submit', title: 'Next page', data: model.next, style: 'positive' });
  return adaptiveCard(body, actions);
}

function entryContainer(entry: ListEntry): CardElement {
  const titleColumns: CardElement[] = [
    { type: 'Column', width: 'stretch', items: [paragraph(plain(entry.title), { weight: 'Bolder', color: entry.command ? 'Accent' : 'Default' })] },
  ];
  if (entry.flag) {
    titleColumns.push({ type: 'Column', width: 'auto', items: [paragraph(entry.flag.text, { color: entry.flag.colour, weight: 'Bolder', size: 'Small' })] });
  }
  return {
    type: 'Container',
    separator: true,
    spacing: 'Small',
    items: [
      { type: 'ColumnSet', columns: titleColumns },
      ...entry.lines.map((line) => paragraph(plain(line), { isSubtle: true, spacing: 'None', size: 'Small' })),
    ],
    ...(entry.command ? { selectAction: commandButton(`Show ${entry.title}`, entry.command, undefined, entry.partnershipId) } : {}),
  };
}
