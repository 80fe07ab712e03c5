import { z } from 'zod';
import { helpCard, helpTopicCard } from '../../cards/helpCard.js';
import { plain } from '../../cards/markdown.js';
import { offersCard, type Offer } from '../../cards/offersCard.js';
import { resumeCard } from '../../cards/resumeCard.js';
import type { Person } from '../../src/people/person.js';
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

/** A button offered in a reply: its words, and the verb and data it asks for (checked again when pressed). */
const offerSchema = z.object({ title: z.string().trim().min(1).max(120), verb: z.string().regex(/^[a-z][A-Za-z0-9]{0,40}$/), data: z.record(z.string(), z.unknown()) });
const offers = z.object({ offers: z.array(offerSchema).max(5).optional() });

/** The things most people come for, as buttons. */
const EVERYDAY_OFFERS: Offer[] = [
  { title: 'New partnership', verb: 'newPartnership', data: {} },
  { title: 'My partnerships', verb: 'status', data: { question: { kind: 'query', ask: 'list', filter: { mine: true } } } },
  { title: 'Reviews due', verb: 'status', data: { question: { kind: 'query', ask: 'list', filter: { reviewDue: { amount: 60, unit: 'day' } } } } },
  { title: 'Help', verb: 'help', data: {} },
];

/** Questions about the register to offer when a question was unclear. */
const QUESTION_OFFERS: Offer[] = [
  { title: 'The whole register', verb: 'status', data: { question: { kind: 'query', ask: 'list', filter: {} } } },
  { title: 'Which partnerships are due review?', verb: 'status', data: { question: { kind: 'query', ask: 'list', filter: { reviewDue: { amount: 60, unit: 'day' } } } } },
  { title: 'My partnerships', verb: 'status', data: { question: { kind: 'query', ask: 'list', filter: { mine: true } } } },
];

/** The likeliest readings, then the usual ones, three at most, each once. */
function padded(likely: readonly Offer[], usual: readonly Offer[], count = 3): Offer[] {
  const chosen: Offer[] = [];
  for (const offer of [...likely, ...usual]) {
    if (chosen.length >= count) break;
    if (!chosen.some((c) => c.title === offer.title)) chosen.push(offer);
  }
  return chosen;
}

/** The short friendly answers to small talk: one or two sentences and the everyday buttons. */
function smallTalkReply(topic: 'greeting' | 'thanks' | 'whoAreYou' | 'whatCanYouDo', person: Person): string {
  const first = firstNameOf(person.name);
  switch (topic) {
    case 'greeting':
      return `Hello${first ? ` ${plain(first)}` : ''}. What can I do for you today?`;
    case 'thanks':
      return "You're welcome. Anything else I can do?";
    case 'whoAreYou':
      return "I'm the Partnership Toolkit bot: I run the council's Partnership Toolkit here in Teams, for officers, Assistant Directors and the Strategic Partnership Officer.";
    case 'whatCanYouDo':
      return 'I can register a new partnership, run the annual self-assessment and exit interviews, and answer questions about the partnerships you work on, such as "which partnerships are due review" or "who leads the Youth Forum".';
  }
}

/**
 * The conversation itself: help, small talk, not understanding, the officer's
 * drafts, buttons that say words for the officer, and questionnaire cards.
 */
export const conversationFeature: FeatureFactory = ({ drafts, banks }, { launcher, helpEntries, continueQuestionnaire }) => {
  const entriesFor = (person: Person) => helpEntries().filter((e) => !e.onlyFor || e.onlyFor(person).allowed);
  const help = (turn: RouteTurn, lead?: string) =>
    turn.context.sendActivity(cardMessage(helpCard({ ...(lead ? { lead } : {}), inChannel: turn.input.scope !== 'personal', entries: entriesFor(turn.person) }), 'What I can help with'));
  const shortAnswer = (turn: RouteTurn, lead: string, buttons: Offer[], hint?: string) =>
    turn.context.sendActivity(cardMessage(offersCard({ lead, offers: buttons, ...(hint ? { hint } : {}) }), lead.replace(/\\(.)/g, '$1')));

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
      // A line of the help card pressed: that thing in full.
      defineRoute({
        verb: 'helpTopic',
        scope: 'anywhere',
        schema: z.object({ topic: z.string().regex(/^[a-z][A-Za-z0-9]{0,40}$/) }),
        handle: async (turn, { topic }) => {
          const entry = entriesFor(turn.person).find((e) => e.topic === topic);
          if (!entry) return help(turn).then(() => undefined);
          await turn.context.sendActivity(cardMessage(helpTopicCard(entry), entry.title));
        },
      }),
      defineRoute({
        verb: 'greeting',
        scope: 'anywhere',
        schema: none,
        handle: async (turn) => {
          // Back after a break with a questionnaire unfinished: offer it first.
          const first = firstNameOf(turn.person.name);
          if (turn.input.scope === 'personal' && (await offerDrafts(turn, `Hello${first ? ` ${plain(first)}` : ''}. You have an unfinished questionnaire: would you like to continue?`))) return;
          await shortAnswer(turn, smallTalkReply('greeting', turn.person), EVERYDAY_OFFERS);
        },
      }),
      defineRoute({
        verb: 'smallTalk',
        scope: 'anywhere',
        schema: z.object({ topic: z.enum(['thanks', 'whoAreYou', 'whatCanYouDo']) }),
        handle: (turn, { topic }) => shortAnswer(turn, smallTalkReply(topic, turn.person), EVERYDAY_OFFERS).then(() => undefined),
      }),
      replyRoute('cancel', "There's nothing in progress to cancel. Type **help** to see what I can do."),
      replyRoute('notNow', 'No problem. Your drafts are kept; message me whenever you want to carry on.'),
      // Not sure enough to act: the likeliest readings as buttons. Nothing is done on a guess.
      defineRoute({
        verb: 'clarify',
        scope: 'anywhere',
        schema: offers,
        handle: async (turn, { offers: likely }) => {
          const lead = turn.words ? `I'm not sure what you meant by "${plain(truncate(turn.words, 80))}". Did you mean one of these?` : 'Did you mean one of these?';
          await shortAnswer(turn, lead, padded(likely ?? [], QUESTION_OFFERS), 'Or type **help** to see everything I can do.');
        },
      }),
      defineRoute({
        verb: 'unknown',
        scope: 'anywhere',
        schema: offers,
        handle: async (turn, { offers: likely }) => {
          const inChannel = turn.input.scope !== 'personal';
          if (!inChannel && (await offerDrafts(turn, 'Welcome back. You have an unfinished questionnaire: would you like to continue?'))) return;
          const lead = turn.words ? `Sorry, I didn't understand "${plain(truncate(turn.words, 80))}".` : "Sorry, I didn't understand that.";
          await shortAnswer(turn, lead, padded(likely ?? [], EVERYDAY_OFFERS), 'You could try one of these, or type **help**.');
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
          if (found?.draft.completion?.state === 'pending') {
            // Submitted, and its saving interrupted (a fault, a restart): the answers are kept and it is being finished.
            await turn.context.sendActivity("That questionnaire is submitted and your answers are kept safe. I'm still finishing saving it and will tell you here when it's done; you don't need to submit again.");
            return;
          }
          await turn.context.sendActivity('That questionnaire has already been submitted or closed, so that card no longer does anything.');
        },
      }),
    ],
  };
};
