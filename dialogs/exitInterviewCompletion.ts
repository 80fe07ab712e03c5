import { plain } from '../cards/markdown.js';
import type { TurnContext } from 'botbuilder';
import { exitSignOffRequestCard, exitSubmittedCard } from '../cards/exitCards.js';
import { cardMessage } from '../src/bot/replies.js';
import type { Logger } from '../src/logging/logger.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import type { ExitInterviewService } from '../src/partnerships/exitInterviewService.js';
import type { LatestScore } from '../src/partnerships/latestScoreSource.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import { exitSummaryModel } from './exitDocumentView.js';
import type { QuestionnaireCompletion } from './questionnaireCompletion.js';
import type { Draft } from '../src/questionnaire/draft.js';
import { STATUS_LABELS } from '../src/status/registerLists.js';
import type { ActionLog } from '../src/actions/actionLog.js';
import { exitActions } from '../src/actions/actionSources.js';

export interface ExitInterviewCompletionDeps {
  service: ExitInterviewService;
  register: PartnershipRegister;
  people: PeopleDirectory;
  notifier: Notifier;
  logger: Logger;
  /** The exit's follow-on actions go into the partnership's action log. */
  actions?: ActionLog;
}

/** After the exit interview: the exit document stored, and the Assistant Director asked to sign it off. */
export class ExitInterviewCompletion implements QuestionnaireCompletion {
  constructor(private readonly deps: ExitInterviewCompletionDeps) {}

  async onDiscarded(context: TurnContext, { draft }: { draft: Draft }): Promise<void> {
    const partnershipId = draft.subject?.partnershipId ?? (typeof draft.context['partnershipId'] === 'string' ? draft.context['partnershipId'] : undefined);
    if (!partnershipId) return;
    const partnership = await this.deps.service.abandon(partnershipId, draft.context['statusBeforeExit'], { objectId: draft.ownerId, name: draft.ownerName });
    if (partnership) {
      await context.sendActivity(`${plain(partnership.name)} is no longer marked as exiting: it is *${STATUS_LABELS[partnership.status].toLowerCase()}* in the register again.`);
    }
  }

  async onSubmitted(context: TurnContext, { draft, bank, answers }: Parameters<QuestionnaireCompletion['onSubmitted']>[1]): Promise<void> {
    const { service, register, people, notifier, logger } = this.deps;
    const partnershipId = draft.subject?.partnershipId ?? (typeof draft.context['partnershipId'] === 'string' ? draft.context['partnershipId'] : undefined);
    const partnership = partnershipId ? await register.get(partnershipId) : undefined;
    if (!partnership) {
      logger.error({ draftId: draft.id, partnershipId }, 'exit interview submitted for a partnership that is not in the register');
      await context.sendActivity("Your answers are saved, but I can't find the partnership in the register any more. Please tell the Strategic Partnership Officer.");
      return;
    }
    const submitter = { objectId: draft.ownerId, name: draft.ownerName };
    const { document } = await service.submit(draft, bank, answers, partnership, submitter, draft.context['latestScore'] as LatestScore | undefined);
    await this.deps.actions?.raise(partnership, exitActions(document), submitter);
    const summary = exitSummaryModel(bank, document);
    const notice = { card: exitSignOffRequestCard(summary), summary: `Exit of ${partnership.name} for your sign-off` };
    const notificationKey = `exit-${partnership.id}-r${document.revision}`;

    let directorNote: string;
    const director = partnership.assistantDirector ?? (await people.assistantDirectorFor(partnership.serviceArea));
    if (director) {
      const delivered = await notifier.notify(director.objectId, notificationKey, notice);
      if (delivered === 'delivered') {
        await service.markDirectorNotified(partnership.id, submitter, document.revision);
        directorNote = `${director.name}, the Assistant Director, has been asked to sign off the exit. ${partnership.name} stays *exiting* until then; you'll hear here when they do.`;
      } else if ((await people.find(director.objectId))?.personalChat) {
        // Teams did not take it just now: the outbox keeps trying.
        directorNote = `${director.name}, the Assistant Director, couldn't be reached in Teams just now; I'll keep trying, and the sign-off request will also reach them the next time they message me. ${partnership.name} stays *exiting* until then.`;
      } else {
        directorNote = `${director.name}, the Assistant Director, hasn't started using this bot yet, so the sign-off request will reach them as soon as they do. ${partnership.name} stays *exiting* until then.`;
      }
    } else {
      const officers = await people.listWithRole('spo');
      for (const spo of officers) await notifier.notify(spo.objectId, notificationKey, notice);
      directorNote =
        officers.length > 0
          ? 'No Assistant Director is set up for this service area yet, so I have sent the exit to the Strategic Partnership Officer to sign off.'
          : 'No Assistant Director is set up for this service area yet. Please ask the Strategic Partnership Officer to sign off the exit.';
    }
    logger.info({ partnershipId: partnership.id, revision: document.revision, outcome: document.outcome }, 'exit interview submitted');
    await context.sendActivity(cardMessage(exitSubmittedCard({ ...summary, directorNote }), `Exit interview submitted: ${partnership.name}`));
  }
}
