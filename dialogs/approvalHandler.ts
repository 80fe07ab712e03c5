import { plain } from '../cards/markdown.js';
import type { TurnContext } from 'botbuilder';
import { actionButton, adaptiveCard, heading, paragraph } from '../cards/cardTypes.js';
import { noticeCard } from '../cards/newPartnershipCards.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { NewPartnershipAssessment, Partnership, PartnershipAction } from '../src/partnerships/partnership.js';
import type { DecisionJournal, DecisionRecord } from '../src/completion/decisionJournal.js';
import type { Person } from '../src/people/person.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import * as permissions from '../src/permissions/permissions.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import { newDraft, referenceVersionsOf } from '../src/questionnaire/draft.js';
import type { DraftRepository } from '../src/questionnaire/draftRepository.js';
import { SUMMARY } from '../src/questionnaire/steps.js';
import { isRecordConflict } from '../src/storage/storageErrors.js';
import type { Clock } from '../src/util/clock.js';
import { formatUkDate } from '../src/util/ukFormat.js';
import type { ActionLog } from '../src/actions/actionLog.js';
import { conditionActions } from '../src/actions/actionSources.js';

export type ProposalDecisionKind = 'approve' | 'conditions' | 'changes' | 'reject';

export interface ApprovalRequest {
  partnershipId: string;
  decision: ProposalDecisionKind;
  /** The revision the card was sent for; absent on cards sent before revisions existed (revision 1). */
  revision?: number;
  /** What the Assistant Director wrote in the card's comments box. */
  comments: string;
  /** The conditions box, one a line. */
  conditions: string[];
}

/** Decisions on a proposal: one per revision. */
const PROPOSAL_DECISION = 'proposal';
function decisionIdOf(revision: number): string {
  return `proposal.r${revision}`;
}

const DECIDED: Record<string, string> = { approved: 'approved', 'approved-with-conditions': 'approved with conditions', rejected: 'rejected', 'changes-requested': 'sent back for changes' };

/**
 * The Assistant Director's decision on a proposed partnership, from the card
 * they were sent: approve, approve with conditions, reject, or ask for changes
 * (the officer then gets their answers back as a draft to amend and resubmit).
 * Who may decide, and what each decision needs said, is the permissions module's.
 */
export class ApprovalHandler {
  constructor(
    private readonly register: PartnershipRegister,
    private readonly people: PeopleDirectory,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly drafts: DraftRepository,
    private readonly banks: BankCatalogue,
    private readonly journal: DecisionJournal,
    /** Conditions of approval go into the partnership's action log. */
    private readonly actions?: ActionLog,
  ) {
    journal.define(PROPOSAL_DECISION, (record, context) => this.apply(record as DecisionRecord<ApprovalRequest>, context));
  }

  async handle(context: TurnContext, person: Person, request: ApprovalRequest): Promise<void> {
    const partnership = await this.register.get(request.partnershipId);
    if (!partnership) {
      await context.sendActivity("I can't find that partnership in the register any more.");
      return;
    }
    const assessments = await this.register.assessments(partnership.id);
    const latest = latestOf(assessments);
    const directors = await this.people.assistantDirectorIdsFor(partnership.serviceArea);
    const verdict = permissions.decideProposal(person, partnership, directors, latest?.submittedBy.objectId);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const revision = latest?.revision ?? 1;
    // A decision on this revision that was interrupted (a fault, a restart) is finished now, whoever presses.
    const recorded = await this.journal.find<ApprovalRequest>(partnership.id, decisionIdOf(revision));
    if (recorded?.state === 'pending') {
      if (!(await this.journal.run(recorded, context))) await context.sendActivity(`The decision on ${plain(partnership.name)} is being recorded right now. Nothing else has changed.`);
      return;
    }
    if (partnership.status !== 'proposed' || (latest?.adDecision?.decision === 'changes-requested' && (request.revision ?? 1) === revision)) {
      const decided = latest?.adDecision;
      await context.sendActivity(
        decided
          ? `${plain(partnership.name)} has already been decided: ${plain(decided.by.name)} ${DECIDED[decided.decision] ?? decided.decision} it on ${formatUkDate(decided.at)}. Nothing has changed.`
          : `${plain(partnership.name)} has already been decided: it is now ${partnership.status}. Nothing has changed.`,
      );
      return;
    }
    if ((request.revision ?? 1) !== revision) {
      await context.sendActivity(`That card is for revision ${request.revision ?? 1} of ${plain(partnership.name)}; it has since been resubmitted as revision ${revision}, so I haven't used it. Decide on the latest card. Nothing has changed.`);
      return;
    }
    const reasons = permissions.proposalDecisionReasons(request.decision, latest?.outcome ?? 'green', request.comments, request.conditions);
    if (!reasons.allowed) {
      await context.sendActivity(reasons.refusal);
      return;
    }
    // Written before any effect, with the decision's id: two presses (two instances) make one decision,
    // and one interrupted is finished by the next press or the recovery sweep.
    const { record, created } = await this.journal.open<ApprovalRequest>({
      id: decisionIdOf(revision),
      type: PROPOSAL_DECISION,
      partnershipId: partnership.id,
      revision,
      by: { objectId: person.objectId, name: person.name },
      request,
      facts: { before: partnership, inPlaceOfDirector: permissions.decidesInPlaceOfDirector(person, partnership, directors), ...(latest ? { assessmentId: latest.id } : {}) },
    });
    if (!created && record.state === 'done') {
      await context.sendActivity(`${plain(partnership.name)} has already been decided. Nothing has changed.`);
      return;
    }
    if (!(await this.journal.run(record, context))) await context.sendActivity(`The decision on ${plain(partnership.name)} is being recorded right now. Nothing else has changed.`);
  }

