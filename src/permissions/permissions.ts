import { plain } from '../../cards/markdown.js';
import { hasRole, type Person } from '../people/person.js';
import type { Partnership } from '../partnerships/partnership.js';

/**
 * Every "may this person do this" decision in one place (spec section 2), each
 * with the refusal the person is shown beside it. Pure rules over facts the
 * caller has read: dialogs ask, this module decides, and the authorisation
 * matrix test (test/security) covers one file.
 */

export type Verdict = { allowed: true } | { allowed: false; refusal: string };

/** Who is asking: what the rules read of a person. */
export type Actor = Pick<Person, 'objectId' | 'roles' | 'areas'>;

/** What the rules read of a partnership. */
type Entry = Pick<Partnership, 'name' | 'officerIds' | 'serviceArea' | 'leadOfficer'>;

const ALLOWED: Verdict = { allowed: true };

function refused(refusal: string): Verdict {
  return { allowed: false, refusal };
}

function verdict(allowed: boolean, refusal: () => string): Verdict {
  return allowed ? ALLOWED : refused(refusal());
}

const isSpo = (actor: Actor) => hasRole(actor, 'spo');
const isOfficerOn = (actor: Actor, p: Pick<Partnership, 'officerIds'>) => p.officerIds.includes(actor.objectId);
const leads = (actor: Actor, p: Pick<Partnership, 'leadOfficer'>) => p.leadOfficer.objectId === actor.objectId;

/** An Assistant Director whose service areas include this one. */
export function isDirectorOfArea(actor: Actor, area: string): boolean {
  return hasRole(actor, 'ad') && (actor.areas ?? []).includes(area);
}

// ---- Seeing the register -------------------------------------------------

/** How much of the register a person sees (and the words for it on list cards). */
export type RegisterScope = 'whole' | 'area' | 'own';

export function registerScopeOf(actor: Actor): RegisterScope {
  if (isSpo(actor) || hasRole(actor, 'leadership')) return 'whole';
  if (hasRole(actor, 'ad')) return 'area';
  return 'own';
}

/** The SPO and Leadership Team see everything; an Assistant Director their areas; everyone the partnerships they are named on. */
export function canSeePartnership(actor: Actor, p: Pick<Partnership, 'officerIds' | 'serviceArea'>): boolean {
  if (registerScopeOf(actor) === 'whole') return true;
  if (isDirectorOfArea(actor, p.serviceArea)) return true;
  return isOfficerOn(actor, p);
}

/**
 * Said in place of any refusal about a partnership the person may not see:
 * nothing about it, not its name, its officers, nor even that it exists.
 * It is word for word what they are told for a name the register does not have.
 */
export const NOT_FOUND_FOR_YOU = 'I couldn\'t find that partnership among the ones you can see. Check the name, or ask me "my partnerships".';

/** A rule about one partnership: refused with its own words only when the person may see it. */
function aboutPartnership(actor: Actor, p: Entry, allowed: boolean, refusal: () => string): Verdict {
  return verdict(allowed, () => (canSeePartnership(actor, p) ? refusal() : NOT_FOUND_FOR_YOU));
}

export function seePartnership(actor: Actor, p: Entry): Verdict {
  return verdict(canSeePartnership(actor, p), () => NOT_FOUND_FOR_YOU);
}

// ---- Questionnaires for a partnership ------------------------------------

/** Its officers and the SPO complete its questionnaires. */
export function canAnswerFor(actor: Actor, p: Pick<Partnership, 'officerIds'>): boolean {
  return isSpo(actor) || isOfficerOn(actor, p);
}

/** Responding to a partnership's annual self-assessment. */
export function respondToSelfAssessment(actor: Actor & { name?: string }, p: Entry): Verdict {
  return aboutPartnership(
    actor,
    p,
    canAnswerFor(actor, p),
    () =>
      `You aren't named as an officer on ${plain(p.name)}, so I can't start its self-assessment for you. Its lead officer, ${plain(p.leadOfficer.name)}, can add you by saying "add ${plain(actor.name ?? 'you')} to ${plain(p.name)}".`,
  );
}

/** Running a partnership's exit interview. A person who may not see it is told nothing about it. */
export function runExitInterview(actor: Actor, p: Entry): Verdict {
  return aboutPartnership(actor, p, canAnswerFor(actor, p), () => `Only the officers working on ${plain(p.name)}, or the Strategic Partnership Officer, can run its exit interview. ${plain(p.leadOfficer.name)} leads it.`);
}

