import { createHash } from 'node:crypto';
import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { AppConfig, BotAuthSettings } from '../config/config.js';
import type { HttpRequest, HttpResponse } from '../http/httpServer.js';
import type { Logger } from '../logging/logger.js';
import { KeyedSerialQueue } from '../util/keyedSerialQueue.js';
import { identityOf, TEAMS_CHANNEL_ID } from './identity.js';
import { createTurnErrorHandler } from './turnErrorHandler.js';
import type { Tracing } from '../telemetry/tracing.js';

/** What the rest of the app needs from the Bot Framework adapter; the SDK stays behind it. */
export interface BotAdapter {
  readonly adapter: CloudAdapter;
  /** Handles POST /api/messages, one turn per conversation at a time. */
  processActivity(req: HttpRequest, res: HttpResponse, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export interface BotAdapterOptions {
  auth: AppConfig['botAuth'];
  /** Activities from any other Entra tenant are refused with 403. */
  allowedTenantId?: string;
  logger: Logger;
  /** Failed turns are marked on their trace, with the reference the officer is given. */
  tracing?: Tracing;
}

export function createBotAdapter(options: BotAdapterOptions): BotAdapter {
  const { auth, allowedTenantId, logger, tracing } = options;
  // No app id means a local run (tests, Agents Playground): the adapter then skips authentication.
  const authentication = new ConfigurationBotFrameworkAuthentication(auth ? authenticationSettings(auth) : {});
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = createTurnErrorHandler(logger, tracing);
  const queue = new KeyedSerialQueue();

  /** Authentication, the channel, the tenant and the person, before any turn runs; true when the request may go on. */
  async function admit(req: HttpRequest, res: HttpResponse): Promise<boolean> {
    const activity = req.body;
    // Malformed bodies are the adapter's to refuse (400); they never reach the bot.
    if (!activity || typeof activity !== 'object') return true;
    if (auth) {
      const header = headerOf(req, 'authorization');
      try {
        // The adapter authenticates again when it runs the turn; doing it here first means every
        // failure (a bad signature included, which the SDK reports as a 500) is a plain 401,
        // and a foreign tenant is only told 403 once it has proved who it is.
        await authentication.authenticateRequest(activity as never, header);
      } catch (error) {
        logger.warn({ reason: reasonOf(error), channelId: stringAt(activity, 'channelId') }, 'activity refused: not authenticated');
        refuse(res, 401, 'Unauthorized');
        return false;
      }
    }
    // Only Teams is served in production. Azure gives every bot a Web Chat channel, and in Web Chat
    // and Direct Line the client writes `from` and `channelData` itself, so a valid token there
    // says nothing about who is speaking or their tenant (security report H2).
    if (auth && stringAt(activity, 'channelId') !== TEAMS_CHANNEL_ID) {
      logger.warn({ reason: 'channel', channelId: stringAt(activity, 'channelId') ?? 'none', activityType: stringAt(activity, 'type') }, 'activity refused: not the Teams channel');
      refuse(res, 403, 'Forbidden');
      return false;
    }
    if (allowedTenantId) {
      const tenant = tenantOf(activity);
      if (tenant?.toLowerCase() !== allowedTenantId.toLowerCase()) {
        // A digest, not the id: enough to match log lines, and nothing about the sender.
        logger.warn(
          { reason: 'tenant', tenant: tenant ? digest(tenant) : 'none', channelId: stringAt(activity, 'channelId'), activityType: stringAt(activity, 'type') },
          'activity refused: not from the council tenant',
        );
        refuse(res, 403, 'Forbidden');
        return false;
      }
    }
    // The person is the Entra object id and nothing else (src/bot/identity.ts): without one there is
    // nobody to serve, with authentication on or off, so nothing is stored under another id.
    if (!identityOf(activity, { entraOnly: Boolean(auth) })) {
      logger.warn({ reason: 'identity', channelId: stringAt(activity, 'channelId'), activityType: stringAt(activity, 'type') }, 'activity refused: no Entra object id');
      refuse(res, 403, 'Forbidden');
      return false;
    }
    return true;
  }

  return {
    adapter,
    async processActivity(req, res, logic) {
      if (!(await admit(req, res))) return;
      const conversationId = conversationIdOf(req.body);
      const process = async () => {
        try {
          await adapter.process(req, res, logic);
        } catch (error) {
          // The SDK checks the activity's shape before its own error handling, so a malformed
          // activity would otherwise surface as a 500: it is the sender's mistake, a 400.
          if (!isMalformedActivity(error)) throw error;
          logger.warn({ reason: 'malformed activity', activityType: stringAt(req.body ?? {}, 'type') }, 'activity refused: malformed');
          refuse(res, 400, 'Bad Request');
        }
      };
      return conversationId ? queue.run(conversationId, process) : process();
    },
  };
}

/** The Bot Framework public cloud's endpoints (botframework-connector's AuthenticationConstants, not exported by botbuilder). */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
} as const;

/**
 * The SDK's settings. The channel's OpenID metadata and token issuer are advanced settings:
 * once either is given the SDK expects every endpoint explicitly, so the public cloud's
 * values fill in the rest.
 */
function authenticationSettings(auth: BotAuthSettings): Record<string, string | boolean | undefined> {
  const settings: Record<string, string | boolean | undefined> = {
    MicrosoftAppId: auth.appId,
    MicrosoftAppPassword: auth.appPassword,
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.tenantId,
  };
  if (!auth.openIdMetadataUrl && !auth.tokenIssuer) return settings;
  const metadataUrl = auth.openIdMetadataUrl ?? PUBLIC_CLOUD.ToBotFromChannelOpenIdMetadataUrl;
  return {
    ...settings,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: PUBLIC_CLOUD.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: PUBLIC_CLOUD.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: auth.tokenIssuer ?? PUBLIC_CLOUD.ToBotFromChannelTokenIssuer,
    OAuthUrl: PUBLIC_CLOUD.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    // Emulator-style tokens are checked against the same keys, so no request ever leaves for the public metadata.
    ToBotFromEmulatorOpenIdMetadataUrl: auth.openIdMetadataUrl ?? PUBLIC_CLOUD.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

function isMalformedActivity(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  const message = (error as Error | undefined)?.message ?? '';
  return name === 'ZodError' || message.startsWith('validateAndFixActivity(');
}

function refuse(res: HttpResponse, status: number, message: string): void {
  res.status(status);
  res.send({ error: message });
  res.end();
}

function headerOf(req: HttpRequest, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** The SDK's reason, which names claims but never carries the token itself. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[token]').slice(0, 200);
}

function tenantOf(activity: Record<string, unknown>): string | undefined {
  const channelData = activity['channelData'];
  if (typeof channelData === 'object' && channelData !== null) {
    const tenant = (channelData as Record<string, unknown>)['tenant'];
    if (typeof tenant === 'object' && tenant !== null) {
      const id = (tenant as Record<string, unknown>)['id'];
      if (typeof id === 'string') return id;
    }
  }
  return undefined;
}

function stringAt(activity: Record<string, unknown>, key: string): string | undefined {
  const value = activity[key];
  return typeof value === 'string' ? value.slice(0, 40) : undefined;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

function conversationIdOf(body: Record<string, unknown> | undefined): string | undefined {
  const conversation = body?.['conversation'];
  if (typeof conversation !== 'object' || conversation === null) return undefined;
  const id = (conversation as Record<string, unknown>)['id'];
  return typeof id === 'string' ? id : undefined;
}
