import { adaptiveCard, paragraph, type AdaptiveCardJson } from './cardTypes.js';
import { submitAction, type QuestionnaireCardRef } from './questionnaireCardRef.js';

export interface ConfirmStopCardModel {
  questionnaireTitle: string;
  ref: QuestionnaireCardRef;
}

export function confirmStopCard(model: ConfirmStopCardModel): AdaptiveCardJson {
  return adaptiveCard(
    [
      paragraph(`Stop the ${model.questionnaireTitle} for now?`, { weight: 'Bolder' }),
      paragraph('Your answers so far are kept as a draft, so you can carry on later. You can also delete the draft.'),
    ],
    [
      submitAction('Yes, stop for now', model.ref, 'confirmStop', { style: 'positive' }),
      submitAction('No, carry on', model.ref, 'carryOn'),
      submitAction('Delete the draft', model.ref, 'discard', { style: 'destructive' }),
    ],
  );
}
