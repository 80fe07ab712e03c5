import { ActivityHandler, ConversationState, type TurnContext } from 'botbuilder';
import { createBotAdapter } from '../src/bot/botAdapter.js';
import { BotStateStorage } from '../src/bot/botStateStorage.js';
import { startHttpServer, type RunningHttpServer } from '../src/http/httpServer.js';
import { storageProbe } from '../src/health/storageProbe.js';
import type { Logger } from '../src/logging/logger.js';
import type { RecordStore } from '../src/storage/recordStore.js';

/**
 * The framework's floor: a bare botbuilder bot that echoes, on the same restify
 * server, adapter and BotStateStorage over the same RecordStore as the real bot,
 * so the only difference measured is the toolkit's own work.
 */
class EchoBot extends ActivityHandler {
  constructor(private readonly state: ConversationState) {
    super();
    const turns = state.createProperty<number>('turns');
    this.onMessage(async (context, next) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      const said = context.activity.text ?? JSON.stringify(context.activity.value ?? {}).slice(0, 200);
      await context.sendActivity(`Echo ${count}: ${said}`);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.saveChanges(context, false);
  }
}

export async function startEchoBot(store: RecordStore, logger: Logger, port = 0): Promise<RunningHttpServer> {
  const bot = new EchoBot(new ConversationState(new BotStateStorage(store)));
  const adapter = createBotAdapter({ auth: undefined, logger });
  const probe = storageProbe(store);
  return startHttpServer({
    port,
    host: '127.0.0.1',
    maxRequestBytes: 262_144,
    logger,
    routes: {
      messages: (req, res) => adapter.processActivity(req, res, (context) => bot.run(context)),
      // The same readiness probe as the bot's (a small write read back), so start-up is timed alike.
      health: async () => {
        const storage = await probe.check();
        return { healthy: storage === 'ok', checks: { storage } };
      },
    },
  });
}
