import { plain } from '../cards/markdown.js';
import type { TurnContext } from 'botbuilder';
import { noticeCard } from '../cards/newPartnershipCards.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { Person } from '../src/people/person.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import * as permissions from '../src/permissions/permissions.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { Clock } from '../src/util/clock.js';

export interface ApprovalRequest {
  partnershipId: string;
  decision: 'approve' | 'changes';
  /** What the Assistant Director wrote in the card's comments box. */
  comments: string;
}

/** The Assistant Director's decision on a proposed partnership, from the card they were sent. */
export class ApprovalHandler {
  constructor(
    private readonly register: PartnershipRegister,
    private readonly people: PeopleDirectory,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  async handle(context: TurnContext, person: Person, request: ApprovalRequest): Promise<void> {
    const partnership = await this.register.get(request.partnershipId);
    if (!partnership) {
      await context.sendActivity("I can't find that partnership in the register any more.");
      return;
    }
    const directors = await this.people.assistantDirectorIdsFor(partnership.serviceArea);
    const verdict = permissions.decideProposal(person, partnership, directors);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    if (partnership.status !== 'proposed') {
      await context.sendActivity(`${plain(partnership.name)} has already been decided: it is now ${partnership.status}. Nothing has changed.`);
      return;
    }
    const by = { objectId: person.objectId, name: person.name };
    const comments = request.comments;
    const at = this.clock.now().toISOString();

    if (request.decision === 'changes') {
      if (!comments) {
        await context.sendActivity('Please say in the comments box what needs to change, then press **Ask for changes** again.');
        return;
      }
      await this.register.updateAssessment(partnership.id, partnership.id, by, 'assessment.changes-requested', (a) => ({ ...a, adDecision: { decision: 'changes-requested', by, at, comments } }));
      await this.notifier.notify(partnership.leadOfficer.objectId, `changes-${partnership.id}-${at}`, {
        card: noticeCard(`Changes requested: ${partnership.name}`, [`${person.name} has asked for changes before approving:`, comments, 'The partnership stays proposed until it is approved.']),
        summary: `${person.name} asked for changes to ${partnership.name}`,
      });
      await context.sendActivity(`Thank you. I've asked ${plain(partnership.leadOfficer.name)} to make the changes; ${plain(partnership.name)} stays proposed.`);
      return;
    }

    const updated = await this.register.update(partnership.id, by, 'partnership.approved', (p) => (p.status === 'proposed' ? { ...p, status: 'active' } : undefined));
    if (updated?.status !== 'active') {
      await context.sendActivity(`${plain(partnership.name)} could not be approved: it is ${updated?.status ?? 'no longer in the register'}.`);
      return;
    }
    await this.register.updateAssessment(partnership.id, partnership.id, by, 'assessment.approved', (a) => ({ ...a, adDecision: { decision: 'approved', by, at, ...(comments ? { comments } : {}) } }));
    await this.notifier.notify(partnership.leadOfficer.objectId, `approved-${partnership.id}`, {
      card: noticeCard(`Approved: ${partnership.name}`, [`${person.name} has approved the partnership. It is now active in the register.`, ...(comments ? [`Comments: ${comments}`] : [])]),
      summary: `${partnership.name} has been approved`,
    });
    await context.sendActivity(`Approved. ${plain(partnership.name)} is now active in the register, and I've told ${plain(partnership.leadOfficer.name)}.`);
  }
}
