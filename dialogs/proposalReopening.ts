import type { DialogContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { plain } from '../cards/markdown.js';
import type { Person } from '../src/people/person.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import * as permissions from '../src/permissions/permissions.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import type { DraftRepository } from '../src/questionnaire/draftRepository.js';
import type { Clock } from '../src/util/clock.js';
import { formatUkDate } from '../src/util/ukFormat.js';
import { SUMMARY } from '../src/questionnaire/steps.js';
import { latestOf, openRevisionDraft } from './approvalHandler.js';
import type { QuestionnaireLauncher } from './questionnaireLauncher.js';
import { pickPartnership } from './partnershipPicker.js';

export interface ProposalReopeningDeps {
  register: PartnershipRegister;
  drafts: DraftRepository;
  banks: BankCatalogue;
  clock: Clock;
  launcher: QuestionnaireLauncher;
}

const DECIDED: Record<string, string> = { approved: 'approved', 'approved-with-conditions': 'approved with conditions', rejected: 'rejected' };

export function reopenCommand(name: string): string {
  return `change my answers for ${name}`;
}

/**
 * "change my answers for X", or "Change my answers" on the submitted notice (issue 17 item 3): until
 * the Assistant Director decides, the officer who proposed a partnership gets their answers back
 * as the next revision, opened at "check your answers". Submitting it sends the Assistant Director
 * that revision, and the card they hold for the one before then decides nothing. After the
 * decision it is refused (the permissions module says so).
 */
export class ProposalReopening {
  constructor(private readonly deps: ProposalReopeningDeps) {}

  async reopen(context: TurnContext, dc: DialogContext, person: Person, request: { partnershipId?: string; partnershipName?: string }): Promise<void> {
    const { register } = this.deps;
    const byId = request.partnershipId ? await register.get(request.partnershipId) : undefined;
    const partnership = byId && byId.status !== 'removed' && permissions.canSeePartnership(person, byId)
      ? byId
      : request.partnershipId
        ? undefined
        : await pickPartnership(context, register, person, { name: request.partnershipName, purpose: 'change your answers', commandFor: reopenCommand, statuses: ['proposed', 'active', 'rejected'] });
    if (!partnership) {
      if (request.partnershipId) await context.sendActivity(permissions.NOT_FOUND_FOR_YOU);
      return;
    }
    const latest = latestOf(await register.assessments(partnership.id));
    const decision = latest?.adDecision && latest.adDecision.decision !== 'changes-requested' ? latest.adDecision : undefined;
    const decided = decision ? `${decision.by.name} ${DECIDED[decision.decision] ?? decision.decision} it on ${formatUkDate(decision.at)}` : partnership.status !== 'proposed' ? `it is ${partnership.status}` : undefined;
    const verdict = permissions.reopenProposal(person, partnership, latest?.submittedBy.objectId, decided);
    if (!verdict.allowed || !latest) return void (await context.sendActivity(verdict.allowed ? `${plain(partnership.name)} has no submitted answers to change.` : verdict.refusal));
    const draftId = await openRevisionDraft(this.deps, latest, { objectId: person.objectId, name: person.name }, partnership.name);
    if (!draftId) return void (await context.sendActivity(`I can't reopen ${plain(partnership.name)}: the questions it was answered on are no longer installed. Nothing has changed.`));
    let found = await this.deps.drafts.get(person.objectId, draftId);
    // Reopened before and the draft deleted: it starts again from the answers as submitted.
    if (found?.draft.status === 'discarded') {
      await this.deps.drafts.save({ ...found.draft, status: 'inProgress', answers: latest.answers as never, position: SUMMARY, pendingConfirmation: undefined }, found.etag);
      found = await this.deps.drafts.get(person.objectId, draftId);
    }
    if (found?.draft.status !== 'inProgress') {
      await context.sendActivity(`Your changed answers for ${plain(partnership.name)} have already been sent. Nothing has changed.`);
      return;
    }
    const next = (latest.revision ?? 1) + 1;
    await context.sendActivity(
      `Your answers for ${plain(partnership.name)} are open to change. Change what you need and submit again: it goes to the Assistant Director as revision ${next}, in place of the one they have. Until you do, the proposal stays as it was, and if it is decided meanwhile the decision stands.`,
    );
    await this.deps.launcher.resume(dc, person.objectId, draftId);
  }
}
