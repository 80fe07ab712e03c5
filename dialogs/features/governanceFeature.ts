import { z } from 'zod';
import { ACTION_NOTE_INPUT, ACTION_OUTCOME_INPUT, RISK_INPUTS } from '../../cards/governanceCards.js';
import { isoDate, recordId, words } from '../../src/validation/cardFields.js';
import type { FeatureFactory } from '../conversationServices.js';
import { GovernanceCommands } from '../governanceCommands.js';
import { defineRoute } from '../routing/route.js';

/** An optional card input: an empty box is no answer. */
const optionalInput = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());
const level = z.coerce.number().int().min(1).max(10);

/**
 * The governance cycle (issue 19): the action log (asked about, closed by card or
 * in words), risks added between reviews, and who has responded to the year's
 * self-assessment. The risk review itself is part of the self-assessment, and the
 * reminders and escalations run with the other reminders.
 */
export const governanceFeature: FeatureFactory = ({ register, people, notifier, actions, risks, rounds, selfAssessments, scale, reference, clock }) => {
  const governance = new GovernanceCommands({ register, people, notifier, actions, risks, rounds, selfAssessments, scale, reference, clock });
  return {
    routes: [
      // "my actions", "open actions for CSP"
      defineRoute({
        verb: 'listActions',
        scope: 'anywhere',
        schema: z.object({ partnershipName: words(150).optional(), mine: z.boolean().optional() }),
        // On the help card within "Ask about partnerships" (the short card has room for no more lines).
        handle: (turn, request) => governance.listActions(turn.context, turn.person, request),
      }),
      // A press on an action in a list: the close card.
      defineRoute({
        verb: 'closeActionCard',
        scope: 'anywhere',
        schema: z.object({ partnershipId: recordId, actionId: recordId }),
        invalid: 'That card no longer works. Nothing was changed.',
        handle: (turn, request) => governance.showCloseCard(turn.context, turn.person, request),
      }),
      // The close card submitted.
      defineRoute({
        verb: 'saveActionClose',
        scope: 'anywhere',
        schema: z.object({ partnershipId: recordId, actionId: recordId, [ACTION_OUTCOME_INPUT]: z.enum(['done', 'dropped']).default('done'), [ACTION_NOTE_INPUT]: z.string().trim().max(1000).default('') }),
        invalid: 'That card no longer works. Nothing was changed.',
        handle: (turn, data) => governance.closeByCard(turn.context, turn.person, { partnershipId: data.partnershipId, actionId: data.actionId, outcome: data[ACTION_OUTCOME_INPUT], note: data[ACTION_NOTE_INPUT] }),
      }),
      // "close action 2 on CSP: minutes of 3 May", "drop action 3 on CSP because the funding ended"
      defineRoute({
        verb: 'closeAction',
        scope: 'anywhere',
        schema: z.object({ partnershipName: words(150).optional(), actionNumber: z.coerce.number().int().min(1).max(9999).optional(), outcome: z.enum(['done', 'dropped']).optional(), note: z.string().trim().max(1000).optional() }),
        handle: (turn, request) => governance.closeInWords(turn.context, turn.person, request),
      }),
      // "add a risk to CSP"
      defineRoute({
        verb: 'addRisk',
        scope: 'anywhere',
        schema: z.object({ partnershipName: words(150).optional() }),
        handle: (turn, request) => governance.startAddRisk(turn.context, turn.person, request),
      }),
      // The risk card submitted.
      defineRoute({
        verb: 'saveRisk',
        scope: 'anywhere',
        schema: z.object({
          partnershipId: recordId,
          [RISK_INPUTS.category]: z.string().trim().min(1).max(60),
          [RISK_INPUTS.description]: words(500),
          [RISK_INPUTS.likelihood]: level,
          [RISK_INPUTS.impact]: level,
          [RISK_INPUTS.controls]: optionalInput(1000),
          [RISK_INPUTS.adequacy]: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['poor', 'fair', 'good', 'excellent']).optional()),
          [RISK_INPUTS.residualLikelihood]: level,
          [RISK_INPUTS.residualImpact]: level,
          [RISK_INPUTS.owner]: optionalInput(150),
          [RISK_INPUTS.action]: optionalInput(1000),
          [RISK_INPUTS.due]: z.preprocess((v) => (v === '' ? undefined : v), isoDate.optional()),
        }),
        invalid: 'Please fill in the kind of risk, what could happen, and each likelihood and impact (a date as the date picker gives it), then press **Add the risk** again. Nothing has changed.',
        handle: (turn, d) =>
          governance.saveRisk(turn.context, turn.person, {
            partnershipId: d.partnershipId, category: d[RISK_INPUTS.category], description: d[RISK_INPUTS.description], likelihood: d[RISK_INPUTS.likelihood], impact: d[RISK_INPUTS.impact],
            controls: d[RISK_INPUTS.controls], adequacy: d[RISK_INPUTS.adequacy], residualLikelihood: d[RISK_INPUTS.residualLikelihood], residualImpact: d[RISK_INPUTS.residualImpact],
            owner: d[RISK_INPUTS.owner], action: d[RISK_INPUTS.action], due: d[RISK_INPUTS.due],
          }),
      }),
      // "who hasn't responded for CSP", "who hasn't done their return" (the SPO: every partnership in the round)
      defineRoute({
        verb: 'whoHasntResponded',
        scope: 'anywhere',
        schema: z.object({ partnershipName: words(150).optional() }),
        handle: (turn, request) => governance.whoHasntResponded(turn.context, turn.person, request),
      }),
    ],
  };
};
