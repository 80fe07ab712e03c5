import { describe, expect, it } from 'vitest';
import { applyInOrder, REORDERED, type OrderedStep, type TypedMessage } from '../../src/questionnaire/arrivalOrder.js';
import type { Draft } from '../../src/questionnaire/draft.js';

/** A questionnaire of three questions where a typed message answers the first one still open; "submit" ends it. */
const QUESTIONS = ['Q1', 'Q2', 'Q3'];
interface Outcome {
  draft?: Draft;
  messages: string[];
  final?: boolean;
}
const step: OrderedStep<Outcome> = {
  decide(draft, message) {
    // As the dialog does: the same activity again changes nothing.
    if (message.activityId && draft.recentActivityIds.includes(message.activityId)) return { messages: [] };
    if (message.text === 'submit') return { messages: ['submitted'], final: true, draft: { ...draft, status: 'submitted' } };
    const open = QUESTIONS.find((q) => draft.answers[q] === undefined);
    if (!open) return { messages: ['all answered'] };
    const next: Draft = {
      ...draft,
      answers: { ...draft.answers, [open]: message.text },
      history: [...draft.history, open],
      position: QUESTIONS[QUESTIONS.indexOf(open) + 1] ?? 'summary',
      recentActivityIds: message.activityId ? [...draft.recentActivityIds, message.activityId] : draft.recentActivityIds,
    };
    return { draft: next, messages: [`card for ${next.position}`] };
  },
  draftOf: (o) => o.draft,
  isFinal: (o) => o.final === true,
  finish: (o, draft, reordered) => ({ ...o, draft, messages: reordered ? [REORDERED, ...o.messages] : o.messages }),
};

function blank(): Draft {
  return {
    id: 'd1', ownerId: 'o', ownerName: 'O', bankId: 'b', bankVersion: 1, status: 'inProgress', answers: {}, skipped: [], position: 'Q1', history: [],
    returnToSummary: false, invalidAttempts: 0, cardSeq: 0, recentActivityIds: [], context: {}, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
  };
}

const at = (ms: number) => new Date(Date.parse('2026-12-01T10:00:00.000Z') + ms).toISOString();
const msg = (text: string, ms: number, id = text): TypedMessage => ({ text, at: at(ms), activityId: id, kind: 'answer' });

function apply(draft: Draft, message: TypedMessage): Outcome & { draft: Draft } {
  const outcome = applyInOrder(draft, message, step);
  return { ...outcome, draft: outcome.draft ?? draft };
}

describe('typed answers in arrival order', () => {
  it('in order: each answer on the next question, and nothing said about order', () => {
    const one = apply(blank(), msg('yes', 0));
    const two = apply(one.draft, msg('no', 10));
    expect(two.draft.answers).toEqual({ Q1: 'yes', Q2: 'no' });
    expect(two.messages).toEqual(['card for Q3']);
  });

  it('the earlier message arriving second is put before the later one', () => {
    const later = apply(blank(), msg('no', 10));
    expect(later.draft.answers).toEqual({ Q1: 'no' });
    const earlier = apply(later.draft, msg('yes', 0));
    expect(earlier.draft.answers).toEqual({ Q1: 'yes', Q2: 'no' });
    expect(earlier.draft.position).toBe('Q3');
    expect(earlier.draft.history).toEqual(['Q1', 'Q2']);
    expect(earlier.messages[0]).toBe(REORDERED);
    expect(earlier.draft.recentActivityIds.sort()).toEqual(['no', 'yes']);
  });

  it('three messages arriving last-first end in the order they were typed', () => {
    let draft = apply(blank(), msg('third', 20)).draft;
    draft = apply(draft, msg('second', 10)).draft;
    draft = apply(draft, msg('first', 0)).draft;
    expect(draft.answers).toEqual({ Q1: 'first', Q2: 'second', Q3: 'third' });
  });

  it('a message delivered again is not applied twice, nor does it rewind anything', () => {
    const first = apply(blank(), msg('yes', 0));
    const second = apply(first.draft, msg('no', 10));
    const again = apply(second.draft, msg('yes', 0));
    expect(again.draft.answers).toEqual({ Q1: 'yes', Q2: 'no' });
    expect(again.messages).toEqual([]);
  });

  it('a replay that would submit is not replayed: the late message is applied as it arrived', () => {
    const submitted = applyInOrder(apply(blank(), msg('a', 0)).draft, msg('submit', 20), step);
    expect(submitted.final).toBe(true);
    const base = apply(apply(blank(), msg('a', 0)).draft, msg('b', 20)).draft;
    const late = apply(base, msg('between', 10));
    expect(late.draft.answers).toEqual({ Q1: 'a', Q2: 'between', Q3: 'b' });
  });
});
