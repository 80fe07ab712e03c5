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
  routes: HttpRoutes;
  logger: Logger;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
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

  if (routes.runReminders) {
    const runReminders = routes.runReminders;
    server.post('/api/reminders/run', async (req, res) => {
      const result = await runReminders(req as unknown as HttpRequest);
      res.send(result.status, result.body);
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
