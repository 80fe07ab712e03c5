import type { Answers, Bank } from '../questionnaire/bankSchema.js';
import type { Draft } from '../questionnaire/draft.js';
import { isoDay } from '../domain/reviewDates.js';
import type { Clock } from '../util/clock.js';
import { exitDocumentFrom, type ExitDocument } from './exitDocument.js';
import { exitPrefill, type ExitPrefill } from './exitPrefill.js';
import type { LatestScore, LatestScoreSource } from './latestScoreSource.js';
import type { Partnership, PersonRef } from './partnership.js';
import type { PartnershipRegister } from './partnershipRegister.js';

export type SignOffResult =
  | { kind: 'signed-off'; partnership: Partnership; document: ExitDocument }
  | { kind: 'changes-requested'; partnership: Partnership; document: ExitDocument }
  | { kind: 'already-signed-off'; document: ExitDocument }
  | { kind: 'out-of-date'; document: ExitDocument }
  | { kind: 'not-found' };

/**
 * The exit of a partnership from the register's point of view: starting it
 * (nothing changes), storing the exit document (status exiting), and the Assistant Director's
 * sign-off (status closed, with the exit date). No bot SDK here.
 */
export class ExitInterviewService {
  constructor(
    private readonly register: PartnershipRegister,
    private readonly scores: LatestScoreSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Works out what the interview can be prefilled with. The register is not changed: starting an
   * interview commits nobody, so the partnership becomes exiting only when it is submitted.
   */
  async begin(partnership: Partnership): Promise<{ partnership: Partnership; prefill: ExitPrefill; latestScore?: LatestScore }> {
    const latestScore = await this.scores.latestScore(partnership.id);
    const prefill = exitPrefill(partnership, latestScore, isoDay(this.clock.now()));
    const previous = await this.register.exitDocument(partnership.id);
    // After changes were asked for, the officer starts from what they said last time.
    if (previous?.status === 'changes-requested') prefill.answers = { ...prefill.answers, ...previous.answers };
    return { partnership, prefill, ...(latestScore ? { latestScore } : {}) };
  }

  /**
   * The officer deleted the interview's draft. Drafts started before issue 17 marked the partnership
   * exiting when they began, so such a partnership goes back to the status it had; one with an exit
   * document (changes were asked for) stays exiting. Returns the entry when its status went back.
   */
  async abandon(partnershipId: string, statusBeforeExit: unknown, by: PersonRef): Promise<Partnership | undefined> {
    if (statusBeforeExit !== 'active' && statusBeforeExit !== 'under-review' && statusBeforeExit !== 'proposed') return undefined;
    if (await this.register.exitDocument(partnershipId)) return undefined;
    if ((await this.register.get(partnershipId))?.status !== 'exiting') return undefined;
    return this.register.update(partnershipId, by, 'partnership.exit-abandoned', (p) => (p.status === 'exiting' ? { ...p, status: statusBeforeExit } : undefined));
  }

  /** Stores the exit document; safe to run again for the same draft. */
  async submit(draft: Draft, bank: Bank, answers: Answers, partnership: Partnership, submitter: PersonRef, knownScore?: LatestScore): Promise<{ document: ExitDocument; saved: boolean }> {
    const latestScore = (await this.scores.latestScore(partnership.id)) ?? knownScore;
    const document = exitDocumentFrom({
      partnershipId: partnership.id,
      partnershipName: partnership.name,
      draftId: draft.id,
      bankId: bank.id,
      bankVersion: bank.version,
      answers,
      leadOfficer: partnership.leadOfficer,
      ...(partnership.assistantDirector ? { assistantDirector: partnership.assistantDirector } : {}),
      completedBy: submitter,
      completedAt: this.clock.now().toISOString(),
      ...(latestScore ? { latestScore } : {}),
    });
    const saved = await this.register.saveExitDocument(document, submitter);
    // Submitting is the officer's commitment: only now does the register say the council is leaving.
    await this.register.update(partnership.id, submitter, 'partnership.exit-started', (p) => (p.status === 'exiting' || p.status === 'closed' || p.status === 'removed' ? undefined : { ...p, status: 'exiting' }));
    return saved;
  }

  async markDirectorNotified(partnershipId: string, by: PersonRef, revision?: number): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.register.updateExitDocument(partnershipId, by, 'exit-document.ad-notified', (d) => (d.adNotifiedAt ? undefined : { ...d, adNotifiedAt: at }), {
      auditId: `${partnershipId}.r${revision ?? 1}.ad-notified`,
      done: (d) => d.adNotifiedAt !== undefined,
    });
  }

