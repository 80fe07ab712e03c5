import { normaliseText } from './normaliseText.js';

/** Words that work anywhere in the conversation, whatever else is going on. */
export type ShellCommand = 'help' | 'cancel' | 'greeting';

const PHRASES: Record<ShellCommand, string[]> = {
  help: ['help', '?', 'menu', 'commands', 'what can you do', 'what can i do', 'how does this work', 'options', 'help me'],
  cancel: ['cancel', 'stop', 'quit', 'abort', 'never mind', 'nevermind', 'forget it', 'cancel that'],
  greeting: ['hi', 'hello', 'hey', 'hiya', 'good morning', 'good afternoon', 'good evening', 'start', 'hello bot', 'hi bot'],
};

export function shellCommandOf(text: string): ShellCommand | undefined {
  const normalised = normaliseText(text);
  for (const [command, phrases] of Object.entries(PHRASES) as Array<[ShellCommand, string[]]>) {
    if (phrases.includes(normalised)) return command;
  }
  return undefined;
}
