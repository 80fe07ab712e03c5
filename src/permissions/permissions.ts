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

/** Segregation of duties: nobody decides on a proposal they made. `proposerId` is who submitted it. */
export function decideProposal(actor: Actor, p: Entry, areaDirectorIds: readonly string[], proposerId?: string): Verdict {
  if (proposerId !== undefined && proposerId === actor.objectId) {
    return refused(`You proposed ${plain(p.name)}, so someone else must decide on it: its Assistant Director, or the Strategic Partnership Officer while its service area has none.`);
  }
  return aboutPartnership(actor, p, mayDecide(actor, p, areaDirectorIds), () =>
    areaDirectorIds.length === 0
      ? `Only the Assistant Director responsible for ${plain(p.name)}, or the Strategic Partnership Officer while its service area has none, can decide on it.`
      : `Only the Assistant Director responsible for ${plain(p.name)} can decide on it.`,
  );
}

/** "pending approvals": the SPO sees every undecided proposal, an Assistant Director those of their areas. */
export function seePendingApprovals(actor: Actor): Verdict {
  return verdict(isSpo(actor) || hasRole(actor, 'ad'), () => 'Only the Strategic Partnership Officer and Assistant Directors can see the proposals waiting for a decision. To see yours, ask "my partnerships".');
}

/**
 * Reopening a submitted proposal to change its answers (issue 17 item 3): its proposer or lead
 * officer, only while it is proposed and its latest revision undecided. `decided` says how it was
 * decided, when it was, for the refusal.
 */
export function reopenProposal(actor: Actor, p: Entry & Pick<Partnership, 'status'>, proposerId: string | undefined, decided: string | undefined): Verdict {
  if (!canSeePartnership(actor, p) && !isSpo(actor)) return refused(NOT_FOUND_FOR_YOU);
  if (proposerId !== actor.objectId && !leads(actor, p)) return refused(`Only the officer who proposed ${plain(p.name)} can change its answers.`);
  if (p.status !== 'proposed' || decided) return refused(`${plain(p.name)} has already been decided${decided ? ` (${decided})` : ''}, so its answers can't be changed now. To correct its entry, say "edit ${plain(p.name)}".`);
  return ALLOWED;
}

/** What a decision needs said: a reason to reject, to ask for changes, and to approve a red outcome; conditions to approve with conditions. */
export function proposalDecisionReasons(decision: 'approve' | 'conditions' | 'reject' | 'changes', outcome: 'green' | 'amber' | 'red', comments: string, conditions: readonly string[]): Verdict {
  if (decision === 'reject' && !comments) return refused('Please say in the comments box why you are rejecting it, then press **Reject** again. Nothing has changed.');
  if (decision === 'changes' && !comments) return refused('Please say in the comments box what needs to change, then press **Ask for changes** again. Nothing has changed.');
  if (decision === 'conditions' && conditions.length === 0) return refused('Please write the conditions in the conditions box, one a line, then press **Approve with conditions** again. Nothing has changed.');
  if ((decision === 'approve' || decision === 'conditions') && outcome === 'red' && !comments) {
    return refused('This proposal is red: the toolkit says not to proceed without a reasoned decision. Say in the comments box why you approve it, then press the button again. Nothing has changed.');
  }
  return ALLOWED;
}

/** Nobody signs off an exit interview they gave. `completedById` is who completed it. */
export function signOffExit(actor: Actor, p: Entry, areaDirectorIds: readonly string[], completedById?: string): Verdict {
  if (completedById !== undefined && completedById === actor.objectId) {
    return refused(`You completed the exit interview for ${plain(p.name)}, so someone else must sign it off: its Assistant Director, or the Strategic Partnership Officer while its service area has none.`);
  }
  return aboutPartnership(actor, p, mayDecide(actor, p, areaDirectorIds), () =>
    areaDirectorIds.length === 0
      ? `Only the Assistant Director responsible for ${plain(p.name)}, or the Strategic Partnership Officer while its service area has none, can sign off its exit.`
      : `Only the Assistant Director responsible for ${plain(p.name)} can sign off its exit.`,
  );
}

// ---- Correcting the register ---------------------------------------------

/** Register fields (Partnership keys) its lead officer may correct: the entry's details. */
const DETAIL_FIELDS = new Set([
  'name', 'purpose', 'objectives', 'partners', 'officerIds', 'leadMember', 'governingDocument', 'reportingLine', 'inKind', 'liabilities', 'officerHoursPerMonth',
  'totalBudgetPerYear', 'councilCashPerYear', 'exitStrategy', 'endDate', 'councilRole', 'legalForm', 'statutory', 'priorities', 'priorityPlan',
]);
/** Only the SPO changes the council's reference for an entry (it is the import's key). */
const SPO_ONLY_FIELDS = new Set(['reference']);
/** Changes that are written with a reason: money, what significance rests on, and status. */
const NEEDS_REASON = new Set(['councilCashPerYear', 'totalBudgetPerYear', 'liabilities', 'statutory', 'councilRole', 'significance', 'significanceReasons', 'overallRisk', 'status']);

