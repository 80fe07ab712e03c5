import { actionButton, adaptiveCard, heading, paragraph, type AdaptiveCardJson } from './cardTypes.js';

/** One line of the help card: what the bot does, and optionally a button that starts it. */
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
  /** The features' own entries, in the order they are registered. */
  entries: HelpCardEntry[];
}

const WHILE_ANSWERING = 'While answering: **back** changes your last answer, **skip** passes an optional question, **save for later** keeps your answers, **cancel** stops (your draft is kept).';

export function helpCard(model: HelpCardModel): AdaptiveCardJson {
  const body = [
    ...(model.lead ? [paragraph(model.lead, { weight: 'Bolder' })] : []),
    heading('What I can help with'),
    {
      type: 'FactSet',
      facts: model.entries.map((item) => ({ title: item.title, value: item.detail })),
    },
    paragraph(WHILE_ANSWERING, { isSubtle: true, spacing: 'Medium' }),
    ...(model.inChannel
      ? [paragraph('Questionnaires run in our 1:1 chat, so your answers stay private until you submit them.', { isSubtle: true })]
      : []),
  ];
  return adaptiveCard(
    body,
    model.entries.flatMap((entry) => (entry.button ? [actionButton(entry.button.title, entry.button.verb, entry.button.data ?? {})] : [])),
  );
}
