import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../config/config.js';
import type { HttpRequest, HttpResponse } from '../http/httpServer.js';
import type { Logger } from '../logging/logger.js';
import { KeyedSerialQueue } from '../util/keyedSerialQueue.js';
import { createTurnErrorHandler } from './turnErrorHandler.js';

/** What the rest of the app needs from the Bot Framework adapter; the SDK stays behind it. */
export interface BotAdapter {
  readonly adapter: CloudAdapter;
  /** Handles POST /api/messages, one turn per conversation at a time. */
  processActivity(req: HttpRequest, res: HttpResponse, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export function createBotAdapter(auth: AppConfig['botAuth'], logger: Logger): BotAdapter {
  // No app id means a local run (tests, Agents Playground): the adapter then skips authentication.
  const authentication = new ConfigurationBotFrameworkAuthentication(
    auth
      ? {
          MicrosoftAppId: auth.appId,
          MicrosoftAppPassword: auth.appPassword,
          MicrosoftAppType: auth.appType,
          MicrosoftAppTenantId: auth.tenantId,
        }
      : {},
  );
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = createTurnErrorHandler(logger);
  const queue = new KeyedSerialQueue();

  return {
    adapter,
    processActivity(req, res, logic) {
      const conversationId = conversationIdOf(req.body);
      const process = () => adapter.process(req, res, logic);
      return conversationId ? queue.run(conversationId, process) : process();
    },
  };
}

function conversationIdOf(body: Record<string, unknown> | undefined): string | undefined {
  const conversation = body?.['conversation'];
  if (typeof conversation !== 'object' || conversation === null) return undefined;
  const id = (conversation as Record<string, unknown>)['id'];
  return typeof id === 'string' ? id : undefined;
}
