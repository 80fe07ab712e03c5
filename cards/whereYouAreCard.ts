import { adaptiveCard, paragraph, type AdaptiveCardJson } from './cardTypes.js';
import { plain } from './markdown.js';
import { submitAction, type QuestionnaireCardRef } from './questionnaireCardRef.js';

export interface WhereYouAreModel {
  questionnaireTitle: string;
  /** What it is about, as typed ("Community Safety Partnership"). */
  subject?: string;
  /** "question 2 of 48" */
  position: string;
  ref: QuestionnaireCardRef;
}

/** Said when small talk arrives in the middle of a questionnaire: where the officer is, and two ways on. Pure. */
export function whereYouAreCard(model: WhereYouAreModel): AdaptiveCardJson {
  const about = model.subject ? ` for ${plain(model.subject)}` : '';
  return adaptiveCard(
    [paragraph(`Hello. You're part-way through the ${model.questionnaireTitle.toLowerCase()}${about}: ${model.position}.`), paragraph('Carry on now, or save it for later?', { isSubtle: true })],
    [submitAction('Carry on', model.ref, 'carryOn', { style: 'positive' }), submitAction('Save for later', model.ref, 'save')],
  );
}
