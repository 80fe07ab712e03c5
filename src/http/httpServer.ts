import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server as HttpNodeServer } from 'node:http';
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
  /**
   * GET /api/health/ready (and GET /api/health, the same answer for older probes and scripts):
   * whether the bot can serve, storage read and written. 503 when not.
   */
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
  /**
   * Bot authentication is on: POST /api/messages without `Authorization: Bearer ...` is refused
   * (401) before its body is read, so an unauthenticated sender costs no parsing.
   */
  messagesRequireBearer?: boolean;
  /** Longest a request may take to arrive, headers and body; a body that trickles in is cut off (408). */
  requestTimeoutMs?: number;
  routes: HttpRoutes;
  logger: Logger;
}

/**
 * A Teams activity arrives in well under a second; Node's own default (300 s) lets a slow sender
 * hold a connection for five minutes (security report L3).
 */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Node's limits on how long a request may take to arrive (408 and the connection closed after).
 * Node looks for overdue requests every `connectionsCheckingInterval` (30 s by default, read when
 * the server starts listening): checked more often, a limit is enforced close to its time.
 */
function limitRequestTime(server: HttpNodeServer, requestTimeoutMs: number): void {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(15_000, requestTimeoutMs);
  // A creation option in the typings, but Node reads the property when listening starts.
  (server as HttpNodeServer & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(100, Math.min(5_000, Math.floor(requestTimeoutMs / 5)));
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
  limitRequestTime(server.server, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  // Bodies are read per route, after the route's own cheap checks (not with server.use, which
  // would read every body before any of them).
  const parseBody = restify.plugins.bodyParser({ maxBodySize: options.maxRequestBytes, mapParams: false, rejectUnknown: true });

  // With authentication on, a request without a bearer token can never be served: say so before
  // reading the body. The token itself is checked by the adapter, which needs the activity.
  const bearerFirst: restify.RequestHandler = (req, res, next) => {
    if (!options.messagesRequireBearer || /^Bearer\s+\S/i.test(req.headers.authorization ?? '')) return next();
    logger.warn({ path: '/api/messages', status: 401, reason: 'no bearer token' }, 'activity refused: not authenticated');
    res.header('WWW-Authenticate', 'Bearer');
    // The unread body is not worth keeping the connection for.
    res.header('Connection', 'close');
    res.send(401, { error: 'Unauthorized' });
    return next(false);
  };

  server.post('/api/messages', bearerFirst, parseBody, async (req, res) => {
    try {
      await routes.messages(req as unknown as HttpRequest, res as unknown as HttpResponse);
    } catch (error) {
      logger.error({ err: error }, 'message route failed');
      if (!res.headersSent) res.send(500, { error: 'The bot could not process this activity.' });
    }
  });

  // Liveness: the process answers. Nothing is asked of storage, so a store outage never makes a
  // platform restart a process that would recover by itself (restarting does not mend a store).
  server.get('/api/health/live', (_req, res, next) => {
    res.header('Cache-Control', 'no-store');
    res.send(200, { live: true });
    return next();
  });
  const readiness: restify.RequestHandler = async (_req, res) => {
    const report = await routes.health();
    res.header('Cache-Control', 'no-store');
    res.send(report.healthy ? 200 : 503, report);
  };
  server.get('/api/health/ready', readiness);
  server.get('/api/health', readiness);

  if (routes.runReminders && options.remindersSecret) {
    const runReminders = routes.runReminders;
    const secret = options.remindersSecret;
    // The secret is checked before the body is read, as for /api/messages.
    const secretFirst: restify.RequestHandler = (req, res, next) => {
      if (bearerMatches(req.headers.authorization, secret)) return next();
      logger.warn({ path: '/api/reminders/run', status: 401 }, 'reminders trigger refused: wrong or missing secret');
      res.header('WWW-Authenticate', 'Bearer');
      res.header('Connection', 'close');
      res.send(401, { error: 'Unauthorized' });
      return next(false);
    };
    server.post('/api/reminders/run', secretFirst, parseBody, async (req, res) => {
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
