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

export type QuestionnaireNav = 'next' | 'back' | 'skip' | 'save' | 'help' | 'change' | 'submit' | 'confirmStop' | 'carryOn' | 'discard';

export function submitAction(title: string, ref: QuestionnaireCardRef, nav: QuestionnaireNav, options: { withInputs?: boolean; style?: 'positive' | 'destructive' } = {}) {
  return {
    type: 'Action.Submit',
    title,
    data: { verb: 'questionnaire', qa: ref, nav },
    // Navigation must not be blocked by (or carry) half-filled inputs.
    associatedInputs: options.withInputs ? 'auto' : 'none',
    ...(options.style ? { style: options.style } : {}),
  };
}
