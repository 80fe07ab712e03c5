import type { HttpRequest } from '../http/httpServer.js';
import type { MessageDelivery } from '../notifications/notifier.js';
import type { SpanAttributes, Tracing } from './tracing.js';

/** What a turn's span says about its activity: its type, channel and kind of conversation, nothing of its content or people. */
export function turnAttributes(req: HttpRequest): SpanAttributes {
  const activity = (req.body ?? {}) as { type?: unknown; channelId?: unknown; conversation?: { conversationType?: unknown }; value?: unknown };
  const attributes: SpanAttributes = {};
  const word = (value: unknown) => (typeof value === 'string' && /^[A-Za-z]{1,30}$/.test(value) ? value : undefined);
  const type = word(activity.type);
  const channel = word(activity.channelId);
  const conversationType = word(activity.conversation?.conversationType);
  if (type) attributes['toolkit.activity.type'] = type;
  if (channel) attributes['toolkit.channel'] = channel;
  if (conversationType) attributes['toolkit.conversation.type'] = conversationType;
  attributes['toolkit.activity.card'] = activity.value !== undefined;
  return attributes;
}

/** Proactive sends (approval cards, sign-off requests, reminders) as client spans, with their outcome. */
export function tracedDelivery(inner: MessageDelivery, tracing: Tracing): MessageDelivery {
  return {
    deliver: (address, message) =>
      tracing.span('proactive send', 'client', { 'toolkit.operation': 'proactive send' }, async () => {
        const outcome = await inner.deliver(address, message);
        tracing.annotate({ 'toolkit.outcome': outcome });
        return outcome;
      }),
  };
}
