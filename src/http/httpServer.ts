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
  /** GET /api/documents/:id?t=<token>: a generated document, or undefined (404) for any unknown, forged or expired link. */
  document?(id: string, token: string): Promise<ServedDocument | undefined>;
}

export interface ServedDocument {
  contentType: string;
  /** attachment: the browser saves it (CSV); inline: the browser shows it (the report). */
  disposition: 'attachment' | 'inline';
  fileName: string;
  content: string | Buffer;
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

  if (routes.document) {
    const document = routes.document;
    server.get('/api/documents/:id', async (req, res) => {
      const token = new URL(req.url ?? '', 'http://localhost').searchParams.get('t') ?? '';
      const id = String((req.params as Record<string, unknown> | undefined)?.['id'] ?? '');
      try {
        const found = await document(id, token);
        // The same answer for unknown, forged and expired links, so a guess learns nothing.
        if (!found) {
          res.send(404, { error: 'This link has expired or does not exist. Ask the bot for a new one.' });
          return;
        }
        const body = Buffer.isBuffer(found.content) ? found.content : Buffer.from(found.content, 'utf8');
        res.header('Content-Type', found.contentType);
        res.header('Content-Disposition', `${found.disposition}; filename="${found.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
        res.header('Cache-Control', 'private, no-store');
        res.header('X-Content-Type-Options', 'nosniff');
        res.header('Referrer-Policy', 'no-referrer');
        // A shown document never runs script or fetches anything: inline styles and SVG only.
        if (found.disposition === 'inline') res.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
        res.sendRaw(200, body);
      } catch (error) {
        logger.error({ err: error }, 'document route failed');
        res.send(500, { error: 'The document could not be read. Try again in a minute.' });
      }
    });
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
