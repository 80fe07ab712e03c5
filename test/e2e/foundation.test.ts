import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProblems } from '../support/cardValidation.js';
import { cardsOf, startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { installActivity, testUser } from '../support/teamsActivities.js';
import type { Person } from '../../src/people/person.js';

const ADMIN = testUser('Sam Patel', 99);

describe('the bot over HTTP (embedded store)', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ env: { ADMIN_OBJECT_IDS: ADMIN.objectId } });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('reports healthy storage on /api/health', async () => {
    const response = await fetch(`${bot.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ healthy: true, checks: { storage: 'ok' } });
  });

  it('welcomes an officer when the app is installed in their 1:1 chat', async () => {
    const user = testUser('Priya Shah', 1);
    const { status, activities } = await bot.post(installActivity({ user, conversationId: 'a:install-1', serviceUrl: 'http://127.0.0.1:9/' }));
    expect(status).toBe(200);
    expect(textsOf(activities)).toContain('Hello Priya, welcome to the Partnership Toolkit');
    for (const card of cardsOf(activities)) expect(cardProblems(card)).toEqual([]);
  });

  it('welcomes a person on their first message, then answers it', async () => {
    const chat = bot.chat(testUser('Jo Brown', 2));
    const replies = await chat.say('help');
    expect(replies).toHaveLength(2);
    expect(textsOf(replies.slice(0, 1))).toContain('welcome to the Partnership Toolkit');
    expect(textsOf(replies.slice(1))).toContain('What I can help with');
    // Only the first message gets the welcome.
    const again = await chat.say('help');
    expect(again).toHaveLength(1);
  });

  it('shows a valid help card listing what the bot does, a line a thing', async () => {
    const chat = bot.chat(testUser('Alex Green', 3));
    await chat.say('hello');
    const replies = await chat.say('help');
    const [card] = cardsOf(replies);
    expect(card).toBeDefined();
    expect(cardProblems(card)).toEqual([]);
    const text = textsOf(replies);
    for (const expected of ['Register a new partnership', 'Annual self-assessment', 'Exit interview', 'Ask about partnerships']) {
      expect(text).toContain(expected);
    }
  });

  it('treats a help-card button press like the typed command', async () => {
    const chat = bot.chat(testUser('Alex Green', 3));
    const replies = await chat.submit({ command: 'help' });
    expect(textsOf(replies)).toContain('What I can help with');
  });

  it('says plainly when there is nothing to cancel', async () => {
    const chat = bot.chat(testUser('Alex Green', 3));
    expect(textsOf(await chat.say('cancel'))).toContain("nothing in progress to cancel");
  });

  it('answers an unknown message helpfully instead of staying silent', async () => {
    const chat = bot.chat(testUser('Alex Green', 3));
    const replies = await chat.say('purple elephants');
    expect(textsOf(replies)).toContain('Sorry, I didn\'t understand "purple elephants".');
    // One line and the likeliest things as buttons, not the whole help card.
    expect(textsOf(replies)).not.toContain('What I can help with');
    expect(cardsOf(replies)[0]?.['actions']).toHaveLength(3);
  });

  it('understands a channel message that @mentions the bot', async () => {
    const chat = bot.chat(testUser('Alex Green', 3));
    const replies = await chat.mention('help');
    const text = textsOf(replies);
    expect(text).toContain('What I can help with');
    expect(text).toContain('Questionnaires run in our 1:1 chat');
  });

  it('records each person with their roles and where to reach them', async () => {
    const user = testUser('Chris Lee', 4);
    const chat = bot.chat(user);
    await chat.say('hi');
    const person = (await bot.app.store.read<Person>({ kind: 'person', partition: 'people', id: user.objectId }))?.body;
    expect(person?.name).toBe('Chris Lee');
    expect(person?.roles).toEqual(['officer']);
    expect(person?.personalChat?.conversationId).toBe(chat.conversationId);
    expect(person?.personalChat?.serviceUrl).toBe('http://127.0.0.1:9/');

    // A new 1:1 conversation (the app reinstalled) replaces the stored address.
    const newChat = bot.chat(user);
    await newChat.say('hi');
    const updated = await bot.app.people.find(user.objectId);
    expect(updated?.personalChat?.conversationId).toBe(newChat.conversationId);
  });

  it('makes the configured administrators Strategic Partnership Officers', async () => {
    await bot.chat(ADMIN).say('hi');
    expect((await bot.app.people.find(ADMIN.objectId))?.roles).toEqual(['officer', 'spo']);
  });

  it('does not learn a personal address from a channel message', async () => {
    const user = testUser('Dana Fox', 5);
    await bot.chat(user).mention('help');
    const person = await bot.app.people.find(user.objectId);
    expect(person?.name).toBe('Dana Fox');
    expect(person?.personalChat).toBeUndefined();
  });

  it('refuses malformed JSON with 400 and an oversized body with 413', async () => {
    const bad = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(bad.status).toBe(400);
    const huge = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(400_000) }),
    });
    expect(huge.status).toBe(413);
  });
});

describe('restarts and faults', () => {
  it('keeps data written before a restart (embedded store)', async () => {
    const bot = await startTestBot();
    try {
      const user = testUser('Morgan Ellis', 6);
      await bot.chat(user).say('hello');
      await bot.restart();
      expect((await bot.app.people.find(user.objectId))?.name).toBe('Morgan Ellis');
      // A returning person is not welcomed as new after the restart.
      const replies = await bot.chat(user).say('help');
      expect(replies).toHaveLength(1);
    } finally {
      await bot.close();
    }
  });

  it('tells the officer nothing was lost when storage fails, and keeps serving', async () => {
    const bot = await startTestBot();
    try {
      const chat = bot.chat(testUser('Robin Hart', 7));
      await chat.say('hello');
      await bot.app.store.close();
      const { status, activities } = await bot.post({
        type: 'message', id: 'x1', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', text: 'help',
        from: { id: '29:r', aadObjectId: testUser('Robin Hart', 7).objectId, name: 'Robin Hart' },
        recipient: { id: 'bot' }, conversation: { id: chat.conversationId, conversationType: 'personal' }, deliveryMode: 'expectReplies',
      });
      expect(status).toBe(200);
      const text = textsOf(activities);
      expect(text).toContain("can't reach the partnerships database");
      expect(text).toMatch(/Reference [0-9a-f]{8}/);
      const health = await fetch(`${bot.url}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ healthy: false, checks: { storage: 'failing' } });
    } finally {
      await bot.app.close().catch(() => undefined);
    }
  });
});

describe('authentication', () => {
  it('refuses a request without a token when an app id is configured', async () => {
    const bot = await startTestBot({
      env: {
        MICROSOFT_APP_ID: '0b3b1d5e-1111-4222-8333-944444444444',
        MICROSOFT_APP_PASSWORD: 'test-secret-not-real',
        MICROSOFT_APP_TENANT_ID: '11111111-2222-3333-4444-555555555555',
      },
    });
    try {
      const { status } = await bot.post({ type: 'message', text: 'help', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } });
      expect(status).toBe(401);
    } finally {
      await bot.close();
    }
  });
});
