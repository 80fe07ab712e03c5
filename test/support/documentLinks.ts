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

/** Visible text of a piece of HTML: tags dropped, entities decoded, spaces collapsed. */
export function visible(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
