/**
 * What every questionnaire card carries back on submit: which draft, which
 * card (seq), and a nonce unique to the card, so stale cards and double
 * submits are recognised on the server.
 */
export interface QuestionnaireCardRef {
  draft: string;
  seq: number;
  nonce: string;
}

export type QuestionnaireNav =
  | 'next' | 'back' | 'skip' | 'save' | 'help' | 'change' | 'submit' | 'confirmStop' | 'carryOn' | 'discard'
  /** The officer's answer to "was that an answer or a question?" about words they typed. */
  | 'useTyped' | 'askInstead';

/**
 * A questionnaire button. It is a Universal Action (`Action.Execute`): Teams
 * sends an `adaptiveCard/action` invoke and shows the card the bot answers
 * with in place of this one, so a follow-up question or an error appears on
 * the same card. A client without Universal Actions uses the `Action.Submit`
 * fallback, and the bot updates the card it came from instead.
 */
export function submitAction(
  title: string,
  ref: QuestionnaireCardRef,
  nav: QuestionnaireNav,
  options: { withInputs?: boolean; style?: 'positive' | 'destructive'; extra?: Record<string, unknown> } = {},
) {
  const data = { qa: ref, nav, ...options.extra };
  // Navigation must not be blocked by (or carry) half-filled inputs.
  const associatedInputs = options.withInputs ? 'auto' : 'none';
  const style = options.style ? { style: options.style } : {};
  return {
    type: 'Action.Execute',
    title,
    verb: 'questionnaire',
    data,
    associatedInputs,
    ...style,
    fallback: { type: 'Action.Submit', title, data: { verb: 'questionnaire', ...data }, associatedInputs, ...style },
  };
}

/**
 * The same card with Action.Submit buttons only: each Action.Execute replaced by its fallback.
 * For clients without Universal Actions (CARD_ACTIONS=submit); the bot then updates the card
 * a button came from instead of answering an invoke.
 */
export function withSubmitActions<T>(card: T): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const element = node as Record<string, unknown>;
    if (element['type'] === 'Action.Execute' && typeof element['fallback'] === 'object' && element['fallback'] !== null) return walk(element['fallback']);
    return Object.fromEntries(Object.entries(element).map(([key, value]) => [key, walk(value)]));
  };
  return walk(card) as T;
}
