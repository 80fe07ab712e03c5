import { pino, type Logger as PinoLogger } from 'pino';

/** The structured logger every module receives; JSON lines on stdout. */
export type Logger = PinoLogger;

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'partnership-toolkit-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Officers' answers and tokens never belong in logs.
      redact: { paths: ['req.headers.authorization', '*.authorization', '*.password', '*.key', 'answers', '*.answers'], censor: '[redacted]' },
    },
    destination ?? process.stdout,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
