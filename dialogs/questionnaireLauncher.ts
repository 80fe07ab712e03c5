import { createHash, randomUUID } from 'node:crypto';
import { STATE_VERSION } from '../src/bot/stateVersion.js';
import { isRecordConflict } from '../src/storage/storageErrors.js';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { Answers } from '../src/questionnaire/bankSchema.js';
import { usesReferenceData, type BankCatalogue, type ReferenceVersions } from '../src/questionnaire/bankCatalogue.js';
import { newDraft, referenceVersionsOf, type Draft } from '../src/questionnaire/draft.js';
import type { DraftRepository } from '../src/questionnaire/draftRepository.js';
import type { Clock } from '../src/util/clock.js';
import { describeDraft } from './describeDraft.js';
import { activeDraftIdOf, QuestionnaireDialog } from './questionnaireDialog.js';

export interface StartRequest {
  bankId: string;
  owner: { objectId: string; name: string };
  subject?: Draft['subject'];
  context?: Record<string, unknown>;
  answers?: Answers;
}

/**
 * Starts questionnaires on the latest bank version, and resumes drafts on
 * theirs. A questionnaire in progress is put aside first (its draft is kept and
 * the officer told), so starting one from a button never loses another.
 */
export class QuestionnaireLauncher {
  constructor(
    private readonly banks: BankCatalogue,
    private readonly drafts: DraftRepository,
    private readonly clock: Clock,
    /** Only declared flows are started; a bank without one is a deployment mistake. */
    private readonly isDeclared: (bankId: string) => boolean,
    /** The current plan's version, recorded on drafts whose questions offer its priorities. */
    private readonly currentPriorities: () => number = () => 1,
  ) {}

  async start(dc: DialogContext, request: StartRequest): Promise<DialogTurnResult> {
    const bank = this.banks.latest(request.bankId);
    if (!bank || !this.isDeclared(request.bankId)) throw new Error(`No questionnaire flow for the bank "${request.bankId}" is deployed`);
    await this.putAside(dc, request.owner.objectId);
    // A draft keeps the plan version its priority question was built from, so a new plan mid-draft changes nothing for it.
    const context = usesReferenceData(bank, 'priorities') ? { ...request.context, referenceVersions: { priorities: this.currentPriorities() } satisfies ReferenceVersions } : request.context;
    const bound = this.banks.version(bank.id, bank.version, context?.['referenceVersions'] as ReferenceVersions | undefined)!;
    // One card per section (or as the bank's presentation groups them), kept on the draft for good.
    const draft = newDraft({ id: await this.draftIdFor(dc, request), owner: request.owner, bank: bound, subject: request.subject, context, answers: request.answers, pages: this.banks.pagesOf(bound), now: this.clock.now() });
    try {
      await this.drafts.create(draft);
    } catch (error) {
      // The same start on the same conversation state on another instance made it first: one questionnaire, theirs.
      if (!isRecordConflict(error)) throw error;
    }
    return dc.beginDialog(QuestionnaireDialog.dialogId, { draftId: draft.id });
  }

  /**
   * The same for every instance starting this questionnaire from the same conversation state
   * (two commands at once), so they start one draft between them; random otherwise, or when a
   * draft of that id is already finished.
   */
  private async draftIdFor(dc: DialogContext, request: StartRequest): Promise<string> {
    const version = dc.context.turnState.get(STATE_VERSION) as string | undefined;
    const conversation = dc.context.activity.conversation?.id;
    if (!version || !conversation) return randomUUID();
    const hex = createHash('sha256').update(JSON.stringify([conversation, version, request.owner.objectId, request.bankId, request.subject?.partnershipId ?? request.subject?.name ?? ''])).digest('hex');
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    const existing = await this.drafts.get(request.owner.objectId, id);
    return existing && existing.draft.status !== 'inProgress' ? randomUUID() : id;
  }

  async resume(dc: DialogContext, ownerId: string, draftId: string, handleCurrentActivity = false, lead?: string[]): Promise<DialogTurnResult> {
    await this.putAside(dc, ownerId, draftId);
    return dc.beginDialog(QuestionnaireDialog.dialogId, { draftId, handleCurrentActivity, ...(lead ? { lead } : {}) });
  }

  /** Ends the questionnaire in progress, if any (other than `keep`), telling the officer its draft is kept. */
  private async putAside(dc: DialogContext, ownerId: string, keep?: string): Promise<void> {
    const activeId = activeDraftIdOf(dc);
    if (!activeId) return;
    await dc.cancelAllDialogs();
    if (activeId === keep) return;
    const found = await this.drafts.get(ownerId, activeId);
    const bank = found && this.banks.version(found.draft.bankId, found.draft.bankVersion, referenceVersionsOf(found.draft));
    if (found?.draft.status !== 'inProgress' || !bank) return;
    await dc.context.sendActivity(`I've kept your ${bank.title.toLowerCase()} as a draft (${describeDraft(bank, found.draft)}); say **continue** when you want to pick it up.`);
  }
}

