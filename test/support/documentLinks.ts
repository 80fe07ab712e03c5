import { cardsOf, type BotActivity } from './botHarness.js';

/** The URL of the first Action.OpenUrl button in the replies' cards, or undefined. */
export function documentUrlOf(activities: BotActivity[]): string | undefined {
  for (const card of cardsOf(activities)) {
    const actions = (card['actions'] ?? []) as Array<{ type: string; url?: string }>;
    const open = actions.find((a) => a.type === 'Action.OpenUrl');
    if (open?.url) return open.url;
  }
  return undefined;
}

/** The same link with its token replaced, as someone guessing would try. */
export function withToken(url: string, token: string): string {
  const u = new URL(url);
  u.searchParams.set('t', token);
  return u.toString();
}
