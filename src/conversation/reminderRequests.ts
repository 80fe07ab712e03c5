import type { Intent } from './intents.js';

/** Officers' words about their own reminders: snooze them all, turn them off, turn them back on. */

const REMINDERS = String.raw`(?:(?:my|the|all|all my|all the)\s+)?reminders?`;
const SNOOZE = new RegExp(String.raw`^(?:please\s+)?(?:snooze|pause|mute|hold|put off|silence)\s+${REMINDERS}\s+(?:for\s+)?(.+)$`);
const OFF = [
  new RegExp(String.raw`^(?:please\s+)?(?:turn|switch)\s+off\s+${REMINDERS}$`),
  new RegExp(String.raw`^(?:please\s+)?(?:turn|switch)\s+${REMINDERS}\s+off$`),
  new RegExp(String.raw`^(?:please\s+)?(?:stop|disable|cancel)\s+${REMINDERS}$`),
  /^(?:please\s+)?stop reminding me$/,
  /^no more reminders$/,
];
const ON = [
  new RegExp(String.raw`^(?:please\s+)?(?:turn|switch)\s+(?:back\s+)?on\s+${REMINDERS}(?:\s+again)?$`),
  new RegExp(String.raw`^(?:please\s+)?(?:turn|switch)\s+${REMINDERS}\s+(?:back\s+)?on(?:\s+again)?$`),
  new RegExp(String.raw`^(?:please\s+)?(?:resume|restart|enable|unsnooze|unpause|unmute)\s+${REMINDERS}$`),
  new RegExp(String.raw`^(?:please\s+)?start\s+${REMINDERS}\s+again$`),
];

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fourteen: 14, thirty: 30 };
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, fortnight: 14, month: 30 };

/** Takes normalised text (see normaliseText). */
export function reminderRequest(normalised: string): Intent | undefined {
  if (OFF.some((p) => p.test(normalised))) return { name: 'remindersOff' };
  if (ON.some((p) => p.test(normalised))) return { name: 'remindersOn' };
  const snooze = SNOOZE.exec(normalised);
  if (snooze) return { name: 'snoozeReminders', days: durationInDays(snooze[1]!) };
  return undefined;
}

/** "2 weeks", "ten days", "a month", "a fortnight"; undefined when it is not a duration. */
export function durationInDays(words: string): number | undefined {
  const match = /^(?:the\s+next\s+|next\s+)?(\d{1,3}|[a-z]+)?\s*(day|week|fortnight|month)s?$/.exec(words.trim());
  if (!match) return undefined;
  const amount = match[1] === undefined ? 1 : /^\d+$/.test(match[1]) ? Number(match[1]) : NUMBER_WORDS[match[1]];
  if (amount === undefined) return undefined;
  return amount * UNIT_DAYS[match[2]!]!;
}
