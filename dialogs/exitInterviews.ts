import { plain } from '../cards/markdown.js';
import type { TurnContext } from 'botbuilder';
import { exitDocumentCard } from '../cards/exitCards.js';
import { cardMessage } from '../src/bot/replies.js';
import type { Person } from '../src/people/person.js';
import type { ExitInterviewService } from '../src/partnerships/exitInterviewService.js';
import * as permissions from '../src/permissions/permissions.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import type { DraftRepository } from '../src/questionnaire/draftRepository.js';
import { formatGbp, formatUkDate } from '../src/util/ukFormat.js';
import { STATUS_LABELS } from '../src/status/registerLists.js';
import { exitDocumentView, showExitCommand } from './exitDocumentView.js';
import { pickPartnership } from './partnershipPicker.js';
import type { StartDecision } from './routing/questionnaireFlow.js';

export const EXIT_INTERVIEW_BANK_ID = 'exit-interview';

export function exitInterviewCommand(partnershipName: string): string {
  return `exit interview for ${partnershipName}`;
}

export interface ExitInterviewsDeps {
  register: PartnershipRegister;
  service: ExitInterviewService;
  drafts: DraftRepository;
  banks: BankCatalogue;
}

/** Starting an exit interview for a partnership named in plain words, and showing its exit document again. */
export class ExitInterviews {
  constructor(private readonly deps: ExitInterviewsDeps) {}

  /** Works out whether to start the exit interview, carry on the officer's draft of it, or explain why not. */
  async prepareStart(context: TurnContext, person: Person, name: string | undefined): Promise<StartDecision> {
    const { register, service, drafts } = this.deps;
    const handled: StartDecision = { kind: 'handled' };
    const partnership = await pickPartnership(context, register, person, { name, purpose: 'start the exit interview', commandFor: exitInterviewCommand });
    if (!partnership) return handled;
    const verdict = permissions.runExitInterview(person, partnership);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return handled;
    }
    if (partnership.status === 'closed') {
      await context.sendActivity(`${plain(partnership.name)} is already closed${partnership.exitDate ? ` (exit date ${formatUkDate(partnership.exitDate)})` : ''}. To read its exit document, say "${plain(showExitCommand(partnership.name))}".`);
      return handled;
    }
    if (partnership.status === 'rejected') {
      await context.sendActivity(`${plain(partnership.name)} was never approved, so there is nothing to exit. Nothing has changed.`);
      return handled;
    }
    const existing = (await drafts.inProgress(person.objectId)).find((d) => d.bankId === EXIT_INTERVIEW_BANK_ID && d.subject?.partnershipId === partnership.id);
    if (existing) {
      await context.sendActivity(`You've already started the exit interview for ${plain(partnership.name)}, so let's carry on where you left off.`);
      return { kind: 'resume', draftId: existing.id };
    }
    const document = await register.exitDocument(partnership.id);
    if (document?.status === 'awaiting-sign-off') {
      await context.sendActivity(
        `The exit interview for ${plain(partnership.name)} has been submitted and is waiting for the Assistant Director to sign it off. To read it, say "${plain(showExitCommand(partnership.name))}".`,
      );
      return handled;
    }

    const by = { objectId: person.objectId, name: person.name };
    // Kept with the draft so that deleting it puts the partnership back as it was.
    const statusBeforeExit = partnership.status;
    const { prefill, latestScore } = await service.begin(partnership);
    const known: string[] = [];
    if (prefill.known.partners.length > 0) known.push(`the partners (${prefill.known.partners.join(', ')})`);
    known.push(`the council's contribution (about ${formatGbp(prefill.known.totalContribution)} over ${prefill.known.years} year${prefill.known.years === 1 ? '' : 's'})`);
    if (prefill.known.objectives > 0) known.push(`the ${prefill.known.objectives} objective${prefill.known.objectives === 1 ? '' : 's'} recorded on the register`);
    if (latestScore) known.push(`the latest self-assessment score (${latestScore.overallPercent}%, ${latestScore.band}, ${latestScore.year})`);
    const revising = document?.status === 'changes-requested';
    await context.sendActivity(
      [
        `Let's do the exit interview for ${plain(partnership.name)}. It's a conversation rather than a form: I'll ask in short groups, and you can answer on the cards or just type.`,
        `I've already filled in ${joinList(known)}, so you only need to check those and say **yes** if they're right.`,
        revising ? "The Assistant Director asked for changes, so I've kept your previous answers for you to update." : '',
        prefill.known.objectives === 0 && !revising ? 'No objectives are recorded on the register for it, so I\'ll ask you to list them, one a row.' : '',
        `${plain(partnership.name)} stays *${STATUS_LABELS[partnership.status].toLowerCase()}* in the register until you submit the interview; it is marked *exiting* then. It takes about 15 minutes, and you can **save for later** at any point.`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    return {
      kind: 'start',
      request: {
        bankId: EXIT_INTERVIEW_BANK_ID,
        owner: by,
        subject: { partnershipId: partnership.id, name: partnership.name },
        context: { partnershipId: partnership.id, statusBeforeExit, ...(latestScore ? { latestScore } : {}) },
        answers: prefill.answers,
      },
    };
  }

  async show(context: TurnContext, person: Person, name: string | undefined): Promise<void> {
    const { register, banks } = this.deps;
    const partnership = await pickPartnership(context, register, person, { name, purpose: 'see the exit document', commandFor: showExitCommand });
    if (!partnership) return;
    const verdict = permissions.readExitDocument(person, partnership);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const document = await register.exitDocument(partnership.id);
    if (!document) {
      await context.sendActivity(`${plain(partnership.name)} has no exit document yet. Its officers can start one by saying "${plain(exitInterviewCommand(partnership.name))}".`);
      return;
    }
    const card = exitDocumentCard(exitDocumentView(banks.version(document.bankId, document.bankVersion), document));
    await context.sendActivity(cardMessage(card, `Exit document: ${partnership.name}`));
  }
}

function joinList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
