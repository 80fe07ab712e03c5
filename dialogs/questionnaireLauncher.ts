import { randomUUID } from 'node:crypto';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { Answers } from '../src/questionnaire/bankSchema.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import { newDraft, type Draft } from '../src/questionnaire/draft.js';
import type { DraftRepository } from '../src/questionnaire/draftRepository.js';
import type { Clock } from '../src/util/clock.js';
import { QuestionnaireDialog } from './questionnaireDialog.js';

export interface StartRequest {
  bankId: string;
  owner: { objectId: string; name: string };
  subject?: Draft['subject'];
  context?: Record<string, unknown>;
  answers?: Answers;
}

/** Starts questionnaires on the latest bank version, and resumes drafts on theirs. */
export class QuestionnaireLauncher {
  constructor(
    private readonly banks: BankCatalogue,
    private readonly drafts: DraftRepository,
    private readonly clock: Clock,
  ) {}

  async start(dc: DialogContext, request: StartRequest): Promise<DialogTurnResult> {
    const bank = this.banks.latest(request.bankId);
    if (!bank) throw new Error(`No question bank "${request.bankId}" is deployed`);
    const draft = newDraft({ id: randomUUID(), owner: request.owner, bank, subject: request.subject, context: request.context, answers: request.answers, now: this.clock.now() });
    await this.drafts.create(draft);
    return dc.beginDialog(QuestionnaireDialog.dialogId, { draftId: draft.id });
  }

  resume(dc: DialogContext, draftId: string, handleCurrentActivity = false): Promise<DialogTurnResult> {
    return dc.beginDialog(QuestionnaireDialog.dialogId, { draftId, handleCurrentActivity });
  }
}
