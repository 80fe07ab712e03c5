import { normaliseText } from './normaliseText.js';
import { shellCommandOf } from './shellCommands.js';

/** What a message asks for when no questionnaire is holding the conversation. */
export type Intent =
  | { name: 'help' | 'cancel' | 'greeting' }
  | { name: 'startPractice' }
  | { name: 'resume' }
  | { name: 'notNow' }
  | { name: 'unknown' };

const PRACTICE = [/^(try|start|do|run|open)?\s*(the|a)?\s*(practice|demo)( questionnaire| run| form)?$/, /^practi[sc]e$/];
const RESUME = [/^(continue|resume|carry on|pick up|pick up where i left off|my drafts?|unfinished)( (my|the) (draft|questionnaire))?$/];
const NOT_NOW = [/^(not now|later|no thanks|maybe later)$/];

export function recogniseIntent(text: string): Intent {
  const shell = shellCommandOf(text);
  if (shell) return { name: shell };
  const normalised = normaliseText(text);
  if (PRACTICE.some((p) => p.test(normalised))) return { name: 'startPractice' };
  if (RESUME.some((p) => p.test(normalised))) return { name: 'resume' };
  if (NOT_NOW.some((p) => p.test(normalised))) return { name: 'notNow' };
  return { name: 'unknown' };
}

/** A request for something else, made while a questionnaire waits for an answer. */
export function isOtherRequest(text: string): boolean {
  const intent = recogniseIntent(text);
  return intent.name !== 'unknown' && intent.name !== 'cancel' && intent.name !== 'notNow' && intent.name !== 'help';
}
