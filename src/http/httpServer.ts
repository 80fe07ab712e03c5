import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Logger } from '../logging/logger.js';

/**
 * The only file that knows restify. Moving to restify 12 or another server
 * touches this file alone: routes receive plain request/response shapes.
 */

export interface HttpRequest {
  body?: Record<string, unknown>;
  headers: Record<string, string[] | string | undefined>;
  method?: string;
}

export interface HttpResponse {
  socket: unknown;
  end(...args: unknown[]): unknown;
  header(name: string, value: unknown): unknown;
  send(...args: unknown[]): unknown;
  status(code: number): unknown;
}

export interface HealthReport {
  healthy: boolean;
  checks: Record<string, 'ok' | 'failing'>;
}

export interface HttpRoutes {
  /** POST /api/messages: Bot Framework activities. */
  messages(req: HttpRequest, res: HttpResponse): Promise<void>;
  /** GET /api/health */
  health(): Promise<HealthReport>;
  /** POST /api/reminders/run, for an external scheduler; absent until reminders exist. */
  runReminders?(req: HttpRequest): Promise<{ status: number; body: unknown }>;
}

export interface HttpServerOptions {
  port: number;
  host: string;
  maxRequestBytes: number;
  /**
   * Bearer secret the scheduler sends to POST /api/reminders/run. Without it the route
   * does not exist (404), so an unprotected trigger can never be deployed by mistake.
   */
  remindersSecret?: string;
  routes: HttpRoutes;
  logger: Logger;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Constant-time check of `Authorization: Bearer <secret>`. Both sides are hashed first so
 * the comparison takes the same time whatever the length of the guess.
 */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  const given = createHash('sha256').update(match?.[1] ?? '').digest();
  const expected = createHash('sha256').update(secret).digest();
  return timingSafeEqual(given, expected) && match !== null;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { routes, logger } = options;
  const server = restify.createServer({ name: 'partnership-toolkit-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxRequestBytes, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    try {
      await routes.messages(req as unknown as HttpRequest, res as unknown as HttpResponse);
    } catch (error) {
      logger.error({ err: error }, 'message route failed');
      if (!res.headersSent) res.send(500, { error: 'The bot could not process this activity.' });
    }
  });

  server.get('/api/health', async (_req, res) => {
    const report = await routes.health();
    res.send(report.healthy ? 200 : 503, report);
  });

  if (routes.runReminders && options.remindersSecret) {
    const runReminders = routes.runReminders;
    const secret = options.remindersSecret;
    server.post('/api/reminders/run', async (req, res) => {
      if (!bearerMatches(req.headers.authorization, secret)) {
        logger.warn({ path: '/api/reminders/run', status: 401 }, 'reminders trigger refused: wrong or missing secret');
        res.header('WWW-Authenticate', 'Bearer');
        res.send(401, { error: 'Unauthorized' });
        return;
      }
      try {
        const result = await runReminders(req as unknown as HttpRequest);
        res.send(result.status, result.body);
      } catch (error) {
        logger.error({ err: error }, 'reminders run failed');
        res.send(500, { error: 'The reminders run failed.' });
      }
    });
  } else if (routes.runReminders) {
    logger.warn('REMINDERS_SECRET is not set: POST /api/reminders/run is off');
  }

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, next: (e?: unknown) => void) => {
    logger.warn({ path: req.path(), status: err.statusCode, reason: err.name }, 'request refused');
    next();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold close() open.
        (server.server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
