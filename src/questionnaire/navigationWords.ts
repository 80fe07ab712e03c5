import { normaliseText } from '../conversation/normaliseText.js';

/** Typed words that steer a questionnaire rather than answer it. */
export type TypedNavigation =
  | { nav: 'back' | 'skip' | 'help' | 'cancel' | 'save' | 'submit' }
  | { nav: 'change'; target: string };

const WORDS: Record<'back' | 'skip' | 'help' | 'cancel' | 'save' | 'submit', string[]> = {
  back: ['back', 'go back', 'previous', 'previous question', 'undo', 'change my last answer', 'change last answer'],
  skip: ['skip', 'skip this', 'skip it', 'pass', 'next question'],
  help: ['help', '?', 'what does this mean', 'explain', 'i need help', 'help me'],
  cancel: ['cancel', 'stop', 'quit', 'abort', 'exit', 'never mind', 'nevermind'],
  save: ['save for later', 'save', 'later', 'pause', 'come back later', 'finish later', 'save and exit', 'save and close'],
  submit: ['submit', 'send', 'done', 'finish', 'confirm', 'submit it', 'send it'],
};

export function typedNavigation(text: string): TypedNavigation | undefined {
  const normalised = normaliseText(text);
  for (const [nav, words] of Object.entries(WORDS) as Array<[keyof typeof WORDS, string[]]>) {
    if (words.includes(normalised)) return { nav };
  }
  const change = /^(?:change|edit|amend)\s+(?:question\s+|answer\s+)?(.+)$/.exec(normalised);
  if (change?.[1]) return { nav: 'change', target: change[1] };
  return undefined;
}

const YES = ['yes', 'y', 'yes please', 'ok', 'okay', 'sure', 'yep', 'yeah', 'confirm'];
const NO = ['no', 'n', 'no thanks', 'nope', 'carry on', 'continue', 'keep going'];

export function yesOrNo(text: string): 'yes' | 'no' | undefined {
  const normalised = normaliseText(text);
  if (YES.includes(normalised)) return 'yes';
  if (NO.includes(normalised)) return 'no';
  return undefined;
}
