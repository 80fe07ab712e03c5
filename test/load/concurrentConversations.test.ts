import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { completeSelfAssessment, fullResponse, officer, responseProblems, seedLedPartnership } from '../support/selfAssessmentRun.js';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { Draft } from '../../src/questionnaire/draft.js';

/**
 * Sized for CI: LOAD_CONVERSATIONS officers at once, each completing whole self-assessments,
 * round after round until LOAD_SECONDS have passed (at least one round). Locally, for example,
 * LOAD_SECONDS=300 npx vitest run test/load. Elapsed time only decides whether to start
 * another round; nothing here asserts on time.
 */
const CONVERSATIONS = Number(process.env['LOAD_CONVERSATIONS'] ?? 50);
const SECONDS = Number(process.env['LOAD_SECONDS'] ?? 0);
const STORES = (process.env['LOAD_STORES'] ?? 'sqlite,cosmos').split(',') as Array<'sqlite' | 'cosmos'>;

const YEAR = (() => {
  const now = new Date();
  const start = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
})();

describe.each(STORES)(`${CONVERSATIONS} concurrent conversations (%s store)`, (storeKind) => {
  let bot: TestBot;
  let store: RecordStore;
  let cosmos: FakeCosmos | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'toolkit-load-'));

  beforeAll(async () => {
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      store = await openCosmosRecordStore(cosmos.settings());
    } else {
      store = new SqliteRecordStore(join(dir, 'toolkit.db'));
    }
    bot = await startTestBot({ store });
  }, 60_000);
  afterAll(async () => {
    await bot.close();
    await store.close();
    await cosmos?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every officer completes every self-assessment with no error, and every record reads back complete', async () => {
    const officers = Array.from({ length: CONVERSATIONS }, (_, i) => officer(100 + i));
    await Promise.all(officers.map((o) => bot.chat(o).say('hello')));
    const errors: string[] = [];
    const completed: Array<{ partnershipId: string; officerIndex: number; tag: string }> = [];
    const started = Date.now();
    let round = 0;
    do {
      round++;
      await Promise.all(
        officers.map(async (lead, i) => {
          const partnershipId = `load-${i}-${round}`;
          const name = `Load Partnership ${i} round ${round}`;
          const tag = ` (${i}/${round})`;
          try {
            await seedLedPartnership(bot, lead, partnershipId, name);
            const run = await completeSelfAssessment(bot.chat(lead), name, fullResponse(tag));
            if (!textsOf(run.submitted).includes('Provisional: 1 response so far')) errors.push(`${partnershipId}: no confirmation`);
            completed.push({ partnershipId, officerIndex: i, tag });
          } catch (error) {
            errors.push(`${partnershipId}: ${(error as Error).message.slice(0, 300)}`);
          }
        }),
      );
    } while (Date.now() - started < SECONDS * 1000);

    expect(errors).toEqual([]);
    expect(completed).toHaveLength(CONVERSATIONS * round);
    for (const { partnershipId, officerIndex, tag } of completed) {
      expect(await responseProblems(store, partnershipId, officers[officerIndex]!, YEAR, tag)).toEqual([]);
    }
    for (const lead of officers) {
      const drafts = await store.query<Draft>({ kind: 'draft', partition: `owner:${lead.objectId}`, pageSize: 1000 });
      expect(drafts.items).toHaveLength(round);
      expect(drafts.items.every((d) => d.body.status === 'submitted')).toBe(true);
    }
  }, 600_000);
});
