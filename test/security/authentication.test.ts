import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { capturingLogger } from '../support/logCapture.js';
import { BOT, messageActivity, TENANT_ID, testUser, type TestUser } from '../support/teamsActivities.js';
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

/**
 * Security report H2: a valid token proves the Bot Connector sent an activity, not that it came
 * from Teams. In Web Chat and Direct Line the client writes `from` (and `channelData`) itself, so
 * only Teams is served, and the person is `from.aadObjectId`, never `from.id`.
 */
describe('only the Teams channel, and only the Entra object id, with authentication on', () => {
  let issuer: LocalTokenIssuer;
  let bot: TestBot;
  const logs = capturingLogger('info');
  const SPO = testUser('Sally Spo', 8201);
  const MALLORY = testUser('Mallory Insider', 8202);
  const TEAMS_URL = SERVICE_URL;

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
        ADMIN_OBJECT_IDS: SPO.objectId,
      },
    });
  });
  afterAll(async () => {
    await bot?.close();
    await issuer?.close();
  });

  async function post(body: Record<string, unknown>, serviceUrl: string): Promise<{ status: number; activities: BotActivity[] }> {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${issuer.sign({ aud: APP_ID, serviceurl: serviceUrl })}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, activities: text ? ((JSON.parse(text) as { activities?: BotActivity[] }).activities ?? []) : [] };
  }

  const teams = (user: TestUser, text: string) => messageActivity({ user, conversationId: `a:${user.objectId}`, serviceUrl: TEAMS_URL, text });

  it('serves the SPO and Mallory from Teams (their records exist before the attempts)', async () => {
    for (const user of [SPO, MALLORY]) {
      const { status, activities } = await post(teams(user, 'help'), TEAMS_URL);
      expect(status).toBe(200);
      expect(textsOf(activities).length).toBeGreaterThan(0);
    }
    expect((await bot.app.people.find(SPO.objectId))?.roles).toContain('spo');
    expect((await bot.app.people.find(MALLORY.objectId))?.roles).toEqual(['officer']);
  });

  const channels = [
    ['webchat', 'https://webchat.botframework.com/'],
    ['directline', 'https://directline.botframework.com/'],
  ] as const;
  const impostors = [
    ["the SPO's object id in from.aadObjectId", { id: 'dl_123', name: 'Sally Spo', aadObjectId: SPO.objectId }],
    ["the SPO's object id in from.id", { id: SPO.objectId, name: 'Sally Spo' }],
  ] as const;
  const attempts = channels.flatMap(([channelId, serviceUrl]) =>
    impostors.flatMap(([how, from]) =>
      ['export the register', 'make Mallory Insider spo'].map((text) => [channelId, how, text, serviceUrl, from] as const),
    ),
  );

  it.each(attempts)('a valid %s token with %s asking "%s" gets 403 and no turn', async (channelId, _how, text, serviceUrl, from) => {
    const before = logs.lines.length;
    const { status, activities } = await post(
      {
        type: 'message', id: randomUUID(), channelId, serviceUrl, from, text,
        conversation: { id: 'dl-conv-1' }, recipient: { id: BOT.id, name: BOT.name },
        channelData: { tenant: { id: TENANT_ID } }, deliveryMode: 'expectReplies',
      },
      serviceUrl,
    );
    expect(status).toBe(403);
    expect(activities).toEqual([]);
    // Refused by the channel check, after the token passed (a bad token would be a 401 first).
    const refusals = logs.lines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(refusals).toEqual([expect.objectContaining({ msg: 'activity refused: not the Teams channel', reason: 'channel', channelId, activityType: 'message' })]);
  });

  it('changed nothing: the SPO still reached in Teams, no role granted, no person made, no document made', async () => {
    const spo = await bot.app.people.find(SPO.objectId);
    expect(spo?.roles).toEqual(['officer', 'spo']);
    expect(spo?.personalChat).toMatchObject({ serviceUrl: TEAMS_URL, conversationId: `a:${SPO.objectId}` });
    expect((await bot.app.people.find(MALLORY.objectId))?.roles).toEqual(['officer']);
    expect(await bot.app.people.find('dl_123')).toBeUndefined();
    expect((await bot.app.store.query({ kind: 'document' })).items).toEqual([]);
  });

  it('in Teams, from.id naming the SPO does not make the sender the SPO: the person is from.aadObjectId', async () => {
    const forged = { ...teams(MALLORY, 'make Mallory Insider spo'), from: { id: SPO.objectId, name: 'Mallory Insider', aadObjectId: MALLORY.objectId } };
    const { status, activities } = await post(forged, TEAMS_URL);
    expect(status).toBe(200);
    expect(textsOf(activities)).not.toContain('is now Strategic Partnership Officer');
    expect((await bot.app.people.find(MALLORY.objectId))?.roles).toEqual(['officer']);
  });

  it.each([
    ['no aadObjectId', { id: '29:user-no-object-id', name: 'Nadia Noid' }],
    ['an empty aadObjectId', { id: '29:user-no-object-id', name: 'Nadia Noid', aadObjectId: '' }],
    ['an aadObjectId that is not a string', { id: '29:user-no-object-id', name: 'Nadia Noid', aadObjectId: { id: 'x' } }],
    ['an aadObjectId that is no id at all', { id: '29:user-no-object-id', name: 'Nadia Noid', aadObjectId: '../people/29:user-no-object-id' }],
    // The Agents Playground's GUID-like id is trusted only in development, never with authentication on.
    ["the Agents Playground's GUID-like id", { id: '29:user-no-object-id', name: 'Nadia Noid', aadObjectId: '00000000-0000-0000-0000-0000000000020' }],
    ['no from at all', undefined],
  ])('refuses a Teams activity with %s (403), storing nothing about the sender', async (_name, from) => {
    const before = logs.lines.length;
    const { status, activities } = await post({ ...teams(testUser('Nadia Noid', 8203), 'help'), from }, TEAMS_URL);
    expect(status).toBe(403);
    expect(activities).toEqual([]);
    expect(await bot.app.people.find('29:user-no-object-id')).toBeUndefined();
    expect(await bot.app.people.find(testUser('Nadia Noid', 8203).objectId)).toBeUndefined();
    expect(logs.lines.slice(before).join('')).toContain('activity refused: no Entra object id');
  });

  it('logs the refusals without names or ids', () => {
    const refusals = logs.lines.filter((line) => line.includes('activity refused'));
    expect(refusals.length).toBeGreaterThan(0);
    for (const secret of [SPO.objectId, SPO.name, 'Sally', MALLORY.name, 'dl_123', 'dl-conv-1', '29:user-no-object-id', 'Nadia']) {
      expect(refusals.join('')).not.toContain(secret);
    }
  });
});

