/**
 * What a card press asks for: the `verb` every card action carries, and its
 * data (the action's own fields plus the card's inputs, which Teams merges in).
 */
export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
}

/**
 * Reads the verb of a card press. Cards sent before verbs existed are still in
 * officers' chats (an approval card can wait for days), so their shapes are read
 * as the verbs they meant; new cards always carry `verb`.
 */
export function readCardAction(value: Record<string, unknown> | undefined): CardAction | undefined {
  if (!value) return undefined;
  if (typeof value['verb'] === 'string') return { verb: value['verb'], data: withoutVerb(value) };
  return legacyAction(value);
}

function legacyAction(value: Record<string, unknown>): CardAction | undefined {
  const { approval, exitSignOff, action, resume, command, qa, ...rest } = value;
  if (isRecord(approval)) return { verb: 'decideProposal', data: { ...rest, ...approval } };
  if (isRecord(exitSignOff)) return { verb: 'signOffExit', data: { ...rest, ...exitSignOff } };
  if (qa !== undefined) return { verb: 'questionnaire', data: value };
  if (action === 'confirmStage' || action === 'statusPage' || action === 'snoozeReminder') return { verb: action, data: rest };
  if (resume !== undefined) return { verb: 'resume', data: { draftId: resume } };
  if (command !== undefined) return { verb: 'say', data: { command } };
  return undefined;
}

function withoutVerb(value: Record<string, unknown>): Record<string, unknown> {
  const { verb: _verb, ...data } = value;
  return data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
