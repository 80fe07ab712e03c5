import { z } from 'zod';
import { APPROVAL_COMMENTS_INPUT, APPROVAL_CONDITIONS_INPUT } from '../../cards/newPartnershipCards.js';
import { recordId, words } from '../../src/validation/cardFields.js';
import { PendingApprovals } from '../pendingApprovals.js';
import { ProposalReopening } from '../proposalReopening.js';
import { finalAnswers, referenceVersionsOf } from '../../src/questionnaire/draft.js';
import { SUMMARY } from '../../src/questionnaire/steps.js';
import { ApprovalHandler } from '../approvalHandler.js';
import * as permissions from '../../src/permissions/permissions.js';
import type { FeatureFactory } from '../conversationServices.js';
import { NEW_PARTNERSHIP_BANK_ID, NewPartnershipCompletion } from '../newPartnershipCompletion.js';
import { defineFlow } from '../routing/questionnaireFlow.js';
import { defineRoute } from '../routing/route.js';

/** Registering a new partnership, and the Assistant Director's decision on it. */
export const newPartnershipFeature: FeatureFactory = ({ newPartnerships, register, people, notifier, scale, clock, drafts, banks, reference, actions, completions, decisions }, { launcher }) => {
  const approvals = new ApprovalHandler(register, people, notifier, clock, drafts, banks, decisions, actions);
  const pending = new PendingApprovals({ register, people, notifier, reference, scale, clock });
  const completion = new NewPartnershipCompletion({ service: newPartnerships, register, people, notifier, scale, clock, reference, pending, actions });
  const reopening = new ProposalReopening({ register, drafts, banks, clock, launcher });
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
            "Let's register the new partnership. I'll ask the toolkit's questions a section at a time, then a short risk assessment; the card says how long it takes, and you can **save for later** at any point.",
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
        completion,
      }),
    ],
    routes: [
      // The answer to "is it the same partnership?", asked when a new name is equal or very close to one on the register.
      defineRoute({
        verb: 'confirmPartnershipName',
        scope: 'personal',
        schema: z.object({ draftId: recordId, answer: z.enum(['same', 'different']) }),
        invalid: 'That button no longer works. Nothing was changed.',
        handle: async (turn, { draftId, answer }) => {
          const found = await drafts.get(turn.person.objectId, draftId);
          const bank = found && banks.version(found.draft.bankId, found.draft.bankVersion, referenceVersionsOf(found.draft));
          if (!found || !bank || found.draft.status !== 'submitted' || (await register.get(draftId))) {
            await turn.context.sendActivity('That question has already been answered. Nothing has changed.');
            return;
          }
          if (answer === 'same') {
            await drafts.save({ ...found.draft, status: 'inProgress', position: SUMMARY, submittedAt: undefined }, found.etag);
            await turn.context.sendActivity('Then nothing new is registered: the existing entry stays as it is. To correct it, say "edit" and its name. Your answers are kept as a draft; say **continue** to change the name, or delete the draft.');
            return;
          }
          // Registered as any submission is: pending until done, so a fault here never loses it.
          const confirmed = { ...found.draft, context: { ...found.draft.context, nameConfirmed: true }, completion: { state: 'pending' as const, attempts: 0 } };
          await drafts.save(confirmed, found.etag);
          await completions.runInTurn(turn.context, confirmed, bank);
        },
      }),
      // "pending approvals": undecided proposals and what each waits for (SPO: all; Assistant Director: their areas).
      defineRoute({
        verb: 'pendingApprovals',
        scope: 'anywhere',
        schema: z.object({}),
        help: {
          title: 'Proposals waiting for a decision',
          detail: 'Say "pending approvals" for the new partnerships still waiting for a decision (an Assistant Director sees those in their service areas), what each is waiting for, and a button to decide.',
          onlyFor: permissions.seePendingApprovals,
          button: { title: 'Pending approvals', verb: 'pendingApprovals' },
        },
        handle: (turn) => pending.list(turn.context, turn.person),
      }),
      // "change my answers for X", or the button on the submitted notice: reopen before the decision.
      defineRoute({
        verb: 'reopenProposal',
        scope: 'personal',
        schema: z.object({ partnershipId: recordId.optional(), partnershipName: words(150).optional() }),
        handle: (turn, data) => reopening.reopen(turn.context, turn.dc, turn.person, data),
      }),
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

/** "Essex Police and Rayleigh Business Group"; "A, B and C". */
function listed(names: string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
