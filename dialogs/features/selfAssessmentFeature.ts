import { z } from 'zod';
import { SELF_ASSESSMENT_BANK_ID } from '../../src/assessments/selfAssessmentService.js';
import { councilYear, recordId, words } from '../../src/validation/cardFields.js';
import type { FeatureFactory } from '../conversationServices.js';
import { defineFlow } from '../routing/questionnaireFlow.js';
import { defineRoute } from '../routing/route.js';
import { SelfAssessmentCommands } from '../selfAssessmentCommands.js';
import { SelfAssessmentCompletion } from '../selfAssessmentCompletion.js';

/** A partnership named in words, and the council year when the officer names one ("close the 2026/27 self-assessment for CSP"). */
const partnershipNamed = z.object({ partnershipName: words(150).optional(), year: councilYear.optional() });

/** The annual self-assessment: responding, closing the year, confirming the stage, the SPO's annual round. */
export const selfAssessmentFeature: FeatureFactory = ({ selfAssessments: service, register, people, drafts, banks, notifier }) => {
  const commands = new SelfAssessmentCommands({ service, register, people, drafts, banks, notifier });
  return {
    flows: [
      defineFlow({
        bankId: SELF_ASSESSMENT_BANK_ID,
        verb: 'selfAssessment',
        schema: partnershipNamed,
        help: {
          title: 'Annual self-assessment',
          detail:
            'Say "self-assessment for" and the partnership, e.g. "self-assessment for CSP". Other officers named on it add their views; the lead officer closes the year and gets the scores, the comparison with earlier years, a stage and a recommendation.',
          button: { title: 'Self-assessment', verb: 'selfAssessment' },
        },
        start: (turn, { partnershipName, year }) => commands.prepareStart(turn.context, turn.person, partnershipName, year),
        completion: new SelfAssessmentCompletion(service, commands, people, notifier),
      }),
    ],
    routes: [
      defineRoute({
        verb: 'closeSelfAssessment',
        scope: 'personal',
        schema: partnershipNamed,
        handle: (turn, { partnershipName, year }) => commands.close(turn.context, turn.person, partnershipName, year),
      }),
      // The Confirm stage button on the result card; the stage is the card's own input.
      defineRoute({
        verb: 'confirmStage',
        scope: 'anywhere',
        schema: z.object({ partnershipId: recordId, year: councilYear, stage: z.string().max(40).optional() }),
        invalid: "That card is out of date: I can't find the self-assessment it belongs to.",
        handle: (turn, data) => commands.confirmStage(turn.context, turn.person, data),
      }),
      defineRoute({
        verb: 'startAnnualRound',
        scope: 'anywhere',
        schema: z.object({}),
        handle: (turn) => commands.startAnnualRound(turn.context, turn.person),
      }),
      // "add Sam Patel to the Community Safety Partnership"
      defineRoute({
        verb: 'addOfficer',
        scope: 'anywhere',
        schema: z.object({ personName: words(150), partnershipName: words(150) }),
        handle: (turn, request) => commands.addOfficer(turn.context, turn.person, request),
      }),
    ],
  };
};
