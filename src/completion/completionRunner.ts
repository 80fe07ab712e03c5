import type { Activity, TurnContext } from 'botbuilder';
import type { CompletionLookup } from '../../dialogs/questionnaireCompletion.js';
import { adaptiveCard, heading, paragraph, type AdaptiveCardJson } from '../../cards/cardTypes.js';
import type { Logger } from '../logging/logger.js';
import { collectingContext } from './collectingContext.js';
import type { Notifier } from '../notifications/notifier.js';
import type { PeopleDirectory } from '../people/peopleDirectory.js';
import type { Person } from '../people/person.js';
import type { BankCatalogue } from '../questionnaire/bankCatalogue.js';
import type { Bank } from '../questionnaire/bankSchema.js';
import { finalAnswers, referenceVersionsOf, type Draft } from '../questionnaire/draft.js';
import type { DraftRepository } from '../questionnaire/draftRepository.js';
import type { RecordStore } from '../storage/recordStore.js';
import { isStorageUnavailable } from '../storage/storageErrors.js';
import type { Clock } from '../util/clock.js';
import { formatUkDate } from '../util/ukFormat.js';

export interface CompletionRunnerSettings {
  /** How long one instance keeps a completion to itself while it runs it. */
  leaseMs: number;
  /** How old a pending completion must be before the sweep takes it (the submitting turn is given time to finish it). */
  graceMs: number;
}

export const DEFAULT_COMPLETION_SETTINGS: CompletionRunnerSettings = { leaseMs: 60_000, graceMs: 30_000 };

export interface CompletionRunnerDependencies {
  store: RecordStore;
  drafts: DraftRepository;
  banks: BankCatalogue;
  people: PeopleDirectory;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  settings: CompletionRunnerSettings;
}

/** Said when a completion could not finish in the submitting turn: the answers are safe and it will be finished. */
export const COMPLETION_DEFERRED =
  "Your answers are submitted and kept safe, but I couldn't finish saving everything just now (the partnerships database didn't answer). " +
  "You don't need to submit again: I'll finish it as soon as I can and tell you here.";

/**
 * Makes what submitting a questionnaire does survive anything. The draft is marked
 * submitted and `completion: pending` in one write; the flow's completion (register
 * entry, response, exit document, notices through the outbox) then runs, each step
 * safe to run again (create-if-absent with ids from the draft, audit entries with
 * fixed ids, notifications keyed), and only when all of it is done is the completion
 * marked done. Whatever stops it (a storage error, throttling, a killed process), the
 * officer's next message or the recovery sweep (at start-up, periodically and in the
 * reminders run), whichever comes first, runs it again, and the officer is told.
 */
export class CompletionRunner {
  private lookup?: CompletionLookup;

  constructor(private readonly deps: CompletionRunnerDependencies) {}

  /** The router declares the flows; it hands them over once built. */
  useCompletions(lookup: CompletionLookup): void {
    this.lookup = lookup;
  }

  /** In the turn that submitted the draft. A failure is told to the officer as deferred, never as lost. */
  async runInTurn(context: TurnContext, draft: Draft, bank: Bank): Promise<void> {
    if (!draft.completion) {
      await this.completions().for(bank.id).onSubmitted(context, { draft, bank, answers: finalAnswers(bank, draft) });
      return;
    }
    try {
      const claimed = await this.claim(draft.ownerId, draft.id);
      if (!claimed) {
        // Another instance is finishing it (its recovery sweep): it tells the officer when done.
        await context.sendActivity("Your answers are submitted and kept safe. I'm finishing saving them and will tell you here when it's done.");
        return;
      }
      await this.deps.people.setPendingCompletions(draft.ownerId, true);
      await this.completions().for(bank.id).onSubmitted(context, { draft: claimed, bank, answers: finalAnswers(bank, claimed) });
      await this.markDone(claimed);
    } catch (error) {
      this.deps.logger[isStorageUnavailable(error) ? 'warn' : 'error']({ err: error, draftId: draft.id, bankId: bank.id }, 'completion did not finish; it is kept pending and finished later');
      await this.release(draft.ownerId, draft.id).catch(() => undefined);
      await context.sendActivity(COMPLETION_DEFERRED);
      return;
    }
    // Done; the flag is only a hint for the next message, so failing to clear it costs one query later.
    await this.clearFlagIfNoneLeft(draft.ownerId).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not clear the pending-completions flag'));
  }

