/** Ids of card inputs, shared by the card builders and the answer parsers. */

export function inputId(questionId: string): string {
  return `answer:${questionId}`;
}

export function listInputId(questionId: string, row: number, column: string): string {
  return `answer:${questionId}:${row}:${column}`;
}

/** The toggle that stands for a date question's alternative (e.g. "open-ended"). */
export function alternativeInputId(questionId: string): string {
  return `answer:${questionId}:alternative`;
}
