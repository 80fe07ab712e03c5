import { z } from 'zod';
import { helpCard } from '../../cards/helpCard.js';
import { resumeCard } from '../../cards/resumeCard.js';
import { welcomeCard } from '../../cards/welcomeCard.js';
import { cardMessage } from '../../src/bot/replies.js';
import { truncate } from '../../src/util/truncate.js';
import { recordId } from '../../src/validation/cardFields.js';
import type { FeatureFactory } from '../conversationServices.js';
import { draftLine } from '../describeDraft.js';
import { CHOSEN_PARTNERSHIP } from '../partnershipPicker.js';
import { defineRoute, type RouteTurn } from '../routing/route.js';

const none = z.object({});

/** A route whose whole answer is one line. */
function replyRoute(verb: string, reply: string) {
  return defineRoute({
    verb,
    scope: 'anywhere',
    schema: none,
    handle: async (turn) => {
      await turn.context.sendActivity(reply);
    },
  });
}

/** The first name, for greetings. */
export function firstNameOf(name: string): string | undefined {
  const first = name.trim().split(/\s+/)[0];
  return first ? first : undefined;
}

/**
 * The conversation itself: help, greetings, not understanding, the officer's
 * drafts, buttons that say words for the officer, and questionnaire cards.
 */
export const conversationFeature: FeatureFactory = ({ drafts, banks }, { launcher, helpEntries, continueQuestionnaire }) => {
  const help = (turn: RouteTurn, lead?: string) =>
    turn.context.sendActivity(cardMessage(helpCard({ ...(lead ? { lead } : {}), inChannel: turn.input.scope !== 'personal', entries: helpEntries() }), 'What I can help with'));

  /** Offers the officer's unfinished drafts; false if there are none. */
  const offerDrafts = async (turn: RouteTurn, lead: string): Promise<boolean> => {
    const described = (await drafts.inProgress(turn.person.objectId)).flatMap((draft) => {
      const bank = banks.version(draft.bankId, draft.bankVersion);
      return bank ? [{ draftId: draft.id, description: draftLine(bank, draft) }] : [];
    });
    if (described.length === 0) return false;
    const card = resumeCard({
      lead: described.length === 1 ? lead : `You have ${described.length} unfinished questionnaires. Which would you like to continue?`,
      drafts: described,
    });
    await turn.context.sendActivity(cardMessage(card, `Continue ${described[0]!.description}?`));
    return true;
  };

  return {
    routes: [
      defineRoute({ verb: 'help', scope: 'anywhere', schema: none, handle: (turn) => help(turn).then(() => undefined) }),
      defineRoute({
        verb: 'greeting',
        scope: 'anywhere',
        schema: none,
        handle: async (turn) => {
          await turn.context.sendActivity(cardMessage(welcomeCard({ firstName: firstNameOf(turn.person.name) }), 'Welcome'));
        },
      }),
      replyRoute('cancel', "There's nothing in progress to cancel. Type **help** to see what I can do."),
      replyRoute('notNow', 'No problem. Your drafts are kept; message me whenever you want to carry on.'),
      defineRoute({
        verb: 'unknown',
        scope: 'anywhere',
        schema: none,
        handle: async (turn) => {
          const inChannel = turn.input.scope !== 'personal';
          if (!inChannel && (await offerDrafts(turn, 'Welcome back. You have an unfinished questionnaire: would you like to continue?'))) return;
          await help(turn, turn.words ? `Sorry, I didn't understand "${truncate(turn.words, 80)}". Here is what I can help with:` : "Sorry, I didn't understand that. Here is what I can help with:");
        },
      }),
      // A button that says words for the officer: recognised exactly as if typed.
      defineRoute({
        verb: 'say',
        scope: 'anywhere',
        schema: z.object({ command: z.string().trim().max(10_000), partnershipId: recordId.optional() }),
        handle: (turn, { command, partnershipId }) => {
          // The partnership a button names by id is the one meant, whatever shares its name.
          if (partnershipId) turn.context.turnState.set(CHOSEN_PARTNERSHIP, partnershipId);
          return turn.dispatchText(command);
        },
      }),
      defineRoute({
        verb: 'resume',
        scope: 'personal',
        schema: z.object({ draftId: recordId.optional() }),
        invalid: 'That draft has already been submitted or deleted.',
        handle: async (turn, { draftId }) => {
          if (!draftId) {
            if (!(await offerDrafts(turn, 'Which questionnaire would you like to carry on with?'))) {
              await turn.context.sendActivity('You have no unfinished questionnaires. Type **help** to start one.');
            }
            return;
          }
          // Drafts are kept per owner, so another officer's draft id finds nothing.
          const found = await drafts.get(turn.person.objectId, draftId);
          if (found?.draft.status !== 'inProgress') {
            await turn.context.sendActivity('That draft has already been submitted or deleted.');
            return;
          }
          await launcher.resume(turn.dc, turn.person.objectId, draftId);
        },
      }),
      // A questionnaire card: the questionnaire in progress takes it; after a restart or
      // days later (its dialog state gone), its draft is found and carried on from the card.
      defineRoute({
        verb: 'questionnaire',
        scope: 'personal',
        schema: z.looseObject({ qa: z.object({ draft: recordId, seq: z.number().int().min(0), nonce: z.string().min(1).max(100) }) }),
        invalid: 'That card no longer does anything. Say **continue** to carry on with your questionnaire.',
        handle: async (turn, { qa }) => {
          if (await continueQuestionnaire(turn)) return;
          const found = await drafts.get(turn.person.objectId, qa.draft);
          if (found?.draft.status === 'inProgress') {
            await launcher.resume(turn.dc, turn.person.objectId, qa.draft, true);
            return;
          }
          await turn.context.sendActivity('That questionnaire has already been submitted or closed, so that card no longer does anything.');
        },
      }),
    ],
  };
};
