import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { helpCard } from '../cards/helpCard.js';
import { resumeCard } from '../cards/resumeCard.js';
import { welcomeCard } from '../cards/welcomeCard.js';
import { recogniseIntent, type Intent } from '../src/conversation/intents.js';
import type { Logger } from '../src/logging/logger.js';
import type { Person } from '../src/people/person.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import type { DraftRepository } from '../src/questionnaire/draftRepository.js';
import { cardMessage } from '../src/bot/replies.js';
import type { TurnInput } from '../src/bot/turnInput.js';
import { draftLine } from './describeDraft.js';
import { QuestionnaireDialog, questionnaireRefOf, type QuestionnaireDialogResult, type QuestionnaireServices } from './questionnaireDialog.js';
import { QuestionnaireLauncher } from './questionnaireLauncher.js';
import { readApproval, type ApprovalHandler } from './approvalHandler.js';
import type { RoleAssignment } from './roleAssignment.js';
import type { ExitInterviews } from './exitInterviews.js';
import { readExitSignOff, type ExitSignOffHandler } from './exitSignOffHandler.js';
import { NEW_PARTNERSHIP_BANK_ID } from './newPartnershipCompletion.js';
import type { SelfAssessmentCommands } from './selfAssessmentCommands.js';
import type { StatusAnswers } from './statusAnswers.js';
import type { ChannelHandover } from './channelHandover.js';
import type { ReportCommands } from './reportCommands.js';
import { STATUS_PAGE_ACTION } from '../src/status/statusQuestionSchema.js';
import type { ReminderCommands } from './reminderCommands.js';
import { SNOOZE_REMINDER_ACTION } from '../cards/reminderCard.js';
import { truncate } from '../src/util/truncate.js';

export interface RouterServices extends Omit<QuestionnaireServices, 'isOtherRequest'> {
  banks: BankCatalogue;
  drafts: DraftRepository;
  logger: Logger;
  approvals: ApprovalHandler;
  roles: RoleAssignment;
  selfAssessments: SelfAssessmentCommands;
  exits: ExitInterviews;
  exitSignOffs: ExitSignOffHandler;
  status: StatusAnswers;
  handover: ChannelHandover;
  reminders: ReminderCommands;
  reports: ReportCommands;
}

export const PRACTICE_BANK_ID = 'practice';

/**
 * Decides what a message means when no questionnaire is holding the
 * conversation, and hands it to the dialog that owns it.
 */
export class ConversationRouter {
  private readonly dialogs: DialogSet;
  private readonly launcher: QuestionnaireLauncher;

  constructor(
    dialogState: StatePropertyAccessor<DialogState>,
    private readonly services: RouterServices,
    isOtherRequest: (text: string) => boolean,
  ) {
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(new QuestionnaireDialog({ ...services, isOtherRequest }));
    this.launcher = new QuestionnaireLauncher(services.banks, services.drafts, services.clock);
  }

  async onMessage(context: TurnContext, input: TurnInput, person: Person): Promise<void> {
    const text = commandText(input);
    const dc = await this.dialogs.createContext(context);
    // A decision card can be pressed at any time, even mid-questionnaire; it never disturbs one.
    const approval = readApproval(input.value);
    if (approval) {
      await this.services.approvals.handle(context, person, approval, input.value ?? {});
      return;
    }
    // Confirming a life-cycle stage is a card of its own, answered whenever the officer is ready.
    if (input.value?.['action'] === 'confirmStage') {
      await this.services.selfAssessments.confirmStage(context, person, input.value);
      return;
    }
    // Paging through a list answer is read-only, so it never disturbs a questionnaire either.
    if (input.value?.['action'] === STATUS_PAGE_ACTION) {
      await this.services.status.onPageAction(context, person, input.value);
      return;
    }
    // Snoozing a reminder is about the officer's own settings, so it never disturbs a questionnaire.
    if (input.value?.['action'] === SNOOZE_REMINDER_ACTION) {
      await this.services.reminders.snoozeFromCard(context, person, input.value);
      return;
    }
    const exitSignOff = readExitSignOff(input.value);
    if (exitSignOff) {
      await this.services.exitSignOffs.handle(context, person, exitSignOff, input.value ?? {});
      return;
    }
    if (dc.activeDialog) {
      const result = await this.continueActive(dc);
      const unhandled = (result.result as QuestionnaireDialogResult | undefined)?.unhandled === true;
      if (result.status !== DialogTurnStatus.empty && !unhandled) return;
    }

    // A questionnaire card pressed after its dialog state was lost (restart, redeploy, days later).
    const ref = questionnaireRefOf(context);
    if (ref && input.scope === 'personal') {
      const found = await this.services.drafts.get(person.objectId, ref.draft);
      if (found?.draft.status === 'inProgress') {
        await this.launcher.resume(dc, ref.draft, true);
        return;
      }
      await context.sendActivity('That questionnaire has already been submitted or closed, so that card no longer does anything.');
      return;
    }
    const resumeId = input.value?.['resume'];
    if (typeof resumeId === 'string' && input.scope === 'personal') {
      const found = await this.services.drafts.get(person.objectId, resumeId);
      if (found?.draft.status === 'inProgress') {
        await this.launcher.resume(dc, resumeId);
      } else {
        await context.sendActivity('That draft has already been submitted or deleted.');
      }
      return;
    }

    await this.route(dc, recogniseIntent(text), input, person, text);
  }

  private async continueActive(dc: DialogContext) {
    try {
      return await dc.continueDialog();
    } catch (error) {
      // A dialog stack from an older deployment that this one cannot continue: drop the stack,
      // never the draft. The officer is offered their drafts instead.
      this.services.logger.warn({ err: error }, 'could not continue the saved dialog; starting afresh');
      await dc.cancelAllDialogs();
      return { status: DialogTurnStatus.empty };
    }
  }

