import type { AnswerValue } from './bankSchema.js';

/** The outcome of reading one answer, typed or from a card. */
export type ParseResult =
  | { kind: 'answer'; value: AnswerValue }
  /** Nothing given: the dialog decides (re-ask if required, skip if optional). */
  | { kind: 'blank' }
  /** Unusable: `message` tells the officer, in plain UK English, what is wrong and what to type. */
  | { kind: 'invalid'; message: string };
