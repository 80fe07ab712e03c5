import { pino, type Logger as PinoLogger } from 'pino';

/** The structured logger every module receives; JSON lines on stdout. */
export type Logger = PinoLogger;

/**
 * Paths that may hold a secret or an officer's words. Modules are written never to log
 * them; this is the safety net for an object logged whole by mistake.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.authorization',
  '*.Authorization',
  'password',
  '*.password',
  '*.appPassword',
  '*.MicrosoftAppPassword',
  '*.MICROSOFT_APP_PASSWORD',
  'key',
  '*.key',
  '*.cosmosKey',
  '*.COSMOS_KEY',
  '*.remindersSecret',
  '*.REMINDERS_SECRET',
  '*.secret',
  '*.token',
  '*.accessToken',
  'text',
  '*.text',
  'answers',
  '*.answers',
  // One level deeper, for settings or requests logged whole (fast-redact matches fixed depths).
  '*.*.authorization',
  '*.*.Authorization',
  '*.*.password',
  '*.*.appPassword',
  '*.*.key',
  '*.*.secret',
  '*.*.remindersSecret',
  '*.*.text',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'partnership-toolkit-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Officers' answers, message text, tokens and secrets never belong in logs.
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: safeError },
    },
    destination ?? process.stdout,
  );
}

/**
 * HTTP client errors (the Bot Connector's, Cosmos DB's) carry the request they failed on,
 * headers and body included: the bearer token and the officer's message. Only the
 * error's own description is kept.
 */
const UNSAFE_ERROR_FIELDS = ['request', 'response', 'config', 'headers', 'body', 'activity', 'options'];

function safeError(error: unknown): unknown {
  const serialised = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (typeof serialised !== 'object' || serialised === null) return serialised;
  for (const field of UNSAFE_ERROR_FIELDS) delete serialised[field];
  return serialised;
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
