import { z } from 'zod';
import { APPROVAL_COMMENTS_INPUT, APPROVAL_CONDITIONS_INPUT } from '../../cards/newPartnershipCards.js';
import { recordId } from '../../src/validation/cardFields.js';
import { ApprovalHandler } from '../approvalHandler.js';
import type { FeatureFactory } from '../conversationServices.js';
import { NEW_PARTNERSHIP_BANK_ID, NewPartnershipCompletion } from '../newPartnershipCompletion.js';
import { defineFlow } from '../routing/questionnaireFlow.js';
import { defineRoute } from '../routing/route.js';

/** Registering a new partnership, and the Assistant Director's decision on it. */
export const newPartnershipFeature: FeatureFactory = ({ newPartnerships, register, people, notifier, scale, clock, drafts, banks, reference }) => {
  const approvals = new ApprovalHandler(register, people, notifier, clock, drafts, banks);
  return {
    flows: [
      defineFlow({
        bankId: NEW_PARTNERSHIP_BANK_ID,
        verb: 'newPartnership',
        // "I want to register a partnership with Essex Police" names a first partner.
        schema: z.object({ partnerName: z.string().trim().min(1).max(120).optional() }),
        help: {
          title: 'Register a new partnership',
          detail: 'The toolkit questions and a risk assessment, an outcome with actions, and the Assistant Director told.',
          button: { title: 'New partnership', verb: 'newPartnership' },
        },
        async start(turn, { partnerName }) {
          await turn.context.sendActivity(
            "Let's register the new partnership. I'll ask the toolkit's questions and then a short risk assessment; it takes about 15 minutes, and you can **save for later** at any point.",
          );
          return {
            kind: 'start',
            request: {
              bankId: NEW_PARTNERSHIP_BANK_ID,
              owner: { objectId: turn.person.objectId, name: turn.person.name },
              subject: { name: partnerName ? `a partnership with ${partnerName}` : 'a new partnership' },
              ...(partnerName ? { answers: { C1: [{ name: partnerName }] } } : {}),
            },
          };
        },
        completion: new NewPartnershipCompletion({ service: newPartnerships, register, people, notifier, scale, clock, reference }),
      }),
    ],
    routes: [
      // The Approve / Ask for changes buttons on the card the Assistant Director is sent.
      defineRoute({
        verb: 'decideProposal',
        scope: 'anywhere',
        schema: z.object({
          partnershipId: recordId,
          decision: z.enum(['approve', 'conditions', 'changes', 'reject']),
          revision: z.number().int().min(1).max(100).optional(),
          [APPROVAL_COMMENTS_INPUT]: z.string().max(5000).optional(),
          [APPROVAL_CONDITIONS_INPUT]: z.string().max(5000).optional(),
        }),
        handle: (turn, data) =>
          approvals.handle(turn.context, turn.person, {
            partnershipId: data.partnershipId,
            decision: data.decision,
            ...(data.revision ? { revision: data.revision } : {}),
            comments: (data[APPROVAL_COMMENTS_INPUT] ?? '').trim().slice(0, 1000),
            conditions: (data[APPROVAL_CONDITIONS_INPUT] ?? '').split(/\r?\n/).map((c) => c.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim()).filter(Boolean).slice(0, 20).map((c) => c.slice(0, 300)),
          }),
      }),
    ],
  };
};
