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

export interface ExitSignOffRequest {
  partnershipId: string;
  revision: number;
  decision: 'signOff' | 'changes';
  /** What the Assistant Director wrote in the card's comments box. */
  comments: string;
}

/** The Assistant Director's sign-off of an exit, from the card they were sent. */
export class ExitSignOffHandler {
  constructor(
    private readonly register: PartnershipRegister,
    private readonly people: PeopleDirectory,
    private readonly service: ExitInterviewService,
    private readonly notifier: Notifier,
  ) {}

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
    const by = { objectId: person.objectId, name: person.name };
    const result = await this.service.decide(partnership.id, request.revision, by, request.decision, comments);
    const lead = partnership.leadOfficer;
    switch (result.kind) {
      case 'not-found':
        await context.sendActivity(`There is no exit document for ${plain(partnership.name)} to sign off.`);
        return;
      case 'already-signed-off':
        await context.sendActivity(`The exit of ${plain(partnership.name)} has already been signed off; it is closed. Nothing has changed.`);
        return;
      case 'out-of-date':
        await context.sendActivity(`That card is for an earlier version of the exit document for ${plain(partnership.name)}, so I haven't used it. The latest one is revision ${result.document.revision}; say "${plain(showExitCommand(partnership.name))}" to read it.`);
        return;
      case 'changes-requested':
        await this.notifier.notify(lead.objectId, `exit-changes-${partnership.id}-r${request.revision}`, {
          card: noticeCard(`Changes requested: exit of ${partnership.name}`, [
            `${person.name} has asked for changes before signing off the exit:`,
            comments,
            `The partnership stays exiting. To update your answers, say "exit interview for ${partnership.name}"; your previous answers are kept.`,
          ]),
          summary: `${person.name} asked for changes to the exit of ${partnership.name}`,
        });
        await context.sendActivity(`Thank you. I've asked ${plain(lead.name)} to make the changes; ${plain(partnership.name)} stays exiting.`);
        return;
      case 'signed-off': {
        const exitDate = result.partnership.exitDate ? formatUkDate(result.partnership.exitDate) : 'today';
        await this.notifier.notify(lead.objectId, `exit-closed-${partnership.id}`, {
          card: noticeCard(`Closed: ${partnership.name}`, [
            `${person.name} has signed off the exit. ${partnership.name} is now closed in the register, with the exit date ${exitDate}.`,
            ...(comments ? [`Comments: ${comments}`] : []),
            'Thank you for recording the exit and its lessons; they will be in the annual report to Leadership Team.',
          ]),
          summary: `${partnership.name} is now closed`,
        });
        await context.sendActivity(`Signed off. ${plain(partnership.name)} is now closed in the register (exit date ${exitDate}), and I've told ${plain(lead.name)}.`);
      }
    }
  }
}
