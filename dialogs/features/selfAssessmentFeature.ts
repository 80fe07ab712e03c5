import { z } from 'zod';
import { SELF_ASSESSMENT_BANK_ID } from '../../src/assessments/selfAssessmentService.js';
import { councilYear, recordId, words } from '../../src/validation/cardFields.js';
import * as permissions from '../../src/permissions/permissions.js';
import type { FeatureFactory } from '../conversationServices.js';
import { defineFlow } from '../routing/questionnaireFlow.js';
import { defineRoute } from '../routing/route.js';
import { SelfAssessmentCommands } from '../selfAssessmentCommands.js';
import { SelfAssessmentCompletion } from '../selfAssessmentCompletion.js';
import { PriorityRelinking, RELINK_INPUT } from '../priorityRelinking.js';
import { GovernanceCommands } from '../governanceCommands.js';

/** A partnership named in words, and the council year when the officer names one ("close the 2026/27 self-assessment for CSP"). */
const partnershipNamed = z.object({ partnershipName: words(150).optional(), year: councilYear.optional() });

/** The annual self-assessment: responding, closing the year, confirming the stage, the SPO's annual round. */
export const selfAssessmentFeature: FeatureFactory = ({ selfAssessments: service, register, people, drafts, banks, notifier, reference, actions, risks, rounds, scale, clock }) => {
  const relink = new PriorityRelinking(register, reference);
  const commands = new SelfAssessmentCommands({ service, register, people, drafts, banks, notifier, actions, risks, rounds });
  const governance = new GovernanceCommands({ register, people, notifier, actions, risks, rounds, selfAssessments: service, scale, reference, clock });
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
        start: async (turn, { partnershipName, year }) => {
          const decision = await commands.prepareStart(turn.context, turn.person, partnershipName, year);
          // At its review, the lead officer re-links a partnership judged against an older council plan.
          if (decision.kind === 'start' && decision.request.subject?.partnershipId) await relink.offer(turn.context, turn.person, decision.request.subject.partnershipId);
          return decision;
        },
        completion: new SelfAssessmentCompletion(service, commands, people, notifier, governance),
      }),
    ],
    routes: [
      // The re-link card offered at a review when the council has adopted a newer plan.
      defineRoute({
        verb: 'relinkPriorities',
        scope: 'anywhere',
        schema: z.object({ partnershipId: recordId, version: z.number().int().min(1).max(100), [RELINK_INPUT]: z.string().max(2000).optional() }),
        invalid: 'That card no longer works. Nothing was changed.',
        handle: (turn, data) => relink.relink(turn.context, turn.person, { partnershipId: data.partnershipId, version: data.version, priorities: (data[RELINK_INPUT] ?? '').split(',').map((x) => x.trim()).filter(Boolean) }),
      }),
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
        help: {
          title: 'The annual round',
          detail: 'Say "start the annual round" to invite every officer named on each active partnership to this year\'s self-assessment. "Who hasn\'t responded" shows the returns still to come.',
          onlyFor: permissions.startAnnualRound,
        },
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
