import { PendingApprovals } from '../pendingApprovals.js';
import { z } from 'zod';
import { statusPageSchema, statusQuestionSchema } from '../../src/status/statusQuestionSchema.js';
import type { FeatureFactory } from '../conversationServices.js';
import { defineRoute } from '../routing/route.js';
import { StatusAnswers } from '../statusAnswers.js';

/** Questions about the register in plain words, answered within the asker's role, in 1:1 chats and channels. */
export const statusFeature: FeatureFactory = ({ register, selfAssessments, people, banks, scale, reference, clock, logger, notifier, actions, risks }) => {
  const pending = new PendingApprovals({ register, people, notifier, reference, scale, clock });
  const status = new StatusAnswers({ register, assessments: selfAssessments, people, banks, scale, reference, clock, logger, actions, risks, waitingFor: (p) => pending.waitingFor(p) });
  return {
    routes: [
      defineRoute({
        verb: 'status',
        scope: 'anywhere',
        schema: z.object({ question: statusQuestionSchema }),
        help: {
          title: 'Ask about partnerships',
          detail:
            'Ask in your own words, for example "which partnerships are due review" (or "due in the next 3 months"), "overdue reviews", "my partnerships", "who leads the Youth Forum", "which partnerships work with Essex Police", "how many are high risk", "how much do we put in altogether", "the biggest partnership", "show CSP", "score history for CSP" or "exits this year". Your actions: "my actions", "open actions for CSP", "close action 2 on CSP: minutes of 3 May"; a new risk: "add a risk to CSP". In a channel, mention me first.',
          button: { title: 'My partnerships', verb: 'status', data: { question: { kind: 'mine' } } },
        },
        handle: (turn, { question }) => status.answer(turn.context, turn.person, question),
      }),
      // "Previous page" and "Next page" carry the question; it is checked as strictly as anything typed.
      defineRoute({
        verb: 'statusPage',
        scope: 'anywhere',
        schema: statusPageSchema,
        invalid: 'That button no longer works. Ask me the question again, for example "which partnerships are due review".',
        retryHint: 'Ask me the question again, for example "which partnerships are due review".',
        handle: (turn, { question, page }) => status.answer(turn.context, turn.person, question, page),
      }),
    ],
  };
};
