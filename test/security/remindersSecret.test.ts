import { afterEach, describe, expect, it } from 'vitest';
import { bearerMatches, startHttpServer, type RunningHttpServer } from '../../src/http/httpServer.js';
import { loadConfig } from '../../src/config/config.js';
import { capturingLogger } from '../support/logCapture.js';

const SECRET = 'reminders-secret-0123456789-abcdefghijklmnop';

describe('POST /api/reminders/run needs its own secret', () => {
  let server: RunningHttpServer | undefined;
  let runs = 0;
  const logs = capturingLogger('info');

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(remindersSecret?: string): Promise<string> {
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      maxRequestBytes: 65_536,
      remindersSecret,
      logger: logs.logger,
      routes: {
        messages: async () => undefined,
        health: async () => ({ healthy: true, checks: {} }),
        runReminders: async () => {
          runs++;
          return { status: 200, body: { sent: 0 } };
        },
      },
    });
    return `${server.url}/api/reminders/run`;
  }

  const call = (url: string, authorization?: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: '{}' });

  it('runs for the scheduler that sends the secret', async () => {
    const url = await start(SECRET);
    const before = runs;
    const response = await call(url, `Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sent: 0 });
    expect(runs).toBe(before + 1);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong secret', 'Bearer not-the-secret'],
    ['the secret with a character changed', `Bearer ${SECRET.slice(0, -1)}X`],
    ['the secret with something after it', `Bearer ${SECRET}x`],
    ['the secret without the Bearer scheme', SECRET],
    ['Basic authentication', `Basic ${Buffer.from(`x:${SECRET}`).toString('base64')}`],
  ])('refuses %s with 401 and runs nothing', async (_name, authorization) => {
    const url = await start(SECRET);
    const before = runs;
    const response = await call(url, authorization);
    expect(response.status).toBe(401);
    expect(runs).toBe(before);
  });

  it('has no route at all when no secret is configured', async () => {
    const url = await start(undefined);
    const before = runs;
    expect((await call(url, `Bearer ${SECRET}`)).status).toBe(404);
    expect((await call(url)).status).toBe(404);
    expect(runs).toBe(before);
  });

  it('never logs the secret', () => {
    expect(logs.text()).toContain('reminders trigger refused');
    expect(logs.text()).not.toContain(SECRET);
  });

  it('compares secrets exactly', () => {
    expect(bearerMatches(`Bearer ${SECRET}`, SECRET)).toBe(true);
    expect(bearerMatches('Bearer ', SECRET)).toBe(false);
    expect(bearerMatches(undefined, SECRET)).toBe(false);
  });

  it('reads REMINDERS_SECRET and refuses a short one', () => {
    expect(loadConfig({ REMINDERS_SECRET: SECRET }).remindersSecret).toBe(SECRET);
    expect(loadConfig({}).remindersSecret).toBeUndefined();
    expect(() => loadConfig({ REMINDERS_SECRET: 'short' })).toThrow('Setting REMINDERS_SECRET is invalid');
  });
});
