import { actionButton, adaptiveCard, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';
import { plain } from './markdown.js';

export interface ExitDocumentItem {
  label: string;
  /** A single answer, or one line per row of a list. */
  value?: string;
  rows?: string[];
}

export interface ExitDocumentView {
  partnershipName: string;
  status: string;
  identification: Array<{ title: string; value: string }>;
  sections: Array<{ title: string; items: ExitDocumentItem[] }>;
}

/** Teams refuses messages over about 28 KB of card; the document is shortened only past this. */
const CARD_BUDGET_BYTES = 26_000;
const SHORTENED = '… (shortened here; the full text is kept in the record)';

/** The exit document in full, group by group, as shown again on request. */
export function exitDocumentCard(view: ExitDocumentView): AdaptiveCardJson {
  // Long text is trimmed, then long lists cut, only when the whole card would be too big for Teams.
  for (const rowLimit of [Infinity, 8, 3]) {
    for (const limit of [4000, 1000, 400, 150]) {
      const card = buildDocument(view, limit, rowLimit);
      if (Buffer.byteLength(JSON.stringify(card)) <= CARD_BUDGET_BYTES) return card;
    }
  }
  return buildDocument(view, 80, 1);
}

function buildDocument(view: ExitDocumentView, limit: number, rowLimit: number): AdaptiveCardJson {
  const body: CardElement[] = [
    paragraph('Exit document', { isSubtle: true }),
    heading(plain(view.partnershipName)),
    paragraph(view.status, { weight: 'Bolder' }),
    { type: 'FactSet', facts: plainFacts(view.identification) },
  ];
  for (const section of view.sections) {
    body.push(paragraph(section.title, { weight: 'Bolder', spacing: 'Medium', size: 'Medium' }));
    for (const item of section.items) {
      if (item.rows) {
        const rows = item.rows.length > 0 ? item.rows : ['None'];
        const shown = rows.slice(0, rowLimit).map((row) => `• ${plain(shorten(row, limit))}`);
        if (rows.length > shown.length) shown.push(`… and ${rows.length - shown.length} more, kept in the record`);
        body.push(paragraph(item.label, { weight: 'Bolder', spacing: 'Small' }), paragraph(shown.join('\n\n'), { spacing: 'None' }));
      } else {
        body.push({ type: 'FactSet', spacing: 'Small', facts: [{ title: item.label, value: plain(shorten(item.value ?? 'Not answered', limit)) }] });
      }
    }
  }
  return adaptiveCard(body);
}

function shorten(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}${SHORTENED}`;
}

export interface ExitSummaryModel {
  partnershipId: string;
  partnershipName: string;
  revision: number;
  officerName: string;
  facts: Array<{ title: string; value: string }>;
  objectives: string[];
  lessons: string[];
  recognition?: string;
  /** How the full document can be seen again. */
  showCommand: string;
}

export const EXIT_COMMENTS_INPUT = 'exitSignOffComments';

/** Sent to the Assistant Director: the exit in brief, and a decision to make. */
export function exitSignOffRequestCard(model: ExitSummaryModel): AdaptiveCardJson {
  const body: CardElement[] = [
    paragraph('Partnership exit for your sign-off', { isSubtle: true }),
    heading(plain(model.partnershipName)),
    paragraph(`${plain(model.officerName)} has completed the exit interview. When you sign it off, the partnership is closed in the register with its exit date.`),
    ...summaryElements(model),
    paragraph(`To read the whole exit document, say "${model.showCommand}".`, { isSubtle: true, spacing: 'Medium' }),
    { type: 'Input.Text', id: EXIT_COMMENTS_INPUT, label: 'Comments (needed if you ask for changes)', isMultiline: true, maxLength: 1000 },
  ];
  const decision = (value: 'signOff' | 'changes') => ({ partnershipId: model.partnershipId, revision: model.revision, decision: value });
  return adaptiveCard(body, [
    actionButton('Sign off', 'signOffExit', decision('signOff'), { style: 'positive', withInputs: true }),
    actionButton('Ask for changes', 'signOffExit', decision('changes'), { withInputs: true }),
  ]);
}

/** The officer's confirmation after submitting the exit interview. */
export function exitSubmittedCard(model: ExitSummaryModel & { directorNote: string }): AdaptiveCardJson {
  return adaptiveCard([
    paragraph('Exit interview submitted', { isSubtle: true }),
    heading(plain(model.partnershipName)),
    ...summaryElements(model),
    paragraph(model.directorNote, { isSubtle: true, spacing: 'Medium' }),
    paragraph(`You can see the whole exit document any time: say "${model.showCommand}".`, { isSubtle: true }),
  ]);
}

function summaryElements(model: ExitSummaryModel): CardElement[] {
  const elements: CardElement[] = [{ type: 'FactSet', facts: plainFacts(model.facts) }];
  if (model.objectives.length > 0) elements.push(paragraph('Original objectives', { weight: 'Bolder', spacing: 'Medium' }), ...bullets(model.objectives));
  if (model.recognition) elements.push(paragraph('Recognition', { weight: 'Bolder', spacing: 'Medium' }), paragraph(plain(model.recognition)));
  if (model.lessons.length > 0) elements.push(paragraph('Lessons learned', { weight: 'Bolder', spacing: 'Medium' }), ...bullets(model.lessons));
  return elements;
}

function bullets(lines: string[]): CardElement[] {
  return lines.map((line) => paragraph(`• ${plain(line)}`, { spacing: 'Small' }));
}

function plainFacts(facts: Array<{ title: string; value: string }>): Array<{ title: string; value: string }> {
  return facts.map((f) => ({ title: f.title, value: plain(f.value) }));
}
