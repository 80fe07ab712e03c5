import { actionButton, adaptiveCard, commandButton, paragraph, type AdaptiveCardJson } from './cardTypes.js';
import { plain } from './markdown.js';

export interface ResumeCardModel {
  lead: string;
  drafts: Array<{ draftId: string; description: string }>;
}

/** Offers to carry on with unfinished questionnaires. */
export function resumeCard(model: ResumeCardModel): AdaptiveCardJson {
  return adaptiveCard(
    [paragraph(model.lead, { weight: 'Bolder' }), ...model.drafts.map((d) => paragraph(`• ${plain(d.description)}`, { spacing: 'Small' }))],
    [
      ...model.drafts
        .slice(0, 4)
        .map((d, i) => actionButton(model.drafts.length === 1 ? 'Continue' : `Continue ${i + 1}`, 'resume', { draftId: d.draftId }, i === 0 ? { style: 'positive' } : {})),
      commandButton('Not now', 'not now'),
    ],
  );
}
