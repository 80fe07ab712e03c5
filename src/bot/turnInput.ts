import { TurnContext, type ConversationReference } from 'botbuilder';
import type { ConversationAddress } from '../people/person.js';
import type { Identity } from '../people/peopleDirectory.js';
import { requireIdentity } from './identity.js';

export type ChatScope = 'personal' | 'channel' | 'groupChat';

/** What a turn says, independent of how Teams shaped the activity. */
export interface TurnInput {
  identity: Identity;
  scope: ChatScope;
  /** Typed text with the bot's @mention removed; empty for a card submit. */
  text: string;
  /** Data from an Adaptive Card submit, if this turn is one. */
  value?: Record<string, unknown>;
  /** The 1:1 chat address, only when this turn came from a 1:1 chat. */
  personalChat?: ConversationAddress;
}

export function readTurnInput(context: TurnContext): TurnInput {
  const activity = context.activity;
  const scope = scopeOf(activity.conversation?.conversationType);
  const rawText = typeof activity.text === 'string' ? activity.text : '';
  const text = (activity.recipient ? TurnContext.removeRecipientMention(activity) ?? rawText : rawText)
    .replace(/<at>[^<]*<\/at>/g, '')
    .trim();
  const value = isPlainObject(activity.value) ? activity.value : undefined;
  const reference = TurnContext.getConversationReference(activity) as ConversationReference;
  return {
    // The Entra object id only (src/bot/identity.ts); never the channel's from.id.
    identity: requireIdentity(activity),
    scope,
    text,
    value,
    personalChat:
      scope === 'personal' && activity.serviceUrl && activity.conversation?.id
        ? {
            serviceUrl: activity.serviceUrl,
            conversationId: activity.conversation.id,
            reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
          }
        : undefined,
  };
}

function scopeOf(conversationType: string | undefined): ChatScope {
  if (conversationType === 'channel') return 'channel';
  if (conversationType === 'groupChat') return 'groupChat';
  return 'personal';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
