import { adaptiveCard, paragraph, type AdaptiveCardJson } from './cardTypes.js';
import { plain } from './markdown.js';

export interface AnsweredCardModel {
  questionnaireTitle: string;
  sectionTitle: string;
  /** Each question with its answer as the officer reads it. */
  answers: Array<{ prompt: string; answer: string }>;
  /** e.g. "Answer saved", "Skipped", "Saved for later" */
  status: string;
}

/** Replaces a question card once it is answered, so its buttons cannot be pressed again. */
export function answeredCard(model: AnsweredCardModel): AdaptiveCardJson {
  return adaptiveCard([
    paragraph(`${model.questionnaireTitle} · ${model.sectionTitle}`, { isSubtle: true, size: 'Small' }),
    ...model.answers.flatMap((a) => [paragraph(a.prompt, { weight: 'Bolder', spacing: 'Small' }), paragraph(plain(a.answer), { spacing: 'None' })]),
    paragraph(`✓ ${model.status}`, { color: 'Good', size: 'Small' }),
  ]);
}
