import type { Answers, AnswerValue, Bank } from './bankSchema.js';
import { applicableQuestions, findStep, pageProgressOf, progressOf, stepAfter, stepOfQuestion, stepsFor, SUMMARY, type Pages, type Step } from './steps.js';

/**
 * A questionnaire in progress: the source of truth for where an officer is.
 * Dialog state only points at a draft, so it can be lost or change shape
 * between deployments without losing anyone's work.
 */
export interface Draft {
  id: string;
  ownerId: string;
  ownerName: string;
  bankId: string;
  bankVersion: number;
  /** What the questionnaire is about, e.g. a partnership; shown when offering to resume. */
  subject?: { partnershipId?: string; name: string };
  status: 'inProgress' | 'submitted' | 'discarded';
  answers: Answers;
  skipped: string[];
  /** The key of the step being asked, or "summary". */
  position: string;
  /** Which bank sections each card asks (one card per section by default); absent on drafts from before section cards. */
  pages?: Pages;
  /** Prefilled answers the officer has not yet confirmed (on a draft with pages): a section is done only once they are. */
  unconfirmed?: string[];
  /** The most sections ever shown as the total, so "section 3 of 10" never grows. */
  pagesShown?: number;
  /** Steps answered before this one, most recent last; "back" walks it. */
  history: string[];
  /** Set while changing one answer from the summary: afterwards, return there. */
  returnToSummary: boolean;
  invalidAttempts: number;
  /** Waiting for the officer to confirm stopping. */
  pendingConfirmation?: 'cancel';
  /** Number of the newest card sent; submits from older cards are stale. */
  cardSeq: number;
  /** Nonce of the last card submit processed, to recognise a double submit. */
  lastNonce?: string;
  /** Recently processed activity ids, to recognise a redelivered turn. */
  recentActivityIds: string[];
  /** Flow-specific facts (e.g. what the bot already knows about a partnership). */
  context: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  /**
   * Set in the same write that marks the draft submitted: what submitting it does (register entry,
   * response, exit document, notices) is pending until done, so a fault or a killed process
   * between the two never loses it (src/completion/completionRunner.ts finishes it).
   */
  completion?: DraftCompletion;
  /**
   * The last few typed messages applied, with when Teams received each and the draft before it,
   * so one that arrives after a later one (two instances, one slower) is put back in its place
   * (src/questionnaire/arrivalOrder.ts).
   */
  typedLog?: TypedLogEntry[];
}

/** Where the draft stood before a typed message, to rewind it: the place, and only the answers the message changed (null: was unanswered). */
export type DraftPlace = Pick<Draft, 'skipped' | 'position' | 'history' | 'returnToSummary' | 'invalidAttempts' | 'pendingConfirmation'> & {
  answersBefore: Record<string, AnswerValue | null>;
};

export interface TypedLogEntry {
  /** When Teams received the message (the activity's timestamp). */
  at: string;
  activityId?: string;
  text: string;
  kind: 'request' | 'smallTalk' | 'answer' | 'unsure' | 'possibleRequest';
  before: DraftPlace;
}

export interface DraftCompletion {
  state: 'pending' | 'done';
  /** While an instance is working on it: others leave it alone until then. */
  leaseUntil?: string;
  attempts: number;
  doneAt?: string;
}

export interface NewDraft {
  id: string;
  owner: { objectId: string; name: string };
  bank: Bank;
  subject?: Draft['subject'];
  context?: Record<string, unknown>;
  /** Answers known before asking (prefilled; the officer can change them). */
  answers?: Answers;
  /** One card per entry (bank section ids); without, one card per question group. */
  pages?: Pages;
  now: Date;
}

export function newDraft(input: NewDraft): Draft {
  const answers = input.answers ?? {};
  const first = stepsFor(input.bank, answers, input.pages)[0];
  const now = input.now.toISOString();
  return {
    id: input.id,
    ownerId: input.owner.objectId,
    ownerName: input.owner.name,
    bankId: input.bank.id,
    bankVersion: input.bank.version,
    subject: input.subject,
    status: 'inProgress',
    answers,
    skipped: [],
    position: first?.key ?? SUMMARY,
    ...(input.pages ? { pages: input.pages, ...(Object.keys(answers).length > 0 ? { unconfirmed: Object.keys(answers) } : {}) } : {}),
    history: [],
    returnToSummary: false,
    invalidAttempts: 0,
    cardSeq: 0,
    recentActivityIds: [],
    context: input.context ?? {},
    createdAt: now,
    updatedAt: now,
  };
}