  /**
   * The Assistant Director's decision on the exit document of a given revision.
   * Signing off closes the partnership with the effective exit date from the
   * document (or today, if none was given); asking for changes keeps it exiting.
   */
  async decide(partnershipId: string, revision: number, by: PersonRef, decision: 'signOff' | 'changes', comments: string, at?: string): Promise<SignOffResult> {
    const checked = await this.check(partnershipId, revision);
    if (checked.kind !== 'ok') return checked;
    return this.apply(partnershipId, revision, by, decision, comments, at ?? this.clock.now().toISOString());
  }

  /** Whether a decision on this revision can be made: the document exists, is not signed off and is the latest. */
  async check(partnershipId: string, revision: number): Promise<{ kind: 'ok' } | Exclude<SignOffResult, { kind: 'signed-off' | 'changes-requested' }>> {
    const document = await this.register.exitDocument(partnershipId);
    const partnership = await this.register.get(partnershipId);
    if (!document || !partnership) return { kind: 'not-found' };
    if (document.status === 'signed-off') return { kind: 'already-signed-off', document };
    if (document.revision !== revision) return { kind: 'out-of-date', document };
    return { kind: 'ok' };
  }

  /**
   * The decision's effects, each safe to run again after an interruption (a decision is
   * recorded first, src/completion/decisionJournal.ts): the document signed off or sent
   * back, the partnership closed, each audited once.
   */
  async apply(partnershipId: string, revision: number, by: PersonRef, decision: 'signOff' | 'changes', comments: string, at: string): Promise<SignOffResult> {
    const document = await this.register.exitDocument(partnershipId);
    const partnership = await this.register.get(partnershipId);
    if (!document || !partnership) return { kind: 'not-found' };
    if (decision === 'changes') {
      const changed = await this.register.updateExitDocument(
        partnershipId,
        by,
        'exit-document.changes-requested',
        (d) => (d.status === 'signed-off' || d.revision !== revision || (d.status === 'changes-requested' && d.changesRequested?.at === at) ? undefined : { ...d, status: 'changes-requested', changesRequested: { by, at, comments } }),
        { auditId: `${partnershipId}.r${revision}.changes-requested.${at.replace(/[^0-9]/g, '')}`, done: (d) => d.changesRequested?.at === at },
      );
      return { kind: 'changes-requested', partnership, document: changed ?? document };
    }
    const signed = await this.register.updateExitDocument(
      partnershipId,
      by,
      'exit-document.signed-off',
      (d) => (d.status === 'signed-off' ? undefined : { ...d, status: 'signed-off', signOff: { by, at, ...(comments ? { comments } : {}) } }),
      { auditId: `${partnershipId}.r${revision}.signed-off`, done: (d) => d.status === 'signed-off' },
    );
    const exitDate = (signed ?? document).effectiveExitDate ?? isoDay(new Date(at));
    const closed = await this.register.update(partnershipId, by, 'partnership.closed', (p) => (p.status === 'closed' ? undefined : { ...p, status: 'closed', exitDate }), {
      auditId: `${partnershipId}.closed`,
      done: (p) => p.status === 'closed',
    });
    return { kind: 'signed-off', partnership: closed ?? partnership, document: signed ?? document };
  }
}
