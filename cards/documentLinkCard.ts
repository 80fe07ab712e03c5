import { adaptiveCard, heading, paragraph, type AdaptiveCardJson } from './cardTypes.js';

export interface DocumentLinkCardModel {
  title: string;
  lines: string[];
  buttonTitle: string;
  url: string;
  /** e.g. "The link works until 4 December 2026." */
  expiryNote: string;
}

/** A generated document offered as a button that opens it in the browser. Pure. */
export function documentLinkCard(model: DocumentLinkCardModel): AdaptiveCardJson {
  return adaptiveCard(
    [heading(model.title), ...model.lines.map((line) => paragraph(line)), paragraph(model.expiryNote, { isSubtle: true, spacing: 'Medium' })],
    [{ type: 'Action.OpenUrl', title: model.buttonTitle, url: model.url }],
  );
}
