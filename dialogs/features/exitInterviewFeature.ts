import { z } from 'zod';
import { EXIT_COMMENTS_INPUT } from '../../cards/exitCards.js';
import { recordId, words } from '../../src/validation/cardFields.js';
import type { FeatureFactory } from '../conversationServices.js';
import { ExitInterviewCompletion } from '../exitInterviewCompletion.js';
import { EXIT_INTERVIEW_BANK_ID, ExitInterviews } from '../exitInterviews.js';
import { ExitSignOffHandler } from '../exitSignOffHandler.js';
import { defineFlow } from '../routing/questionnaireFlow.js';
import { defineRoute } from '../routing/route.js';

const partnershipNamed = z.object({ partnershipName: words(150).optional() });

/** The exit interview, the exit document shown again, and the Assistant Director's sign-off. */
export const exitInterviewFeature: FeatureFactory = ({ register, exits: service, drafts, banks, people, notifier, logger, actions, decisions }) => {
  const exits = new ExitInterviews({ register, service, drafts, banks });
  const signOffs = new ExitSignOffHandler(register, people, service, notifier, decisions);
  return {
    flows: [
      defineFlow({
        bankId: EXIT_INTERVIEW_BANK_ID,
        verb: 'exitInterview',
        schema: partnershipNamed,
        help: {
          title: 'Exit interview',
          detail:
            'Say "exit interview for" and the partnership\'s name (or "we\'re leaving the Youth Forum partnership") to record why and how the council is leaving, what it achieved and the lessons learned. The Assistant Director signs it off and the partnership is closed.',
          button: { title: 'Exit interview', verb: 'exitInterview' },
        },
        start: (turn, { partnershipName }) => exits.prepareStart(turn.context, turn.person, partnershipName),
        completion: new ExitInterviewCompletion({ service, register, people, notifier, logger, actions }),
      }),
    ],
    routes: [
      defineRoute({
        verb: 'showExitDocument',
        scope: 'anywhere',
        schema: partnershipNamed,
        help: { title: 'Exit document', detail: 'Say "show the exit document for" and the partnership\'s name to read it again in full.' },
        handle: (turn, { partnershipName }) => exits.show(turn.context, turn.person, partnershipName),
      }),
      // The Sign off / Ask for changes buttons on the card the Assistant Director is sent.
      defineRoute({
        verb: 'signOffExit',
        scope: 'anywhere',
        schema: z.object({
          partnershipId: recordId,
          revision: z.number().int().min(1).max(10_000),
          decision: z.enum(['signOff', 'changes']),
          [EXIT_COMMENTS_INPUT]: z.string().max(5000).optional(),
        }),
        handle: (turn, data) =>
          signOffs.handle(turn.context, turn.person, {
            partnershipId: data.partnershipId,
            revision: data.revision,
            decision: data.decision,
            comments: (data[EXIT_COMMENTS_INPUT] ?? '').trim().slice(0, 1000),
          }),
      }),
    ],
  };
};
