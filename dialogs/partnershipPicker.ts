import type { TurnContext } from 'botbuilder';
import { adaptiveCard, commandButton, paragraph } from '../cards/cardTypes.js';
import { STATUS_LABELS } from '../src/status/registerLists.js';
import { cardMessage } from '../src/bot/replies.js';
import type { Person } from '../src/people/person.js';
import type { Partnership } from '../src/partnerships/partnership.js';
import { canSeePartnership, registerScopeOf } from '../src/permissions/permissions.js';
import { plain } from '../cards/markdown.js';
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
 * may see. Only the partnerships they may see are candidates, before any name
 * is matched, so a name they may not see is treated exactly like one the
 * register does not have: nothing about it is shown, not even that it exists.
 * One match is returned; several are offered as buttons.
 */
export async function pickPartnership(context: TurnContext, register: PartnershipRegister, person: Person, request: PickRequest): Promise<Partnership | undefined> {
  const isCandidate = (p: Partnership) => p.status !== 'removed' && canSeePartnership(person, p) && (!request.statuses || request.statuses.includes(p.status));
  // A "which one?" button (or a list entry) names its entry by id: one press always ends the question.
  const chosenId = context.turnState.get<string | undefined>(CHOSEN_PARTNERSHIP);
  // The entry chosen by id in one read instead of the whole register. A name is always matched
  // against every entry the person may see: two names that differ only in case or punctuation are
  // both offered (security report M5), which no single-name query can promise.
  const direct = chosenId ? await register.get(chosenId) : undefined;
  if (direct && isCandidate(direct)) return direct;
  const candidates = (await register.all()).filter(isCandidate);
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
    const where = registerScopeOf(person) === 'whole' ? 'in the register' : 'among the ones you can see';
    await context.sendActivity(`I couldn't find a partnership called "${plain(request.name.slice(0, 80))}" ${where}. Check the name, or ask me "my partnerships".`);
    return undefined;
  }
  if (found.kind === 'several') {
    await offer(context, `More than one partnership matches "${plain(request.name.slice(0, 80))}". Which one did you mean?`, found.matches, request);
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
