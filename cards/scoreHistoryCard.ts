import { adaptiveCard, commandButton, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';
import { plain } from './markdown.js';

export interface ScoreHistoryRow {
  year: string;
  score: string;
  band: string;
  trend: string;
  stage: string;
  recommendation: string;
}

export interface ScoreHistoryModel {
  name: string;
  rows: ScoreHistoryRow[];
  /** Shown when no year has been closed. */
  emptyText: string;
  showCommand: string;
}

const COLUMNS: Array<[keyof ScoreHistoryRow, string, number]> = [
  ['year', 'Year', 1],
  ['score', 'Score', 1],
  ['band', 'Band', 1],
  ['trend', 'Trend', 1],
  ['stage', 'Stage', 1],
  ['recommendation', 'Recommendation', 2],
];

/** A partnership's closed self-assessments, one row a year, as a table. Pure. */
export function scoreHistoryCard(model: ScoreHistoryModel): AdaptiveCardJson {
  const body: CardElement[] = [heading(`Score history: ${plain(model.name)}`)];
  if (model.rows.length === 0) {
    body.push(paragraph(plain(model.emptyText)));
  } else {
    body.push({
      type: 'Table',
      gridStyle: 'accent',
      firstRowAsHeaders: true,
      columns: COLUMNS.map(([, , width]) => ({ width })),
      rows: [
        { type: 'TableRow', cells: COLUMNS.map(([, title]) => cell(title, true)) },
        ...model.rows.map((row) => ({ type: 'TableRow', cells: COLUMNS.map(([key]) => cell(row[key], false)) })),
      ],
    });
  }
  return adaptiveCard(body, [commandButton('Show the partnership', model.showCommand)]);
}

function cell(text: string, header: boolean): CardElement {
  return { type: 'TableCell', items: [paragraph(text, header ? { weight: 'Bolder' } : {})] };
}
