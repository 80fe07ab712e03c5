import { createHash } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import { isRecordNotFound } from '../storage/storageErrors.js';

const KIND = 'botstate';

interface BotStateBody {
  realKey: string;
  state: Record<string, unknown>;
}

/**
 * Written with its ETag: a turn whose conversation state changed meanwhile (another instance
 * ran a turn of the same conversation) gets a StaleRecordError and is re-run on the newer
 * state (src/bot/toolkitBot.ts), so no turn's change is lost to last-writer-wins.
 *
 * botbuilder's Storage over our RecordStore, so dialog state lives beside the
 * records in whichever store is configured. Keys are hashed: Teams keys can be
 * long and contain characters Cosmos forbids in ids. Dialog state is
 * disposable by design: questionnaire progress lives in drafts.
 */
export class BotStateStorage implements Storage {
  constructor(private readonly store: RecordStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (realKey) => {
        const record = await this.store.read<BotStateBody>(keyOf(realKey));
        if (record) items[realKey] = { ...record.body.state, eTag: record.etag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([realKey, item]) => {
        const { eTag, ...state } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
        const body: BotStateBody = { realKey, state };
        const key = keyOf(realKey);
        if (eTag === '*') {
          await this.store.upsert(key, body);
          return;
        }
        if (!eTag) {
          // The conversation's first state is created, never overwritten: two first turns at once on two
          // instances cannot both start something; the second is told (RecordConflictError) and re-run.
          await this.store.create(key, body);
          return;
        }
        try {
          await this.store.replace(key, body, eTag);
        } catch (error) {
          // A first write with an etag we never issued means "create".
          if (isRecordNotFound(error)) await this.store.create(key, body);
          else throw error;
        }
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((realKey) => this.store.delete(keyOf(realKey))));
  }
}

function keyOf(realKey: string): RecordKey {
  const id = createHash('sha256').update(realKey).digest('hex');
  return { kind: KIND, partition: id, id };
}
