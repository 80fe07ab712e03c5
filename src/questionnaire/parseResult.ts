import type { AnswerValue } from './bankSchema.js';

/** The outcome of reading one answer, typed or from a card. */
export type ParseResult =
  | { kind: 'answer'; value: AnswerValue }
  /** Nothing given: the dialog decides (re-ask if required, skip if optional). */
  | { kind: 'blank' }
  /**
   * Unusable: `message` tells the officer, in plain UK English, what is wrong and what to type.
   * `answerLike`: the words are an answer of the question's kind that it cannot take ("£2,000 a month"
   * to a yearly figure, "spring 2027" to a date), so mid-questionnaire they are never taken for a request.
   */
  | { kind: 'invalid'; message: string; answerLike?: true };