export const FIELD_LABELS: Record<string, string> = {
  name: 'name', purpose: 'purpose', objectives: 'objectives', partners: 'partners', officerIds: 'officers', leadOfficer: 'lead officer', serviceArea: 'service area', assistantDirector: 'Assistant Director',
  status: 'status', stage: 'life-cycle stage', startDate: 'start date', endDate: 'end date', nextReviewDue: 'next review date', exitDate: 'date the council left',
  leadMember: 'lead member', governingDocument: 'governing document', reportingLine: 'reporting line', inKind: 'in-kind contribution', liabilities: 'liabilities',
  officerHoursPerMonth: 'officer hours a month', totalBudgetPerYear: 'total yearly budget', councilCashPerYear: 'council cash per year', exitStrategy: 'exit strategy',
  councilRole: "council's role", legalForm: 'legal form', statutory: 'statutory status', priorities: 'council priorities', priorityPlan: 'council plan',
  significance: 'significance', significanceReasons: 'significance reasons', overallRisk: 'overall risk', reference: 'reference',
};

/** Who may open an entry for correction: its lead officer, its area's Assistant Director, the SPO. */
export function correctEntry(actor: Actor, p: Entry): Verdict {
  if (isSpo(actor) || leads(actor, p) || isDirectorOfArea(actor, p.serviceArea)) return ALLOWED;
  if (!canSeePartnership(actor, p)) return refused(NOT_FOUND_FOR_YOU);
  return refused(`Only the lead officer of ${plain(p.name)} (${plain(p.leadOfficer.name)}), its Assistant Director or the Strategic Partnership Officer can correct its entry.`);
}

/** A change to these fields: the lead officer their entry's details, the Assistant Director their area's entries, the SPO everything. */
export function correctFields(actor: Actor, p: Entry, fields: readonly string[]): Verdict {
  if (isSpo(actor)) return ALLOWED;
  const spoOnly = fields.filter((f) => SPO_ONLY_FIELDS.has(f));
  if (spoOnly.length) return refused(`Only the Strategic Partnership Officer can change the ${spoOnly.map((f) => FIELD_LABELS[f] ?? f).join(' or ')} of an entry. Nothing has changed.`);
  if (isDirectorOfArea(actor, p.serviceArea)) return ALLOWED;
  const oversight = fields.filter((f) => !DETAIL_FIELDS.has(f));
  if (leads(actor, p) && oversight.length === 0) return ALLOWED;
  return refused(
    leads(actor, p)
      ? `As lead officer you can correct the details of ${plain(p.name)}; its ${oversight.map((f) => FIELD_LABELS[f] ?? f).join(', ')} ${oversight.length === 1 ? 'is' : 'are'} changed by its Assistant Director or the Strategic Partnership Officer. Nothing has changed.`
      : canSeePartnership(actor, p)
        ? `Only the lead officer of ${plain(p.name)} (${plain(p.leadOfficer.name)}), its Assistant Director or the Strategic Partnership Officer can correct its entry. Nothing has changed.`
        : NOT_FOUND_FOR_YOU,
  );
}

/** Money, significance inputs and status changes are written with a reason. */
export function reasonForChanges(fields: readonly string[], reason: string): Verdict {
  const needing = fields.filter((f) => NEEDS_REASON.has(f));
  if (needing.length === 0 || reason.trim()) return ALLOWED;
  return refused(`A change to the ${needing.map((f) => FIELD_LABELS[f] ?? f).join(', ')} is recorded with a reason: please give one (on the card, or by adding "because …"). Nothing has changed.`);
}

/** Reading an entry's change history: whoever may see it; others are told nothing about it. */
export function readHistory(actor: Actor, p: Entry): Verdict {
  return verdict(canSeePartnership(actor, p), () => NOT_FOUND_FOR_YOU);
}

/** Removing an entry made in error: the SPO alone, with a reason. */
export function removeEntry(actor: Actor): Verdict {
  return verdict(isSpo(actor), () => 'Only the Strategic Partnership Officer can remove an entry made in error. If the council is leaving the partnership, say "exit interview for" and the partnership instead.');
}

// ---- The Strategic Partnership Officer's own work -------------------------

export function assignRoles(actor: Actor): Verdict {
  return verdict(isSpo(actor), () => 'Only the Strategic Partnership Officer can give people roles.');
}