  /** The decision's steps, each safe to run again: the register, the assessment, the officer told (outbox), the decider told. */
  private async apply(record: DecisionRecord<ApprovalRequest>, context: TurnContext): Promise<void> {
    const request = record.request;
    const before = record.facts['before'] as Partnership;
    const inPlaceOfDirector = record.facts['inPlaceOfDirector'] === true;
    const assessmentId = typeof record.facts['assessmentId'] === 'string' ? record.facts['assessmentId'] : undefined;
    const latest = assessmentId ? await this.register.assessment(before.id, assessmentId) : undefined;
    const partnership = (await this.register.get(before.id)) ?? before;
    const { by, revision } = record;
    const at = record.createdAt;
    const decisionOf = (decision: NonNullable<NewPartnershipAssessment['adDecision']>['decision']) => ({
      decision, by, at, ...(request.comments ? { comments: request.comments } : {}), ...(request.conditions.length ? { conditions: request.conditions } : {}), ...(inPlaceOfDirector ? { inPlaceOfDirector: true } : {}),
    });
    const lead = partnership.leadOfficer;
    const proposer = latest?.submittedBy ?? lead;

    if (request.decision === 'changes') {
      if (latest) await this.register.updateAssessment(partnership.id, latest.id, by, 'assessment.changes-requested', (a) => (a.adDecision ? undefined : { ...a, adDecision: decisionOf('changes-requested') }), { once: true });
      const draftId = latest ? await this.revisionDraft(latest, proposer, partnership.name) : undefined;
      await this.notifier.notify(proposer.objectId, `changes-${partnership.id}-r${revision}`, {
        card: adaptiveCard(
          [
            heading(`Changes requested: ${plain(partnership.name)}`),
            paragraph(`${plain(by.name)} has asked for changes before deciding:`),
            paragraph(plain(request.comments)),
            paragraph(draftId ? `Your answers are ready for you to change: press the button, change what was asked and submit again; it goes back as revision ${revision + 1}. The partnership stays proposed meanwhile.` : 'The partnership stays proposed until it is decided.'),
          ],
          draftId ? [actionButton('Change my answers', 'resume', { draftId }, { style: 'positive' })] : [],
        ),
        summary: `${by.name} asked for changes to ${partnership.name}`,
      });
      await context.sendActivity(
        draftId
          ? `Thank you. I've given ${plain(proposer.name)} their answers back to change as you asked; ${plain(partnership.name)} stays proposed, and you'll be sent revision ${revision + 1}.`
          : `Thank you. I've asked ${plain(proposer.name)} to make the changes; ${plain(partnership.name)} stays proposed.`,
      );
      return;
    }

    const approving = request.decision === 'approve' || request.decision === 'conditions';
    const actions: PartnershipAction[] = request.decision === 'conditions' ? request.conditions.map((text, i) => ({ id: `condition-r${revision}-${i + 1}`, text, source: 'approval-condition', addedAt: at, by })) : [];
    const { partnership: updated } = await this.register.correct(
      partnership.id,
      by,
      approving ? 'partnership.approved' : 'partnership.rejected',
      (p) => (p.status === 'proposed' ? { ...p, status: approving ? 'active' : 'rejected', ...(actions.length ? { actions: [...(p.actions ?? []), ...actions] } : {}) } : undefined),
      { ...(request.comments ? { reason: request.comments } : {}), ...(inPlaceOfDirector ? { note: 'Decided by the Strategic Partnership Officer: the service area has no Assistant Director' } : {}), once: { auditKey: `${partnership.id}.${record.id}`, before } },
    );
    const expected = approving ? 'active' : 'rejected';
    if (updated?.status !== expected) {
      await context.sendActivity(`${plain(partnership.name)} could not be decided: it is ${updated?.status ?? 'no longer in the register'}. Nothing has changed.`);
      return;
    }
    const decision = request.decision === 'approve' ? 'approved' : request.decision === 'conditions' ? 'approved-with-conditions' : 'rejected';
    if (actions.length > 0 && this.actions) await this.actions.raise(updated, conditionActions(updated, actions), by);
    if (latest) await this.register.updateAssessment(partnership.id, latest.id, by, `assessment.${decision}`, (a) => (a.adDecision ? undefined : { ...a, adDecision: decisionOf(decision) }), { once: true });
    const lines =
      request.decision === 'reject'
        ? [`${by.name} has rejected the proposal. It is recorded as rejected in the register.`, `Reason: ${request.comments}`]
        : [
            `${by.name} has approved the partnership${actions.length ? ' with conditions' : ''}. It is now active in the register.`,
            ...actions.map((a) => `Condition: ${a.text}`),
            ...(request.comments ? [`Comments: ${request.comments}`] : []),
          ];
    await this.notifier.notify(lead.objectId, `${decision}-${partnership.id}`, {
      card: noticeCard(`${request.decision === 'reject' ? 'Rejected' : 'Approved'}: ${partnership.name}`, lines),
      summary: `${partnership.name} has been ${DECIDED[decision]}`,
    });
    const place = inPlaceOfDirector ? ' (recorded as decided by the Strategic Partnership Officer, as the service area has no Assistant Director)' : '';
    await context.sendActivity(
      request.decision === 'reject'
        ? `Rejected. ${plain(partnership.name)} is recorded as rejected, with your reason${place}, and I've told ${plain(lead.name)}.`
        : `Approved${actions.length ? ` with ${actions.length === 1 ? '1 condition' : `${actions.length} conditions`}, each now an action on the partnership` : ''}. ${plain(partnership.name)} is now active in the register${place}, and I've told ${plain(lead.name)}.`,
    );
  }

