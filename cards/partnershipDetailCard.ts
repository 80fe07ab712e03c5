import { adaptiveCard, commandButton, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';
import { plain } from './markdown.js';

export interface PartnershipDetailModel {
  name: string;
  purpose: string;
  /** Status, stage, officers, partners, money, dates: title and value as officers read them. */
  facts: Array<{ title: string; value: string }>;
  /** e.g. "Overdue for review since 30 June 2026". */
  warning?: string;
  risks: string[];
  actions: string[];
  buttons: Array<{ title: string; command: string }>;
  /** The entry the buttons are about. */
  partnershipId?: string;
}

/** Everything about one partnership on one card. Pure. */
export function partnershipDetailCard(model: PartnershipDetailModel): AdaptiveCardJson {
  const body: CardElement[] = [heading(plain(model.name)), paragraph(plain(model.purpose), { isSubtle: true, spacing: 'None' })];
  if (model.warning) body.push(paragraph(model.warning, { color: 'Attention', weight: 'Bolder' }));
  body.push({ type: 'FactSet', facts: model.facts.map((f) => ({ title: f.title, value: plain(f.value) })), spacing: 'Medium' });
  body.push(section('Risks', model.risks, 'No risks are recorded.'));
  body.push(section('Open actions', model.actions, 'No actions are recorded.'));
  return adaptiveCard(body, model.buttons.map((b) => commandButton(b.title, b.command, undefined, model.partnershipId)));
}

function section(title: string, lines: string[], empty: string): CardElement {
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      paragraph(title, { weight: 'Bolder' }),
      ...(lines.length === 0 ? [paragraph(empty, { isSubtle: true, spacing: 'None' })] : lines.map((line) => paragraph(`• ${plain(line)}`, { spacing: 'None' }))),
    ],
  };
}