  private async route(dc: DialogContext, intent: Intent, input: TurnInput, person: Person, text: string): Promise<void> {
    const context = dc.context;
    const inChannel = input.scope !== 'personal';
    switch (intent.name) {
      case 'help':
        await context.sendActivity(cardMessage(helpCard({ inChannel }), 'What I can help with'));
        return;
      case 'cancel':
        await context.sendActivity("There's nothing in progress to cancel. Type **help** to see what I can do.");
        return;
      case 'greeting':
        await context.sendActivity(cardMessage(welcomeCard({ firstName: firstNameOf(person.name) }), 'Welcome'));
        return;
      case 'notNow':
        await context.sendActivity('No problem. Your drafts are kept; message me whenever you want to carry on.');
        return;
      case 'startPractice':
        if (inChannel) return this.services.handover.handOver(context, person, text);
        await this.launcher.start(dc, { bankId: PRACTICE_BANK_ID, owner: { objectId: person.objectId, name: person.name } });
        return;
      case 'assignRole':
        await this.services.roles.handle(context, person, intent);
        return;
      case 'newPartnership':
        if (inChannel) return this.services.handover.handOver(context, person, text);
        await context.sendActivity(
          "Let's register the new partnership. I'll ask the toolkit's questions and then a short risk assessment; it takes about 15 minutes, and you can **save for later** at any point.",
        );
        await this.launcher.start(dc, {
          bankId: NEW_PARTNERSHIP_BANK_ID,
          owner: { objectId: person.objectId, name: person.name },
          subject: { name: intent.partnerName ? `a partnership with ${intent.partnerName}` : 'a new partnership' },
          answers: intent.partnerName ? { C1: [{ name: intent.partnerName }] } : undefined,
        });
        return;
      case 'selfAssessment': {
        if (inChannel) return this.services.handover.handOver(context, person, text);
        const decision = await this.services.selfAssessments.prepareStart(context, person, intent.partnershipName, intent.year);
        if (decision.kind === 'start') await this.launcher.start(dc, decision.request);
        if (decision.kind === 'resume') await this.launcher.resume(dc, decision.draftId);
        return;
      }
      case 'closeSelfAssessment':
        if (inChannel) return this.services.handover.handOver(context, person, text);
        await this.services.selfAssessments.close(context, person, intent.partnershipName, intent.year);
        return;
      case 'startAnnualRound':
        await this.services.selfAssessments.startAnnualRound(context, person);
        return;
      case 'addOfficer':
        await this.services.selfAssessments.addOfficer(context, person, intent);
        return;
      case 'exitInterview':
        if (inChannel) return this.services.handover.handOver(context, person, text);
        await this.services.exits.start(dc, this.launcher, person, intent.partnershipName);
        return;
      case 'showExitDocument':
        await this.services.exits.show(context, person, intent.partnershipName);
        return;
      case 'status':
        await this.services.status.answer(context, person, intent.question);
        return;
      case 'exportRegister':
        await this.services.reports.exportRegister(context, person, inChannel);
        return;
      case 'annualReport':
        await this.services.reports.annualReport(context, person, intent, inChannel);
        return;
      case 'statusUnsure':
        await this.services.status.suggest(context, text, intent.suggestions);
        return;
      case 'snoozeReminders':
        await this.services.reminders.snoozeAll(context, person, intent.days);
        return;
      case 'remindersOff':
        await this.services.reminders.turnOff(context, person);
        return;
      case 'remindersOn':
        await this.services.reminders.turnOn(context, person);
        return;
      case 'resume':
        if (inChannel) return this.services.handover.handOver(context, person, text);
        if (!(await this.offerDrafts(context, person, 'Which questionnaire would you like to carry on with?'))) {
          await context.sendActivity('You have no unfinished questionnaires. Type **help** to start one.');
        }
        return;
      case 'unknown':
        if (!inChannel && (await this.offerDrafts(context, person, 'Welcome back. You have an unfinished questionnaire: would you like to continue?'))) return;
        await this.notUnderstood(context, inChannel, text);
    }
  }

  /** Offers the officer's unfinished drafts; false if there are none. */
  private async offerDrafts(context: TurnContext, person: Person, lead: string): Promise<boolean> {
    const drafts = await this.services.drafts.inProgress(person.objectId);
    const described = drafts.flatMap((draft) => {
      const bank = this.services.banks.version(draft.bankId, draft.bankVersion);
      return bank ? [{ draftId: draft.id, description: draftLine(bank, draft) }] : [];
    });
    if (described.length === 0) return false;
    const card = resumeCard({
      lead: described.length === 1 ? lead : `You have ${described.length} unfinished questionnaires. Which would you like to continue?`,
      drafts: described,
    });
    await context.sendActivity(cardMessage(card, `Continue ${described[0]!.description}?`));
    return true;
  }


  private async notUnderstood(context: TurnContext, inChannel: boolean, text: string): Promise<void> {
    const lead = text
      ? `Sorry, I didn't understand "${truncate(text, 80)}". Here is what I can help with:`
      : "Sorry, I didn't understand that. Here is what I can help with:";
    await context.sendActivity(cardMessage(helpCard({ lead, inChannel }), 'What I can help with'));
  }
}

/** A help-card button sends `{ command }`; treat it exactly like typed text. */
function commandText(input: TurnInput): string {
  const command = input.value?.['command'];
  return typeof command === 'string' ? command : input.text;
}

export function firstNameOf(name: string): string | undefined {
  const first = name.trim().split(/\s+/)[0];
  return first ? first : undefined;
}