  /**
   * At the start of an officer's turn: anything they submitted that did not finish is
   * finished now, in this turn, and they are told. Most turns cost nothing: the person's
   * flag says there is nothing pending.
   */
  async resumeFor(context: TurnContext, person: Pick<Person, 'objectId' | 'pendingCompletions'>): Promise<number> {
    if (!person.pendingCompletions) return 0;
    let finished = 0;
    let left = 0;
    for (const draft of await this.pendingOf(person.objectId)) {
      if (await this.finishHere(context, draft)) finished++;
      else left++;
    }
    if (left === 0) await this.deps.people.setPendingCompletions(person.objectId, false);
    return finished;
  }

  /**
   * Finishes one unfinished completion in this turn (the officer's own), telling them first.
   * False when another instance holds it or it is done already.
   */
  async finishHere(context: TurnContext, draft: Draft): Promise<boolean> {
    const bank = this.bankOf(draft);
    if (!bank) return false;
    const claimed = await this.claim(draft.ownerId, draft.id);
    if (!claimed) return false;
    await context.sendActivity(resumedLine(bank, claimed));
    await this.completions().for(bank.id).onSubmitted(context, { draft: claimed, bank, answers: finalAnswers(bank, claimed) });
    await this.markDone(claimed);
    await this.clearFlagIfNoneLeft(claimed.ownerId);
    return true;
  }

  /**
   * The recovery sweep: every completion left pending longer than the grace period (a
   * killed instance's, a storage fault's) is finished here, and what the officer would
   * have been shown goes to them through the outbox.
   */
  async sweep(): Promise<{ finished: number; failed: number }> {
    const now = this.deps.clock.now();
    const cutoff = new Date(now.getTime() - this.deps.settings.graceMs).toISOString();
    const page = await this.deps.store.query<Draft>({
      kind: 'draft',
      where: [
        { field: 'status', op: '=', value: 'submitted' },
        { field: 'completion.state', op: '=', value: 'pending' },
        { field: 'updatedAt', op: '<=', value: cutoff },
      ],
      pageSize: 100,
    });
    let finished = 0;
    let failed = 0;
    for (const record of page.items) {
      try {
        if (await this.finishAway(record.body)) finished++;
      } catch (error) {
        failed++;
        this.deps.logger.warn({ err: error, draftId: record.body.id }, 'recovery sweep could not finish a completion; it is tried again');
        await this.release(record.body.ownerId, record.body.id).catch(() => undefined);
      }
    }
    if (finished > 0 || failed > 0) this.deps.logger.info({ finished, failed }, 'recovery sweep finished submitted questionnaires');
    return { finished, failed };
  }

  /** Runs a completion outside any turn; what it says to the officer is sent through the outbox, once. */
  private async finishAway(draft: Draft): Promise<boolean> {
    const bank = this.bankOf(draft);
    if (!bank) return false;
    const claimed = await this.claim(draft.ownerId, draft.id);
    if (!claimed) return false;
    const said: Array<string | Partial<Activity>> = [];
    await this.completions().for(bank.id).onSubmitted(collectingContext(said), { draft: claimed, bank, answers: finalAnswers(bank, claimed) });
    const texts = said.filter((m): m is string => typeof m === 'string');
    const cards = said.flatMap((m) => (typeof m === 'string' ? [] : cardsIn(m)));
    const lead = resumedLine(bank, claimed);
    await this.deps.notifier.notify(claimed.ownerId, `completion-${claimed.id}`, {
      card: adaptiveCard([heading(lead), ...texts.map((t) => paragraph(t))]),
      summary: lead,
    });
    for (const [index, card] of cards.entries()) {
      await this.deps.notifier.notify(claimed.ownerId, `completion-${claimed.id}-${index + 1}`, { card, summary: `${bank.title}: ${claimed.subject?.name ?? 'saved'}` });
    }
    await this.markDone(claimed);
    await this.clearFlagIfNoneLeft(claimed.ownerId);
    return true;
  }

