import { actionButton, adaptiveCard, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';

/** One thing the bot does: a line on the help card, with its detail and an optional button that starts it. */
export interface HelpCardEntry {
  title: string;
  detail: string;
  button?: { title: string; verb: string; data?: Record<string, unknown> };
}

export interface HelpCardModel {
  /** Shown first, e.g. when the bot did not understand a message. */
  lead?: string;
  /** In a channel, questionnaires move to the 1:1 chat. */
  inChannel: boolean;
  /** The features' own entries, in the order they are registered, each with the key its detail is asked for by. */
  entries: Array<HelpCardEntry & { topic: string }>;
}

const WHILE_ANSWERING = 'While answering: **back**, **skip**, **save for later**, **cancel**.';

/** A short card: one line a thing, each line a button that shows its detail. Pure. */
export function helpCard(model: HelpCardModel): AdaptiveCardJson {
  const body: CardElement[] = [
    ...(model.lead ? [paragraph(model.lead, { weight: 'Bolder' })] : []),
    heading('What I can help with'),
    ...model.entries.map((entry) => ({
      type: 'Container',
      spacing: 'Small',
      items: [paragraph(`${entry.title} ›`, { color: 'Accent' })],
      selectAction: actionButton(entry.title, 'helpTopic', { topic: entry.topic }),
    })),
    paragraph(`${WHILE_ANSWERING} Press a line for more.`, { isSubtle: true, size: 'Small', spacing: 'Medium' }),
    ...(model.inChannel ? [paragraph('Questionnaires run in our 1:1 chat, so your answers stay private until you submit them.', { isSubtle: true, size: 'Small' })] : []),
  ];
  return adaptiveCard(body);
}

/** One help line in full: what it does and, where there is one, the button that starts it. Pure. */
export function helpTopicCard(entry: HelpCardEntry): AdaptiveCardJson {
  return adaptiveCard(
    [heading(entry.title), paragraph(entry.detail)],
    [...(entry.button ? [actionButton(entry.button.title, entry.button.verb, entry.button.data ?? {}, { style: 'positive' })] : []), actionButton('Back to help', 'help', {})],
  );
}
