import { afterAll, beforeAll } from 'vitest';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { Clock } from '../../src/util/clock.js';
import { startTestBot, type TestBot, type TestChat } from './botHarness.js';
import { startFakeCosmos, type FakeCosmos } from './fakeCosmos.js';
import { startStubConnector, type StubConnector } from './stubConnector.js';
import type { TestUser } from './teamsActivities.js';

export type StoreKind = 'sqlite' | 'cosmos';

export interface StoreBot {
  readonly bot: TestBot;
  readonly connector: StubConnector;
  /** One 1:1 chat per person for the whole describe block. */
  chatOf(user: TestUser): TestChat;
}

/**
 * For a `describe.each` over both stores: before the block, starts the bot on
 * SQLite or on the Cosmos test server (with a stub Teams connector for
 * proactive messages), runs `setup`, and closes everything after it.
 */
export function botOnStore(storeKind: StoreKind, options: { clock?: Clock; env?: Record<string, string> } = {}, setup?: (handle: StoreBot) => Promise<void>): StoreBot {
  let bot: TestBot | undefined;
  let connector: StubConnector | undefined;
  let cosmos: FakeCosmos | undefined;
  let store: RecordStore | undefined;
  const chats = new Map<string, TestChat>();
  const handle: StoreBot = {
    get bot() {
      return bot!;
    },
    get connector() {
      return connector!;
    },
    chatOf(user) {
      if (!chats.has(user.objectId)) chats.set(user.objectId, bot!.chat(user));
      return chats.get(user.objectId)!;
    },
  };
  beforeAll(async () => {
    connector = await startStubConnector();
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      store = await openCosmosRecordStore(cosmos.settings());
    }
    bot = await startTestBot({ serviceUrl: connector.serviceUrl, store, ...options });
    await setup?.(handle);
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
    await store?.close();
    await cosmos?.close();
    await connector?.close();
  });
  return handle;
}