describe('the person without authentication (local runs)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('serves a Teams-shaped activity as from.aadObjectId, as the Agents Playground sends it', async () => {
    const user = testUser('Lou Local', 8301);
    const { status, activities } = await bot.post(messageActivity({ user, conversationId: 'a:local', serviceUrl: SERVICE_URL, text: 'help' }));
    expect(status).toBe(200);
    expect(textsOf(activities)).toContain('What I can help with');
    expect((await bot.app.people.find(user.objectId))?.name).toBe('Lou Local');
    expect(await bot.app.people.find(user.id)).toBeUndefined();
  });

  it("serves the Agents Playground's user, whose object id is GUID-like rather than a GUID", async () => {
    const playgroundUser = { id: 'user-id-0', name: 'Alex Wilber', objectId: '00000000-0000-0000-0000-0000000000020' };
    const { status, activities } = await bot.post({
      ...messageActivity({ user: playgroundUser, conversationId: 'a:playground', serviceUrl: SERVICE_URL, text: 'help' }),
      from: { id: playgroundUser.id, aadObjectId: playgroundUser.objectId },
    });
    expect(status).toBe(200);
    expect(textsOf(activities)).toContain('What I can help with');
    expect(await bot.app.people.find(playgroundUser.objectId)).toBeDefined();
  });

  it('never serves a message under from.id: without aadObjectId it is refused (403) and nothing is stored', async () => {
    const user = testUser('Ned Noid', 8302);
    const { status, activities } = await bot.post({ ...messageActivity({ user, conversationId: 'a:noid', serviceUrl: SERVICE_URL, text: 'hello' }), from: { id: user.objectId, name: user.name } });
    expect(status).toBe(403);
    expect(activities).toEqual([]);
    expect(await bot.app.people.find(user.objectId)).toBeUndefined();
  });
});
