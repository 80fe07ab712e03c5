import { plain } from '../cards/markdown.js';
import type { TurnContext } from 'botbuilder';
import { noticeCard } from '../cards/newPartnershipCards.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { Person } from '../src/people/person.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import type { ExitInterviewService } from '../src/partnerships/exitInterviewService.js';
import * as permissions from '../src/permissions/permissions.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import { formatUkDate } from '../src/util/ukFormat.js';
import { showExitCommand } from './exitDocumentView.js';
import type { DecisionJournal, DecisionRecord } from '../src/completion/decisionJournal.js';

export interface ExitSignOffRequest {
  partnershipId: string;
  revision: number;
  decision: 'signOff' | 'changes';
  /** What the Assistant Director wrote in the card's comments box. */
  comments: string;
}

/** Decisions on an exit: one per revision. */
const EXIT_DECISION = 'exit';

/**
 * The Assistant Director's sign-off of an exit, from the card they were sent. The decision
 * is recorded first (src/completion/decisionJournal.ts), then its steps run, each safe to run
 * again, so an interrupted sign-off is finished by the next press or the recovery sweep.
 */
export class ExitSignOffHandler {
  constructor(
    private readonly register: PartnershipRegister,
    private readonly people: PeopleDirectory,
    private readonly service: ExitInterviewService,
    private readonly notifier: Notifier,
    private readonly journal: DecisionJournal,
  ) {
    journal.define(EXIT_DECISION, (record, context) => this.apply(record as DecisionRecord<ExitSignOffRequest>, context));
  }

  async handle(context: TurnContext, person: Person, request: ExitSignOffRequest): Promise<void> {
    const partnership = await this.register.get(request.partnershipId);
    if (!partnership) {
      await context.sendActivity("I can't find that partnership in the register any more.");
      return;
    }
    const completedBy = (await this.register.exitDocument(partnership.id))?.identification.completedBy.objectId;
    const verdict = permissions.signOffExit(person, partnership, await this.people.assistantDirectorIdsFor(partnership.serviceArea), completedBy);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const comments = request.comments;
    if (request.decision === 'changes' && !comments) {
      await context.sendActivity('Please say in the comments box what needs to change, then press **Ask for changes** again.');
      return;
    }
    const id = `exit.r${request.revision}${request.decision === 'changes' ? '.changes' : ''}`;
    const recorded = await this.journal.find<ExitSignOffRequest>(partnership.id, id);
    if (recorded?.state === 'pending') {
      if (!(await this.journal.run(recorded, context))) await context.sendActivity(`The decision on the exit of ${plain(partnership.name)} is being recorded right now. Nothing else has changed.`);
      return;
    }
    const checked = await this.service.check(partnership.id, request.revision);
    switch (checked.kind) {
      case 'not-found':
        await context.sendActivity(`There is no exit document for ${plain(partnership.name)} to sign off.`);
        return;
      case 'already-signed-off':
        await context.sendActivity(`The exit of ${plain(partnership.name)} has already been signed off; it is closed. Nothing has changed.`);
        return;
      case 'out-of-date':
        await context.sendActivity(`That card is for an earlier version of the exit document for ${plain(partnership.name)}, so I haven't used it. The latest one is revision ${checked.document.revision}; say "${plain(showExitCommand(partnership.name))}" to read it.`);
        return;
    }
    // Asking for changes again on the same revision is a new request (new comments): its id says when.
    const { record, created } = await this.journal.open<ExitSignOffRequest>({
      id: request.decision === 'changes' && recorded ? `${id}.${Date.now()}` : id,
      type: EXIT_DECISION,
      partnershipId: partnership.id,
      revision: request.revision,
      by: { objectId: person.objectId, name: person.name },
      request,
      facts: {},
    });
    if (!created && record.state === 'done') {
      await context.sendActivity(`The exit of ${plain(partnership.name)} has already been decided. Nothing has changed.`);
      return;
    }
    if (!(await this.journal.run(record, context))) await context.sendActivity(`The decision on the exit of ${plain(partnership.name)} is being recorded right now. Nothing else has changed.`);
  }

  private async apply(record: DecisionRecord<ExitSignOffRequest>, context: TurnContext): Promise<void> {
    const { request, by } = record;
    const comments = request.comments;
    const result = await this.service.apply(record.partnershipId, record.revision, by, request.decision, comments, record.createdAt);
    if (result.kind !== 'signed-off' && result.kind !== 'changes-requested') {
      await context.sendActivity('There is no exit document to decide on any more. Nothing has changed.');
      return;
    }
    const partnership = result.partnership;
    const lead = partnership.leadOfficer;
    if (result.kind === 'changes-requested') {
      await this.notifier.notify(lead.objectId, `exit-changes-${partnership.id}-r${record.revision}-${record.id.replace(/[^A-Za-z0-9.-]/g, '')}`, {
        card: noticeCard(`Changes requested: exit of ${partnership.name}`, [
          `${by.name} has asked for changes before signing off the exit:`,
          comments,
          `The partnership stays exiting. To update your answers, say "exit interview for ${partnership.name}"; your previous answers are kept.`,
        ]),
        summary: `${by.name} asked for changes to the exit of ${partnership.name}`,
      });
      await context.sendActivity(`Thank you. I've asked ${plain(lead.name)} to make the changes; ${plain(partnership.name)} stays exiting.`);
      return;
    }
    const exitDate = partnership.exitDate ? formatUkDate(partnership.exitDate) : 'today';
    await this.notifier.notify(lead.objectId, `exit-closed-${partnership.id}`, {
      card: noticeCard(`Closed: ${partnership.name}`, [
        `${by.name} has signed off the exit. ${partnership.name} is now closed in the register, with the exit date ${exitDate}.`,
        ...(comments ? [`Comments: ${comments}`] : []),
        'Thank you for recording the exit and its lessons; they will be in the annual report to Leadership Team.',
      ]),
      summary: `${partnership.name} is now closed`,
    });
    await context.sendActivity(`Signed off. ${plain(partnership.name)} is now closed in the register (exit date ${exitDate}), and I've told ${plain(lead.name)}.`);
  }
}
