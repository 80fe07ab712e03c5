import { z } from 'zod';
import { APPROVAL_COMMENTS_INPUT } from '../../cards/newPartnershipCards.js';
import { recordId } from '../../src/validation/cardFields.js';
import { ApprovalHandler } from '../approvalHandler.js';
import type { FeatureFactory } from '../conversationServices.js';
import { NEW_PARTNERSHIP_BANK_ID, NewPartnershipCompletion } from '../newPartnershipCompletion.js';
import { defineFlow } from '../routing/questionnaireFlow.js';
import { defineRoute } from '../routing/route.js';

/** Registering a new partnership, and the Assistant Director's decision on it. */
export const newPartnershipFeature: FeatureFactory = ({ newPartnerships, register, people, notifier, scale, clock }) => {
  const approvals = new ApprovalHandler(register, people, notifier, clock);
  return {
    flows: [
      defineFlow({
        bankId: NEW_PARTNERSHIP_BANK_ID,
        verb: 'newPartnership',
        // "a new partnership with Essex Police and the Rayleigh Business Group" names the partners, one row each.
        schema: z.object({ partnerNames: z.array(z.string().trim().min(1).max(120)).min(1).max(12).optional() }),
        help: {
          title: 'Register a new partnership',
          detail: 'The toolkit questions and a risk assessment, an outcome with actions, and the Assistant Director told.',
          button: { title: 'New partnership', verb: 'newPartnership' },
        },
        async start(turn, { partnerNames }) {
          await turn.context.sendActivity(
            "Let's register the new partnership. I'll ask the toolkit's questions and then a short risk assessment; it takes about 15 minutes, and you can **save for later** at any point.",
          );
          return {
            kind: 'start',
            request: {
              bankId: NEW_PARTNERSHIP_BANK_ID,
              owner: { objectId: turn.person.objectId, name: turn.person.name },
              subject: { name: partnerNames ? `a partnership with ${listed(partnerNames)}` : 'a new partnership' },
              ...(partnerNames ? { answers: { C1: partnerNames.map((name) => ({ name })) } } : {}),
            },
          };
        },
        completion: new NewPartnershipCompletion({ service: newPartnerships, register, people, notifier, scale, clock }),
      }),
    ],
    routes: [
      // The Approve / Ask for changes buttons on the card the Assistant Director is sent.
      defineRoute({
        verb: 'decideProposal',
        scope: 'anywhere',
        schema: z.object({
          partnershipId: recordId,
          decision: z.enum(['approve', 'changes']),
          [APPROVAL_COMMENTS_INPUT]: z.string().max(5000).optional(),
        }),
        handle: (turn, data) =>
          approvals.handle(turn.context, turn.person, { partnershipId: data.partnershipId, decision: data.decision, comments: (data[APPROVAL_COMMENTS_INPUT] ?? '').trim().slice(0, 1000) }),
      }),
    ],
  };
};

/** "Essex Police and Rayleigh Business Group"; "A, B and C". */
function listed(names: string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
