import { z } from 'zod';
import type { FeatureFactory } from '../conversationServices.js';
import { thankYouCompletion } from '../questionnaireCompletion.js';
import { defineFlow } from '../routing/questionnaireFlow.js';

export const PRACTICE_BANK_ID = 'practice';

/** A short questionnaire to try the cards on; nothing entered is used. */
export const practiceFeature: FeatureFactory = () => ({
  flows: [
    defineFlow({
      bankId: PRACTICE_BANK_ID,
      verb: 'startPractice',
      schema: z.object({}),
      help: { title: 'Practice run', detail: 'Type "practice" to try a short questionnaire; nothing you enter is used.' },
      start: async (turn) => ({ kind: 'start', request: { bankId: PRACTICE_BANK_ID, owner: { objectId: turn.person.objectId, name: turn.person.name } } }),
      completion: thankYouCompletion,
    }),
  ],
});