/** Reading an exit document: whoever may see the partnership; others are told nothing about it. */
export function readExitDocument(actor: Actor, p: Entry): Verdict {
  return verdict(canSeePartnership(actor, p), () => NOT_FOUND_FOR_YOU);
}

// ---- Leading a partnership -----------------------------------------------

/** The lead officer and the SPO close its year, confirm its stage and name its officers. */
export function canLead(actor: Actor, p: Pick<Partnership, 'leadOfficer'>): boolean {
  return isSpo(actor) || leads(actor, p);
}

export function closeSelfAssessment(actor: Actor, p: Entry): Verdict {
  return aboutPartnership(actor, p, canLead(actor, p), () => `Only the lead officer of ${plain(p.name)} (${plain(p.leadOfficer.name)}) or the Strategic Partnership Officer can close its self-assessment.`);
}

export function confirmStage(actor: Actor, p: Entry): Verdict {
  return aboutPartnership(actor, p, canLead(actor, p), () => `Only the lead officer of ${plain(p.name)} or the Strategic Partnership Officer can confirm its stage.`);
}

export function nameOfficer(actor: Actor, p: Entry): Verdict {
  return aboutPartnership(actor, p, canLead(actor, p), () => `Only the lead officer of ${plain(p.name)} or the Strategic Partnership Officer can add officers to it.`);
}

// ---- Decisions by the Assistant Director ---------------------------------

/**
 * Approving a proposal and signing off an exit follow one rule: the Assistant
 * Director of the partnership's service area decides; the Strategic Partnership
 * Officer decides only where that area has no Assistant Director. The caller
 * reads who holds the role for the area (`areaDirectorIds`).
 */
function mayDecide(actor: Actor, p: Entry, areaDirectorIds: readonly string[]): boolean {
  if (isDirectorOfArea(actor, p.serviceArea)) return true;
  return areaDirectorIds.length === 0 && isSpo(actor);
}

/** Whether the SPO decided because the area has no Assistant Director: recorded with the decision. */
export function decidesInPlaceOfDirector(actor: Actor, p: Entry, areaDirectorIds: readonly string[]): boolean {
  return !isDirectorOfArea(actor, p.serviceArea) && areaDirectorIds.length === 0 && isSpo(actor);
}

export function decideProposal(actor: Actor, p: Entry, areaDirectorIds: readonly string[]): Verdict {
  return aboutPartnership(actor, p, mayDecide(actor, p, areaDirectorIds), () =>
    areaDirectorIds.length === 0
      ? `Only the Assistant Director responsible for ${plain(p.name)}, or the Strategic Partnership Officer while its service area has none, can decide on it.`
      : `Only the Assistant Director responsible for ${plain(p.name)} can decide on it.`,
  );
}

export function signOffExit(actor: Actor, p: Entry, areaDirectorIds: readonly string[]): Verdict {
  return aboutPartnership(actor, p, mayDecide(actor, p, areaDirectorIds), () =>
    areaDirectorIds.length === 0
      ? `Only the Assistant Director responsible for ${plain(p.name)}, or the Strategic Partnership Officer while its service area has none, can sign off its exit.`
      : `Only the Assistant Director responsible for ${plain(p.name)} can sign off its exit.`,
  );
}

// ---- The Strategic Partnership Officer's own work -------------------------

export function assignRoles(actor: Actor): Verdict {
  return verdict(isSpo(actor), () => 'Only the Strategic Partnership Officer can give people roles.');
}

export function startAnnualRound(actor: Actor): Verdict {
  return verdict(isSpo(actor), () => 'Only the Strategic Partnership Officer can start the annual round.');
}

// ---- Whole-register documents --------------------------------------------

const readsWholeRegister = (actor: Actor) => isSpo(actor) || hasRole(actor, 'leadership');

export function exportRegister(actor: Actor): Verdict {
  return verdict(
    readsWholeRegister(actor),
    () => 'Only the Strategic Partnership Officer and Leadership Team can export the whole register. To see the partnerships you work on, ask "my partnerships".',
  );
}

export function produceAnnualReport(actor: Actor): Verdict {
  return verdict(
    readsWholeRegister(actor),
    () => 'Only the Strategic Partnership Officer and Leadership Team can see the annual report. Your Assistant Director or the Strategic Partnership Officer can share it with you.',
  );
}

// ---- A person's own things -----------------------------------------------

/** A reminder card is only ever the officer's own: the caller checks it was sent to them. */
export function snoozeReminder(sentToThem: boolean): Verdict {
  return verdict(sentToThem, () => "That reminder isn't one of yours, so nothing was changed.");
}
