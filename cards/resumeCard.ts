import { adaptiveCard, paragraph, type AdaptiveCardJson } from './cardTypes.js';

export interface ResumeCardModel {
  lead: string;
  drafts: Array<{ draftId: string; description: string }>;
}

/** Offers to carry on with unfinished questionnaires. */
export function resumeCard(model: ResumeCardModel): AdaptiveCardJson {
  return adaptiveCard(
    [paragraph(model.lead, { weight: 'Bolder' }), ...model.drafts.map((d) => paragraph(`• ${d.description}`, { spacing: 'Small' }))],
    [
      ...model.drafts.slice(0, 4).map((d, i) => ({
        type: 'Action.Submit',
        title: model.drafts.length === 1 ? 'Continue' : `Continue ${i + 1}`,
        data: { resume: d.draftId },
        style: i === 0 ? 'positive' : undefined,
      })),
      { type: 'Action.Submit', title: 'Not now', data: { command: 'not now' } },
    ],
  );
}