export function importRegister(actor: Actor): Verdict {
  return verdict(isSpo(actor), () => 'Only the Strategic Partnership Officer can bring the register in from a spreadsheet. To see the partnerships you work on, ask "my partnerships".');
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

/** The SPO and Leadership Team read the whole register's report; an Assistant Director the report for their own areas. */
export function produceAnnualReport(actor: Actor): Verdict {
  return verdict(
    readsWholeRegister(actor) || hasRole(actor, 'ad'),
    () => 'Only the Strategic Partnership Officer, Leadership Team and the Assistant Directors (for their own areas) can see the annual report. Your Assistant Director or the Strategic Partnership Officer can share it with you.',
  );
}

/** The report for the council's governance committee: the SPO produces it. */
export function produceCommitteeReport(actor: Actor): Verdict {
  return verdict(isSpo(actor), () => 'Only the Strategic Partnership Officer can produce the report for the governance committee. To read one already produced, ask the Strategic Partnership Officer or Leadership Team.');
}

/** Listing the reports produced this year: the SPO and Leadership Team all of them, an Assistant Director those for their areas. */
export function listReports(actor: Actor): Verdict {
  return verdict(
    readsWholeRegister(actor) || hasRole(actor, 'ad'),
    () => 'Only the Strategic Partnership Officer, Leadership Team and the Assistant Directors can list the reports produced this year.',
  );
}

/** Said for a report the person may not open: the same words as for one that does not exist. */
export const REPORT_NOT_FOUND = "I couldn't find that report among the ones you can open. Say \"list reports\" to see them.";

/** Opening a kept report: the whole register's for the SPO and Leadership Team; an area's for that area's Assistant Director too. */
export function canOpenReport(actor: Actor, report: { areas?: readonly string[] }): boolean {
  if (readsWholeRegister(actor)) return true;
  return hasRole(actor, 'ad') && report.areas !== undefined && report.areas.length > 0 && report.areas.every((a) => (actor.areas ?? []).includes(a));
}

export function openReport(actor: Actor, report: { areas?: readonly string[] } | undefined): Verdict {
  return verdict(report !== undefined && canOpenReport(actor, report), () => REPORT_NOT_FOUND);
}

// ---- The governance cycle: actions, risks, returns -------------------------

/** A partnership's action log: whoever may see the partnership. */
export function seeActions(actor: Actor, p: Entry): Verdict {
  return verdict(canSeePartnership(actor, p), () => NOT_FOUND_FOR_YOU);
}

/** Closing an action: its owner, the lead officer, the area's Assistant Director or the SPO. */
export function closeAction(actor: Actor, p: Entry, action: { owner: { objectId: string } }): Verdict {
  const allowed = isSpo(actor) || leads(actor, p) || action.owner.objectId === actor.objectId || isDirectorOfArea(actor, p.serviceArea);
  return aboutPartnership(actor, p, allowed, () => `Only the action's owner, the lead officer of ${plain(p.name)} (${plain(p.leadOfficer.name)}), its Assistant Director or the Strategic Partnership Officer can close its actions. Nothing has changed.`);
}

/** A note of the evidence to close an action as done, a reason to drop it. */
export function closeActionNote(status: 'done' | 'dropped', note: string): Verdict {
  if (note.trim()) return ALLOWED;
  return refused(status === 'done'
    ? 'Please say what shows it is done (a note of the evidence, e.g. "minutes of 3 May"), then close it again. Nothing has changed.'
    : 'Please say why the action is being dropped, then close it again. Nothing has changed.');
}

/** Adding a risk to a partnership's register: its officers, its Assistant Director and the SPO. */
export function addRisk(actor: Actor, p: Entry): Verdict {
  return aboutPartnership(actor, p, canAnswerFor(actor, p) || isDirectorOfArea(actor, p.serviceArea), () => `Only the officers named on ${plain(p.name)}, its Assistant Director or the Strategic Partnership Officer can add a risk to it. Nothing has changed.`);
}

/** Who has and has not responded this year: the lead officer and the SPO. */
export function seeReturns(actor: Actor, p: Entry): Verdict {
  return aboutPartnership(actor, p, canLead(actor, p), () => `Only the lead officer of ${plain(p.name)} (${plain(p.leadOfficer.name)}) or the Strategic Partnership Officer can see who has responded to its self-assessment.`);
}

/** The returns across the whole round: the SPO. */
export function seeAllReturns(actor: Actor): Verdict {
  return verdict(isSpo(actor), () => 'Only the Strategic Partnership Officer can see the returns for every partnership. For one you lead, add its name, e.g. "who hasn\'t responded for CSP".');
}

// ---- A person's own things -----------------------------------------------

/** A reminder card is only ever the officer's own: the caller checks it was sent to them. */
export function snoozeReminder(sentToThem: boolean): Verdict {
  return verdict(sentToThem, () => "That reminder isn't one of yours, so nothing was changed.");
}
