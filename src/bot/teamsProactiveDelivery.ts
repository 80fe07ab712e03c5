import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import type { MessageDelivery, OutboundMessage } from '../notifications/notifier.js';
import type { ConversationAddress } from '../people/person.js';
import { cardMessage } from './replies.js';

const RETRIABLE = new Set([412, 429, 500, 502, 503, 504]);
const GONE = new Set([403, 404]);

/**
 * Proactive messages through the Bot Framework connector, with the handling
 * Teams asks for: back off and retry on throttling and server errors; treat
 * 403 (blocked, uninstalled) and 404 (conversation gone) as unreachable.
 */
export class TeamsProactiveDelivery implements MessageDelivery {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string | undefined,
    private readonly logger: Logger,
    private readonly retryDelayMs = 300,
    private readonly maxAttempts = 4,
  ) {}

  async deliver(address: ConversationAddress, message: OutboundMessage): Promise<'delivered' | 'unreachable'> {
    for (let attempt = 1; ; attempt++) {
      try {
        let failure: unknown;
        await this.adapter.continueConversationAsync(this.appId ?? '', address.reference as Partial<ConversationReference>, async (context) => {
          // Caught here: an error escaping the callback goes to the adapter's turn error handler,
          // which would swallow Teams' status and try to apologise into a chat that refused us.
          try {
            await context.sendActivity(cardMessage(message.card, message.summary));
          } catch (error) {
            failure = error;
          }
        });
        if (failure !== undefined) throw failure;
        return 'delivered';
      } catch (error) {
        const status = statusOf(error);
        if (status !== undefined && GONE.has(status)) return 'unreachable';
        if (status === undefined || !RETRIABLE.has(status) || attempt >= this.maxAttempts) throw error;
        const delay = this.retryDelayMs * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
        this.logger.info({ status, attempt, delay: Math.round(delay) }, 'proactive message throttled or failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: number; status?: number; response?: { status?: number } };
  return e?.statusCode ?? e?.status ?? e?.response?.status;
}
