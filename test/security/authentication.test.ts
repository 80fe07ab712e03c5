import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { capturingLogger } from '../support/logCapture.js';
import { messageActivity, TENANT_ID, testUser } from '../support/teamsActivities.js';
import { startLocalTokenIssuer, type LocalTokenIssuer } from '../support/tokenIssuer.js';

const APP_ID = '0b3b1d5e-1111-4222-8333-944444444444';
const OTHER_APP_ID = '9c9c9c9c-1111-4222-8333-944444444444';
const OTHER_TENANT = '99999999-2222-3333-4444-555555555555';
const SERVICE_URL = 'http://127.0.0.1:9/';
const APP_PASSWORD = 'app-password-that-must-never-be-logged';

/**
 * Every request to /api/messages is authenticated when an app id is configured. The signing
 * keys are made here and served from 127.0.0.1, so the real SDK validation runs offline.
 */
describe('authentication of /api/messages in production', () => {
  let issuer: LocalTokenIssuer;
  let bot: TestBot;
  const logs = capturingLogger('info');

  beforeAll(async () => {
    issuer = await startLocalTokenIssuer();
    bot = await startTestBot({
      logger: logs.logger,
      env: {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: APP_PASSWORD,
        MICROSOFT_APP_TENANT_ID: TENANT_ID,
        BOT_OPENID_METADATA_URL: issuer.metadataUrl,
        BOT_TOKEN_ISSUER: issuer.issuer,
      },
    });
  });
  afterAll(async () => {
    await bot?.close();
    await issuer?.close();
  });

  const user = testUser('Priya Shah', 8101);
  const activity = (overrides: Record<string, unknown> = {}) => ({
    ...messageActivity({ user, conversationId: 'a:auth-test', serviceUrl: SERVICE_URL, text: 'help' }),
    ...overrides,
  });
  const validClaims = () => ({ aud: APP_ID, serviceurl: SERVICE_URL });

  async function post(body: Record<string, unknown>, authorization?: string): Promise<{ status: number; activities: BotActivity[] }> {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    let activities: BotActivity[] = [];
    try {
      activities = (JSON.parse(text) as { activities?: BotActivity[] }).activities ?? [];
    } catch {
      // Refusals carry a short JSON error or nothing.
    }
    return { status: response.status, activities };
  }

  it('accepts a correctly signed token for this bot and answers', async () => {
    const { status, activities } = await post(activity(), `Bearer ${issuer.sign(validClaims())}`);
    expect(status).toBe(200);
    expect(textsOf(activities)).toContain('What I can help with');
  });

  const refusals: Array<[string, () => string | undefined]> = [
    ['no token', () => undefined],
    ['an empty bearer', () => 'Bearer '],
    ['an expired token', () => issuer.sign({ ...validClaims(), nbf: 1_600_000_000, iat: 1_600_000_000, exp: 1_600_003_600 })],
    ['a token for another app id (audience)', () => issuer.sign({ ...validClaims(), aud: OTHER_APP_ID })],
    ['a token from the wrong issuer', () => issuer.sign({ ...validClaims(), iss: 'https://attacker.example' })],
    ['a token signed with a key the issuer never published', () => issuer.sign(validClaims(), { key: issuer.strangerKey })],
    ['a token naming an unknown signing key', () => issuer.sign(validClaims(), { kid: 'unknown-key' })],
    ['a token for another service URL', () => issuer.sign({ ...validClaims(), serviceurl: 'https://elsewhere.example/' })],
    ['a token without a signature', () => issuer.sign(validClaims()).replace(/\.[^.]+$/, '.')],
  ];

  it.each(refusals)('refuses %s with 401 and runs no turn', async (_name, token) => {
    const raw = token();
    const { status, activities } = await post(activity(), raw === undefined ? undefined : raw.startsWith('Bearer') ? raw : `Bearer ${raw}`);
    expect(status).toBe(401);
    expect(activities).toEqual([]);
  });

  it('refuses a valid token carrying an activity from another tenant with 403', async () => {
    const foreign = activity({ channelData: { tenant: { id: OTHER_TENANT } }, conversation: { id: 'a:foreign', conversationType: 'personal', tenantId: OTHER_TENANT } });
    const { status, activities } = await post(foreign, `Bearer ${issuer.sign(validClaims())}`);
    expect(status).toBe(403);
    expect(activities).toEqual([]);
  });

  it('logs refusals without the token, the secret or the sender', () => {
    const text = logs.text();
    expect(text).toContain('activity refused: not authenticated');
    expect(text).toContain('activity refused: not from the council tenant');
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    expect(text).not.toContain(APP_PASSWORD);
    expect(text).not.toContain(OTHER_TENANT);
    expect(text).not.toContain(user.name);
    expect(text).not.toContain(user.objectId);
  });
});

describe('tenant check without bot authentication (local runs with a tenant set)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { MICROSOFT_APP_TENANT_ID: TENANT_ID } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const member = testUser('Jo Brown', 8102);
  const outsider = testUser('Kim Outsider', 8103);
  const base = (user = member) => messageActivity({ user, conversationId: `a:tenant-${user.objectId}`, serviceUrl: SERVICE_URL, text: 'help' });

  it('serves the council tenant', async () => {
    const { status, activities } = await bot.post(base());
    expect(status).toBe(200);
    expect(textsOf(activities)).toContain('What I can help with');
  });

  it.each([
    ['another tenant', { channelData: { tenant: { id: OTHER_TENANT } } }],
    ['no tenant at all', { channelData: {} }],
    ['no channel data', { channelData: undefined }],
  ])('refuses %s with 403 and stores nothing about the sender', async (_name, overrides) => {
    const { status, activities } = await bot.post({ ...base(outsider), ...overrides });
    expect(status).toBe(403);
    expect(activities).toEqual([]);
    expect(await bot.app.people.find(outsider.objectId)).toBeUndefined();
  });
});
