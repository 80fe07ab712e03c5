import type { TurnContext } from 'botbuilder';
import { adaptiveCard, commandButton, paragraph } from '../cards/cardTypes.js';
import { STATUS_LABELS } from '../src/status/registerLists.js';
import { cardMessage } from '../src/bot/replies.js';
import type { Person } from '../src/people/person.js';
import type { Partnership } from '../src/partnerships/partnership.js';
import { canSeePartnership } from '../src/permissions/permissions.js';
import { findByName } from '../src/partnerships/partnershipFinder.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';

export interface PickRequest {
  /** The words the officer used for the partnership; may be empty. */
  name: string | undefined;
  /** What the officer wants to do, for the replies: "start the self-assessment". */
  purpose: string;
  /** The command a choice button sends, given the exact partnership name. */
  commandFor(name: string): string;
  /** Only entries in these statuses are candidates. */
  statuses?: Partnership['status'][];
}

/**
 * Turns a partnership named in plain words into a register entry the person
 * may see: one match is returned; several are offered as buttons; none, or one
 * they may not see, is explained without revealing anything about it.
 */
export async function pickPartnership(context: TurnContext, register: PartnershipRegister, person: Person, request: PickRequest): Promise<Partnership | undefined> {
  const candidates = (await register.all()).filter((p) => !request.statuses || request.statuses.includes(p.status));
  // A "which one?" button (or a list entry) names its entry by id: one press always ends the question.
  const chosenId = context.turnState.get<string | undefined>(CHOSEN_PARTNERSHIP);
  const chosen = chosenId ? candidates.find((p) => p.id === chosenId && canSeePartnership(person, p)) : undefined;
  if (chosen) return chosen;
  if (!request.name) {
    const mine = candidates.filter((p) => p.officerIds.includes(person.objectId));
    if (mine.length === 1) return mine[0];
    if (mine.length > 1) {
      await offer(context, `Which partnership would you like to ${request.purpose} for?`, mine, request);
      return undefined;
    }
    await context.sendActivity(`Which partnership? Say, for example, "${request.commandFor('Community Safety Partnership')}".`);
    return undefined;
  }
  const found = findByName(request.name, candidates);
  if (found.kind === 'none') {
    await context.sendActivity(`I couldn't find a partnership called "${request.name.slice(0, 80)}" in the register. Check the name, or ask me "my partnerships".`);
    return undefined;
  }
  if (found.kind === 'several') {
    const visible = found.matches.filter((p) => canSeePartnership(person, p));
    if (visible.length === 0) {
      await context.sendActivity(`I couldn't find a partnership called "${request.name.slice(0, 80)}" that you work on.`);
      return undefined;
    }
    if (visible.length === 1) return visible[0];
    await offer(context, `More than one partnership matches "${request.name.slice(0, 80)}". Which one did you mean?`, visible, request);
    return undefined;
  }
  return found.match;
}

async function offer(context: TurnContext, lead: string, options: Partnership[], request: PickRequest): Promise<void> {
  const card = adaptiveCard(
    [paragraph(lead)],
    options.map((p) => commandButton(distinguished(p), request.commandFor(p.name), undefined, p.id)),
  );
  await context.sendActivity(cardMessage(card, lead));
}

/** Where a button's chosen entry waits for this turn's picker (set by the `say` route). */
export const CHOSEN_PARTNERSHIP = Symbol('chosenPartnership');

/** What tells entries apart on a "which one?" button: its lead officer, status and start year. */
function distinguished(p: Partnership): string {
  return `${p.name} (lead ${p.leadOfficer.name}; ${STATUS_LABELS[p.status].toLowerCase()}; since ${p.startDate.slice(0, 4)})`;
}
