import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src/bot/inputLimits.js';
import { startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { capturingLogger } from '../support/logCapture.js';
import { cardSubmitActivity, messageActivity, TENANT_ID, testUser } from '../support/teamsActivities.js';
import { startLocalTokenIssuer, type LocalTokenIssuer } from '../support/tokenIssuer.js';

const SERVICE_URL = 'http://127.0.0.1:9/';

describe('input limits on every field and on the whole activity', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { MAX_REQUEST_BYTES: '65536' } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('refuses a request over MAX_REQUEST_BYTES with 413 before any turn runs', async () => {
    const user = testUser('Big Sender', 8201);
    const { status, activities } = await bot.post(messageActivity({ user, conversationId: 'a:big', serviceUrl: SERVICE_URL, text: 'x'.repeat(70_000) }));
    expect(status).toBe(413);
    expect(activities).toEqual([]);
    expect(await bot.app.people.find(user.objectId)).toBeUndefined();
  });

  it('tells the officer plainly when a message is too long, and stores nothing from it', async () => {
    const user = testUser('Long Writer', 8202);
    const replies = await bot.chat(user).say('y'.repeat(INPUT_LIMITS.textChars + 1));
    expect(textsOf(replies)).toContain('I can take up to 10,000 at a time. Nothing from it has been saved');
    expect(await bot.app.people.find(user.objectId)).toBeUndefined();
  });

  it('accepts a message at the limit', async () => {
    const replies = await bot.chat(testUser('Edge Writer', 8203)).say('z'.repeat(INPUT_LIMITS.textChars));
    expect(textsOf(replies)).toContain("Sorry, I didn't understand");
  });

  const nested = (depth: number): Record<string, unknown> => (depth === 0 ? { leaf: 'x' } : { inner: nested(depth - 1) });
  it.each([
    ['too large', { answer: 'v'.repeat(INPUT_LIMITS.valueBytes + 10) }],
    ['too deeply nested', nested(INPUT_LIMITS.valueDepth + 2)],
    ['too many entries', Object.fromEntries(Array.from({ length: INPUT_LIMITS.valueEntries + 1 }, (_, i) => [`k${i}`, i]))],
  ])('refuses a card submit whose value is %s, with a clear message', async (_name, value) => {
    const replies = await bot.chat(testUser('Card Presser', 8204)).submit(value);
    expect(textsOf(replies)).toContain("That card sent more than I can accept, so I haven't recorded anything from it.");
  });

  it('cuts an over-long display name instead of storing it whole', async () => {
    const user = { ...testUser('n', 8205), name: 'N'.repeat(5000) };
    await bot.chat(user).say('hello');
    expect((await bot.app.people.find(user.objectId))?.name).toHaveLength(INPUT_LIMITS.nameChars);
  });

  it('keeps each typed answer within its question limit (bank maxLength)', async () => {
    const chat = bot.chat(testUser('Practice Person', 8206));
    await chat.say('practice');
    await chat.say('yes');
    const replies = await chat.say('w'.repeat(501));
    expect(textsOf(replies)).toContain('the limit here is 500');
  });
});

describe('logs hold no secrets or personal data', () => {
  let issuer: LocalTokenIssuer;
  let authBot: TestBot;
  let localBot: TestBot;
  const logs = capturingLogger('trace');
  const APP_ID = '0b3b1d5e-1111-4222-8333-944444444444';
  const PASSWORD = 'client-secret-value-never-logged';
  const COSMOS_KEY = 'Y29zbW9zLWtleS1uZXZlci1sb2dnZWQ=';
  const person = testUser('Marguerite Oyelaran-Fitzwilliam', 8301);
  const TYPED = 'my confidential note about Kingfisher Lane 4471';
  let token = '';

  beforeAll(async () => {
    issuer = await startLocalTokenIssuer();
    token = issuer.sign({ aud: APP_ID, serviceurl: SERVICE_URL });
    authBot = await startTestBot({
      logger: logs.logger,
      env: {
        LOG_LEVEL: 'trace',
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: PASSWORD,
        MICROSOFT_APP_TENANT_ID: TENANT_ID,
        BOT_OPENID_METADATA_URL: issuer.metadataUrl,
        BOT_TOKEN_ISSUER: issuer.issuer,
      },
    });
    // Without authentication the bot may call the (unreachable) local service URL, which
    // exercises the error paths: card updates and notifications that fail.
    localBot = await startTestBot({ logger: logs.logger, env: { LOG_LEVEL: 'trace' } });
  });
  afterAll(async () => {
    await authBot?.close();
    await localBot?.close();
    await issuer?.close();
  });

  async function postWithToken(body: Record<string, unknown>): Promise<BotActivity[]> {
    const response = await fetch(`${authBot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { activities: BotActivity[] }).activities;
  }

  it('a conversation, refusals and failures leave no token, secret, name or typed text in the logs', async () => {
    const common = { user: person, conversationId: 'a:logs', serviceUrl: SERVICE_URL };
    await postWithToken(messageActivity({ ...common, text: 'help' }));
    await postWithToken(messageActivity({ ...common, text: TYPED }));
    await postWithToken(messageActivity({ ...common, text: `${TYPED} ${'q'.repeat(INPUT_LIMITS.textChars)}` }));
    await postWithToken(cardSubmitActivity({ ...common, value: { command: TYPED } }));
    // A refused request that carries the token.
    await fetch(`${authBot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...messageActivity({ ...common, text: TYPED }), channelData: { tenant: { id: '99999999-2222-3333-4444-555555555555' } } }),
    });

    const chat = localBot.chat(person);
    await chat.say('practice');
    await chat.say('yes');
    await chat.say(TYPED);
    await chat.say(TYPED);
    // A storage failure mid-conversation is logged with its error.
    await localBot.app.store.close();
    await chat.say(TYPED).catch(() => undefined);

    const text = logs.text();
    expect(logs.lines.length).toBeGreaterThan(3);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(COSMOS_KEY);
    expect(text).not.toContain(TYPED);
    expect(text).not.toContain('Kingfisher');
    expect(text).not.toContain(person.name);
  });

  it('redacts secrets even when an object is logged whole by mistake', () => {
    logs.logger.info(
      {
        req: { headers: { authorization: `Bearer ${token}` } },
        config: { botAuth: { appPassword: PASSWORD }, storage: { key: COSMOS_KEY } },
        activity: { text: TYPED },
        err: Object.assign(new Error('request failed'), { request: { headers: { Authorization: `Bearer ${token}` }, body: TYPED } }),
      },
      'deliberately careless log line',
    );
    const line = logs.lines.at(-1)!;
    expect(line).toContain('deliberately careless log line');
    expect(line).toContain('request failed');
    for (const secret of [token, PASSWORD, COSMOS_KEY, TYPED]) expect(line).not.toContain(secret);
  });
});