  private completions(): CompletionLookup {
    if (!this.lookup) throw new Error('CompletionRunner used before the flows were declared');
    return this.lookup;
  }

  private bankOf(draft: Draft): Bank | undefined {
    const bank = this.deps.banks.version(draft.bankId, draft.bankVersion, referenceVersionsOf(draft));
    if (!bank) this.deps.logger.error({ bankId: draft.bankId, version: draft.bankVersion }, 'a pending completion refers to a bank version that is not deployed');
    return bank;
  }

  private async pendingOf(ownerId: string): Promise<Draft[]> {
    const page = await this.deps.store.query<Draft>({
      kind: 'draft',
      partition: `owner:${ownerId}`,
      where: [
        { field: 'status', op: '=', value: 'submitted' },
        { field: 'completion.state', op: '=', value: 'pending' },
      ],
      pageSize: 20,
    });
    return page.items.map((r) => r.body);
  }

  /** Takes the completion for this instance for the lease; undefined when it is done or another instance holds it. */
  private async claim(ownerId: string, draftId: string): Promise<Draft | undefined> {
    const now = this.deps.clock.now();
    return this.deps.drafts.change<Draft | undefined>(ownerId, draftId, (draft) => {
      const completion = draft?.completion;
      if (!draft || draft.status !== 'submitted' || completion?.state !== 'pending') return { result: undefined };
      if (completion.leaseUntil && completion.leaseUntil > now.toISOString()) return { result: undefined };
      const body: Draft = { ...draft, completion: { ...completion, attempts: completion.attempts + 1, leaseUntil: new Date(now.getTime() + this.deps.settings.leaseMs).toISOString() } };
      return { body, result: body };
    });
  }

  private async release(ownerId: string, draftId: string): Promise<void> {
    await this.deps.drafts.change<undefined>(ownerId, draftId, (draft) => {
      if (draft?.completion?.state !== 'pending' || !draft.completion.leaseUntil) return { result: undefined };
      const { leaseUntil: _lease, ...rest } = draft.completion;
      return { body: { ...draft, completion: rest }, result: undefined };
    });
  }

  private async markDone(draft: Draft): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    await this.deps.drafts.change<undefined>(draft.ownerId, draft.id, (current) => {
      if (current?.completion?.state !== 'pending') return { result: undefined };
      return { body: { ...current, completion: { state: 'done', attempts: current.completion.attempts, doneAt: at } }, result: undefined };
    });
  }

  private async clearFlagIfNoneLeft(ownerId: string): Promise<void> {
    if ((await this.pendingOf(ownerId)).length === 0) await this.deps.people.setPendingCompletions(ownerId, false);
  }
}

/** What the officer is told when a submission that had not finished saving is finished. */
function resumedLine(bank: Bank, draft: Draft): string {
  const what = bank.id === 'new-partnership' ? `new partnership ${nameAnswer(draft) ?? ''}`.trim() : `${bank.title.toLowerCase()}${draft.subject?.name ? ` for ${draft.subject.name}` : ''}`;
  const when = draft.submittedAt ? ` on ${formatUkDate(draft.submittedAt)}` : '';
  return `Your ${what}, submitted${when}, had not finished saving when something went wrong on my side. It is now saved in full; nothing was lost.`;
}

function nameAnswer(draft: Draft): string | undefined {
  const name = draft.answers['NAME'];
  return typeof name === 'string' ? name : undefined;
}

function cardsIn(activity: Partial<Activity>): AdaptiveCardJson[] {
  return (activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content as AdaptiveCardJson);
}

