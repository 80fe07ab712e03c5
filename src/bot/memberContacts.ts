import type { ConnectorClient } from 'botframework-connector';
import type { TurnContext } from 'botbuilder';

/** Long enough for Teams, short enough that a turn never waits on an unreachable connector's retries. */
const LOOKUP_TIME_LIMIT_MS = 3000;

/**
 * The person's email and user principal name, which Teams activities do not
 * carry: asked of Teams through the connector (what TeamsInfo.getMember does:
 * GET /v3/conversations/{id}/members/{id}), with a time limit. Undefined when
 * Teams could not say.
 */
export async function memberContacts(context: TurnContext): Promise<string[] | undefined> {
  const userId = context.activity.from?.id;
  const conversationId = context.activity.conversation?.id;
  const client = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
  if (!userId || !conversationId || !client || context.activity.channelId !== 'msteams') return undefined;
  try {
    const member = (await client.conversations.getConversationMember(conversationId, userId, { abortSignal: AbortSignal.timeout(LOOKUP_TIME_LIMIT_MS) as never })) as { email?: unknown; userPrincipalName?: unknown };
    return [member.email, member.userPrincipalName].filter((c): c is string => typeof c === 'string' && /^[^\s@]+@[^\s@]+$/.test(c)).map((c) => c.toLowerCase());
  } catch {
    return undefined;
  }
}