  /** The proposer's answers back as a draft of the next revision, opened at the summary so they change what was asked. */
  private async revisionDraft(latest: NewPartnershipAssessment, proposer: { objectId: string; name: string }, name: string): Promise<string | undefined> {
    return openRevisionDraft({ drafts: this.drafts, banks: this.banks, clock: this.clock }, latest, proposer, name);
  }
}

/**
 * A proposal's answers as a draft of its next revision, opened at the summary: after the Assistant
 * Director asked for changes, or when the officer reopens it before the decision (issue 17 item 3).
 * Its id is the partnership's and the revision's, so asking twice finds the same draft. Submitting
 * it resubmits the proposal as that revision; the card for the revision before then decides nothing.
 */
export async function openRevisionDraft(
  deps: { drafts: DraftRepository; banks: BankCatalogue; clock: Clock },
  latest: NewPartnershipAssessment,
  proposer: { objectId: string; name: string },
  name: string,
): Promise<string | undefined> {
  const revision = (latest.revision ?? 1) + 1;
  const id = `${latest.partnershipId}.r${revision}`;
  const earlier = await deps.drafts.get(proposer.objectId, latest.id);
  const versions = earlier ? referenceVersionsOf(earlier.draft) : {};
  const bank = deps.banks.version(latest.bankId, latest.bankVersion, versions);
  if (!bank) return undefined;
  const draft = newDraft({
    id, owner: proposer, bank, subject: { partnershipId: latest.partnershipId, name: `${name} (revision ${revision})` },
    context: { revisionOf: latest.partnershipId, revision, ...(earlier?.draft.context['referenceVersions'] ? { referenceVersions: earlier.draft.context['referenceVersions'] } : {}) },
    answers: latest.answers as never, now: deps.clock.now(),
  });
  try {
    await deps.drafts.create({ ...draft, position: SUMMARY });
  } catch (error) {
    if (!isRecordConflict(error)) throw error;
  }
  return id;
}

/** The latest revision of a proposal's assessment. */
export function latestOf(assessments: NewPartnershipAssessment[]): NewPartnershipAssessment | undefined {
  return [...assessments].sort((a, b) => (a.revision ?? 1) - (b.revision ?? 1)).at(-1);
}
