import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { CountingStore } from '../support/countingStore.js';
import { testUser } from '../support/teamsActivities.js';
import { openRecordStore } from '../../src/storage/openRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';

/**
 * A message that could not be delivered waits for the person's next turn. Most
 * turns have nothing waiting, so the person's flag spares them the query; a
 * waiting message is still delivered on the very next turn.
 */
describe('waiting notifications, looked for only when something waits', () => {
  let bot: TestBot;
  let inner: RecordStore;
  let store: CountingStore;
  const dir = mkdtempSync(join(tmpdir(), 'waiting-'));
  const officer = testUser('Rita Moss', 8201);

  beforeAll(async () => {
    inner = await openRecordStore({ kind: 'sqlite', path: join(dir, 'toolkit.db') });
    store = new CountingStore(inner);
    bot = await startTestBot({ store });
    // The start-up recovery sweep looks across everyone's notifications once; it is not a turn's query.
    await bot.app.recovery.run();
    store.reset();
  });
  afterAll(async () => {
    await bot.close();
    await inner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const notificationQueries = () => store.reset().byKind['notification']?.queries ?? 0;

  it('queries once for a newcomer, then not at all while nothing waits', async () => {
    const chat = bot.chat(officer);
    await chat.say('hello');
    expect(notificationQueries()).toBe(1);
    await chat.say('help');
    await chat.say('help');
    expect(notificationQueries()).toBe(0);
  });

  it('delivers a message that waited on the next turn, then stops looking again', async () => {
    // Teams cannot reach the officer (the stored address points nowhere), so the message waits.
    await bot.app.people.markUnreachable(officer.objectId);
    const chat = bot.chat(officer);
    await bot.app.notifier.notify(officer.objectId, 'test-waiting-1', {
      card: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body: [{ type: 'TextBlock', text: 'A message that waited' }] },
      summary: 'A message that waited',
    });
    store.reset();
    const replies = await chat.say('help');
    expect(textsOf(replies)).toContain('A message that waited');
    expect(notificationQueries()).toBe(1);
    await chat.say('help');
    expect(notificationQueries()).toBe(0);
  });
});
