import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS, startHttpServer, type RunningHttpServer } from '../../src/http/httpServer.js';
import { startTestBot, type TestBot } from '../support/botHarness.js';
import { capturingLogger } from '../support/logCapture.js';
import { TENANT_ID } from '../support/teamsActivities.js';

/**
 * Security report L3: with authentication on, a request that has no bearer token is refused
 * before its body is read, and no request may take long to arrive.
 */
describe('with authentication on, POST /api/messages without a bearer token is refused before the body is read', () => {
  let bot: TestBot;
  const logs = capturingLogger('info');
  beforeAll(async () => {
    bot = await startTestBot({
      logger: logs.logger,
      env: {
        MICROSOFT_APP_ID: '0b3b1d5e-1111-4222-8333-944444444444',
        MICROSOFT_APP_PASSWORD: 'test-secret-not-real',
        MICROSOFT_APP_TENANT_ID: TENANT_ID,
        MAX_REQUEST_BYTES: '65536',
      },
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const send = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  // Each of these bodies is refused differently once it is read (400, 413, 415): a 401 shows it never was.
  it.each([
    ['malformed JSON', '{"type":', {}],
    ['a body over MAX_REQUEST_BYTES', JSON.stringify({ type: 'message', text: 'x'.repeat(70_000) }), {}],
    ['a content type the parser refuses', 'type=message', { 'content-type': 'application/x-unknown' }],
    ['an empty bearer', '{"type":', { authorization: 'Bearer ' }],
    ['another scheme', '{"type":', { authorization: 'Basic dTpw' }],
  ])('%s without a bearer token: 401', async (_name, body, headers) => {
    const response = await send(body, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ error: 'Unauthorized' });
  });

  it('with a bearer header the body is read (malformed JSON: 400), and the token is then checked (401)', async () => {
    expect((await send('{"type":', { authorization: 'Bearer not-a-token' })).status).toBe(400);
    expect((await send('{"type":"message"}', { authorization: 'Bearer not-a-token' })).status).toBe(401);
  });

  it('logs the refusal without the body', () => {
    const lines = logs.lines.filter((line) => line.includes('no bearer token'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain('xxxxxxxx');
    expect(lines.join('')).not.toContain('"type"');
  });

  it('still answers health checks', async () => {
    expect((await fetch(`${bot.url}/api/health`)).status).toBe(200);
  });
});

describe('a request that trickles in is cut off', () => {
  let server: RunningHttpServer;
  let served = 0;
  beforeAll(async () => {
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      maxRequestBytes: 65_536,
      // Production uses REQUEST_TIMEOUT_MS; a short limit keeps the test quick.
      requestTimeoutMs: 1_000,
      logger: capturingLogger('silent').logger,
      routes: {
        messages: async (_req, res) => {
          served++;
          res.send(200, { activities: [] });
        },
        health: async () => ({ healthy: true, checks: {} }),
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('allows 30 seconds in production', () => {
    expect(REQUEST_TIMEOUT_MS).toBe(30_000);
  });

  it('answers 408 and closes the connection when the body never completes, and keeps serving others', async () => {
    const started = Date.now();
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write(`POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":"mess`);
    // A byte now and then, as a slow sender would: activity on the socket does not extend the limit.
    const drip = setInterval(() => socket.write('a'), 200);
    try {
      // Meanwhile an ordinary request is served.
      const ordinary = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
      expect(ordinary.status).toBe(200);
      await closed;
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
    const took = Date.now() - started;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(5_000);
    expect(served).toBe(1);
  });
});
