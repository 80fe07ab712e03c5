import { adaptiveCard, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';
import { plain } from './markdown.js';

export interface AnnualReportCardModel {
  title: string;
  intro: string;
  byBand: Array<{ label: string; count: number }>;
  byRecommendation: Array<{ label: string; count: number }>;
  newPartnerships: string[];
  exits: string[];
  overdueReviews: string[];
  /** "Actions: 3 open (1 overdue); 2 done; 67% done on time." */
  actions?: string;
  url: string;
  expiryNote: string;
}

/** Most names a list on the card shows; the document has them all. */
const LIST_LIMIT = 8;

/** The annual report's summary in Teams, with a button to the full printable document. Pure. */
export function annualReportCard(model: AnnualReportCardModel): AdaptiveCardJson {
  const body: CardElement[] = [
    heading(model.title),
    paragraph(model.intro),
    subheading('Scores'),
    facts(model.byBand),
    subheading('Recommendations'),
    facts(model.byRecommendation),
    ...namedList(`New partnerships (${model.newPartnerships.length})`, model.newPartnerships, 'None registered this year.'),
    ...namedList(`Exits (${model.exits.length})`, model.exits, 'The council left no partnership this year.'),
    ...namedList(`Overdue reviews (${model.overdueReviews.length})`, model.overdueReviews, 'No reviews are overdue.'),
    ...(model.actions ? [subheading('Actions'), paragraph(model.actions, { spacing: 'None' })] : []),
    paragraph(model.expiryNote, { isSubtle: true, spacing: 'Medium' }),
  ];
  return adaptiveCard(body, [{ type: 'Action.OpenUrl', title: 'Open the full report', url: model.url }]);
}

function subheading(text: string): CardElement {
  return paragraph(text, { weight: 'Bolder', spacing: 'Medium' });
}

function facts(rows: Array<{ label: string; count: number }>): CardElement {
  return { type: 'FactSet', facts: rows.map((r) => ({ title: r.label, value: String(r.count) })) };
}

function namedList(title: string, names: string[], empty: string): CardElement[] {
  const shown = names.slice(0, LIST_LIMIT);
  const more = names.length - shown.length;
  const text = names.length ? shown.map((n) => `- ${plain(n)}`).join('\n') + (more > 0 ? `\n- and ${more} more (see the full report)` : '') : empty;
  return [subheading(title), paragraph(text)];
}
