import type { AnswerValue } from './bankSchema.js';
import type { Draft, DraftPlace, TypedLogEntry } from './draft.js';

/**
 * Typed answers applied in the order the officer sent them, on any number of instances.
 * Teams stamps each activity when it receives it; two messages typed a few milliseconds
 * apart can still reach two instances and be applied the other way round (the first one's
 * instance was slower). Cards carry their own sequence number, so only typed messages need
 * this. The draft keeps its last few typed messages (when each was received, where the draft
 * stood before it and the answers it changed); one that arrives after a message received
 * later is applied where it belongs: the draft is rewound to before the later messages, this
 * one applied, and the later ones applied again on top, each to the question that was open
 * for it. It is all one draft write, with the draft's ETag, like any other turn.
 */

/** How far apart two messages may be and still be reordered: far more than instances differ by. */
const WINDOW_MS = 10_000;
const MAX_ENTRIES = 4;

export interface TypedMessage {
  /** When Teams received it (ISO). */
  at: string;
  text: string;
  activityId?: string;
  kind: TypedLogEntry['kind'];
}

export interface OrderedStep<O> {
  /** The decision for one typed message on a given draft (pure, as the dialog's decide). */
  decide(draft: Draft, message: TypedMessage): O;
  /** The draft the decision leaves (undefined: unchanged). */
  draftOf(outcome: O): Draft | undefined;
  /** A decision that submits, discards or leaves the questionnaire: never replayed. */
  isFinal(outcome: O): boolean;
  /** The outcome with this draft to save and, when messages were reordered, a line saying so first. */
  finish(last: O, draft: Draft, reordered: boolean): O;
}

/** Said when messages were put back in order. */
export const REORDERED = 'Your last messages reached me out of order, so I have put each answer on the question you meant it for.';

/** Applies the typed message to `draft` in the order Teams received it. */
export function applyInOrder<O>(draft: Draft, message: TypedMessage, step: OrderedStep<O>): O {
  const log = draft.typedLog ?? [];
  const later = log.filter((e) => e.at > message.at);
  const seen = message.activityId !== undefined && draft.recentActivityIds.includes(message.activityId);
  if (later.length === 0 || seen) return logged(draft, message, step, log, false);

  // Rewind to before the first message received after this one, newest first.
  let current: Draft = draft;
  for (const e of [...later].reverse()) current = rewound(current, e.before);
  const laterIds = new Set(later.map((e) => e.activityId).filter((id): id is string => id !== undefined));
  current = { ...current, recentActivityIds: draft.recentActivityIds.filter((id) => !laterIds.has(id)) };
  const kept = log.filter((e) => e.at <= message.at);
  const entries: TypedLogEntry[] = [];
  let last: O | undefined;
  for (const m of [message, ...later]) {
    const outcome = step.decide(current, m);
    // A replayed message that would submit or leave is not replayed: this one is applied as it arrived instead.
    if (step.isFinal(outcome)) return logged(draft, message, step, log, false);
    const next = step.draftOf(outcome) ?? current;
    entries.push(entryOf(m, current, next));
    current = next;
    last = outcome;
  }
  return step.finish(last!, { ...current, typedLog: trimmed([...kept, ...entries]) }, true);
}

function logged<O>(draft: Draft, message: TypedMessage, step: OrderedStep<O>, log: TypedLogEntry[], reordered: boolean): O {
  const outcome = step.decide(draft, message);
  const next = step.draftOf(outcome);
  if (!next || step.isFinal(outcome)) return outcome;
  return step.finish(outcome, { ...next, typedLog: trimmed([...log, entryOf(message, draft, next)]) }, reordered);
}

function entryOf(message: TypedMessage, before: Draft, after: Draft): TypedLogEntry {
  const answersBefore: Record<string, AnswerValue | null> = {};
  for (const id of new Set([...Object.keys(before.answers), ...Object.keys(after.answers)])) {
    if (JSON.stringify(before.answers[id]) !== JSON.stringify(after.answers[id])) answersBefore[id] = before.answers[id] ?? null;
  }
  const { skipped, position, history, returnToSummary, invalidAttempts, pendingConfirmation } = before;
  return {
    at: message.at,
    text: message.text.slice(0, 2000),
    kind: message.kind,
    ...(message.activityId ? { activityId: message.activityId } : {}),
    before: { skipped, position, history, returnToSummary, invalidAttempts, ...(pendingConfirmation ? { pendingConfirmation } : {}), answersBefore },
  };
}

function rewound(draft: Draft, place: DraftPlace): Draft {
  const answers = { ...draft.answers };
  for (const [id, value] of Object.entries(place.answersBefore)) {
    if (value === null) delete answers[id];
    else answers[id] = value;
  }
  const { answersBefore: _answers, pendingConfirmation, ...rest } = place;
  const next: Draft = { ...draft, ...rest, answers };
  if (pendingConfirmation) next.pendingConfirmation = pendingConfirmation;
  else delete next.pendingConfirmation;
  return next;
}

/** Only recent entries are kept: the log stays a few hundred bytes. */
function trimmed(entries: TypedLogEntry[]): TypedLogEntry[] {
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  const newest = Date.parse(sorted.at(-1)?.at ?? '');
  return sorted.filter((e) => newest - Date.parse(e.at) <= WINDOW_MS).slice(-MAX_ENTRIES);
}