export function currentStep(bank: Bank, draft: Draft): Step | undefined {
  return draft.position === SUMMARY ? undefined : findStep(bank, draft.answers, draft.position, draft.pages);
}

/**
 * Records the answers for the current step (undefined = skipped) and moves on:
 * to questions of this step that have just become relevant, to the summary
 * when changing a single answer, or to the next step.
 */
export function answerStep(bank: Bank, draft: Draft, values: Record<string, AnswerValue | undefined>): Draft {
  const answers: Answers = { ...draft.answers };
  const skipped = new Set(draft.skipped);
  for (const [questionId, value] of Object.entries(values)) {
    if (value === undefined) {
      delete answers[questionId];
      skipped.add(questionId);
    } else {
      answers[questionId] = value;
      skipped.delete(questionId);
    }
  }
  const unconfirmed = draft.unconfirmed?.filter((id) => !(id in values));
  const next: Draft = { ...draft, answers, skipped: [...skipped], invalidAttempts: 0, pendingConfirmation: undefined, ...(unconfirmed ? { unconfirmed } : {}) };
  const sameStep = findStep(bank, answers, draft.position, draft.pages);
  const unanswered = sameStep?.questions.some((q) => (answers[q.id] === undefined && !skipped.has(q.id)) || unconfirmed?.includes(q.id));
  if (sameStep && unanswered) return next;

  if (draft.returnToSummary) return { ...next, position: SUMMARY, returnToSummary: false };
  const following = stepAfter(bank, answers, draft.position, draft.pages);
  return { ...next, position: following?.key ?? SUMMARY, history: [...draft.history, draft.position] };
}

/** Goes back one step; returns undefined when already at the first question. */
export function goBack(bank: Bank, draft: Draft): Draft | undefined {
  const history = [...draft.history];
  while (history.length > 0) {
    const key = history.pop()!;
    // A step that no longer applies (its condition changed) is passed over.
    if (findStep(bank, draft.answers, key, draft.pages)) {
      return { ...draft, position: key, history, returnToSummary: false, invalidAttempts: 0, pendingConfirmation: undefined };
    }
  }
  return undefined;
}

/** Opens one question for change from the summary. */
export function changeAnswer(bank: Bank, draft: Draft, questionId: string): Draft | undefined {
  const step = stepOfQuestion(bank, draft.answers, questionId, draft.pages);
  if (!step) return undefined;
  return { ...draft, position: step.key, returnToSummary: true, invalidAttempts: 0 };
}

/** The answers that count: those to questions that still apply. */
export function finalAnswers(bank: Bank, draft: Draft): Answers {
  const applicable = new Set(applicableQuestions(bank, draft.answers).map((q) => q.id));
  return Object.fromEntries(Object.entries(draft.answers).filter(([id]) => applicable.has(id)));
}

/** Required questions that apply but have no answer; submission waits for them. */
export function missingRequired(bank: Bank, draft: Draft): string[] {
  return applicableQuestions(bank, draft.answers)
    .filter((q) => q.required && draft.answers[q.id] === undefined)
    .map((q) => q.id);
}

/** The reference data versions a draft started on (its priority question's plan); absent: the current ones. */
export function referenceVersionsOf(draft: Pick<Draft, 'context'>): { priorities?: number } {
  const versions = draft.context['referenceVersions'] as { priorities?: unknown } | undefined;
  return versions && typeof versions.priorities === 'number' ? { priorities: versions.priorities } : {};
}

/**
 * Where the officer is, as shown on the card: "section 3 of 10" on a draft with
 * pages (the total never grows: a section that applies later is counted within
 * the most ever shown), "question 7 of 18" on an older draft.
 */
export function progressFor(bank: Bank, draft: Draft): { unit: 'section' | 'question'; number: number; total: number } {
  if (!draft.pages) return { unit: 'question', ...progressOf(bank, draft.answers, draft.position) };
  const { number, total } = pageProgressOf(bank, draft.answers, draft.position, draft.pages);
  const shown = draft.pagesShown ?? total;
  return { unit: 'section', number, total: Math.max(number, Math.min(shown, total)) };
}

/** The questions of a step still to answer: no answer yet (and not skipped), or prefilled and not yet confirmed. */
export function openQuestions(draft: Draft, step: Step): Step['questions'] {
  return step.questions.filter((q) => (draft.answers[q.id] === undefined && !draft.skipped.includes(q.id)) || draft.unconfirmed?.includes(q.id));
}
