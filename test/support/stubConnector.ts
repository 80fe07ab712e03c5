import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the bot made to the Teams connector (Bot Framework REST API). */
export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** The id the stub gave a message it accepted (POST .../activities), as Teams gives one. */
  responseId?: string;
}

export interface StubConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Card updates (PUT .../activities/{id}) in arrival order. */
  updates(): Array<{ activityId: string; body: Record<string, unknown> }>;
  /** Messages sent with POST .../activities. */
  sent(): ConnectorCall[];
  /** What GET /v3/conversations/{id}/members/{userId} answers for a Teams user id (29:...), as Teams gives email and UPN. */
  setMember(userId: string, member: { email?: string; userPrincipalName?: string; name?: string }): void;
  /** Make the next N requests fail with this status (e.g. 429, 403). */
  failNext(status: number, count?: number, body?: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** The connector Teams would be, on loopback, so proactive messages and card updates can be checked. */
export async function startStubConnector(): Promise<StubConnector> {
  const calls: ConnectorCall[] = [];
  const failures: Array<{ status: number; body: Record<string, unknown> }> = [];
  const members = new Map<string, Record<string, unknown>>();
  let counter = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      calls.push({ method: req.method ?? 'GET', path: decodeURIComponent(req.url ?? ''), body });
      const failure = failures.shift();
      res.setHeader('content-type', 'application/json');
      if (failure) {
        res.statusCode = failure.status;
        res.end(JSON.stringify(failure.body));
        return;
      }
      counter += 1;
      const member = req.method === 'GET' ? /\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(decodeURIComponent(req.url ?? '')) : null;
      if (member) {
        res.end(JSON.stringify({ id: member[1], ...(members.get(member[1]!) ?? {}) }));
        return;
      }
      if (req.method === 'POST' && (req.url ?? '').replace(/\/$/, '').endsWith('/v3/conversations')) {
        res.end(JSON.stringify({ id: `a:created-${counter}`, activityId: `activity-${counter}` }));
        return;
      }
      calls[calls.length - 1]!.responseId = `activity-${counter}`;
      res.end(JSON.stringify({ id: `activity-${counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    updates: () =>
      calls
        .filter((c) => c.method === 'PUT')
        .map((c) => ({ activityId: c.path.split('/activities/')[1] ?? '', body: c.body })),
    sent: () => calls.filter((c) => c.method === 'POST' && c.path.includes('/activities')),
    setMember(userId, member) {
      members.set(userId, member);
    },
    failNext(status, count = 1, body = { error: { code: 'Failure', message: 'stub failure' } }) {
      for (let i = 0; i < count; i++) failures.push({ status, body });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
