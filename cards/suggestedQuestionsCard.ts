import { adaptiveCard, commandButton, paragraph, type AdaptiveCardJson } from './cardTypes.js';

export interface SuggestedQuestionsModel {
  lead: string;
  suggestions: Array<{ title: string; command: string }>;
}

/** "Did you mean...?" with the likely questions as buttons. Pure. */
export function suggestedQuestionsCard(model: SuggestedQuestionsModel): AdaptiveCardJson {
  return adaptiveCard(
    [paragraph(model.lead), paragraph('Or type **help** to see everything I can do.', { isSubtle: true, size: 'Small' })],
    model.suggestions.map((s) => commandButton(s.title, s.command)),
  );
}
