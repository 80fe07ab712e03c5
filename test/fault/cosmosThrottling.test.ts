import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, cardsOf, type TestBot } from '../support/botHarness.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { buttonData, fillCard, questionIdsOnCard, readDraft } from '../support/questionnaireDriver.js';
import { fullResponse, officer, seedLedPartnership } from '../support/selfAssessmentRun.js';
import { openCosmosRecordStore, type CosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';

describe('Cosmos DB throttling (429)', () => {
  let cosmos: FakeCosmos;
  let store: CosmosRecordStore;
  let bot: TestBot;

  beforeAll(async () => {
    cosmos = await startFakeCosmos();
    store = await openCosmosRecordStore(cosmos.settings());
    bot = await startTestBot({ store });
  }, 60_000);
  afterAll(async () => {
    await bot.close();
    await store.close();
    await cosmos.close();
  });

  it('the adapter retries throttled reads, writes and queries after the time the service asks for', async () => {
    const key = { kind: 'probe', partition: 'p1', id: 'one' };
    cosmos.throttleNext(3);
    const created = await store.create(key, { n: 1 });
    expect(cosmos.throttled).toBe(3);
    cosmos.throttleNext(2);
    expect((await store.read<{ n: number }>(key))?.body).toEqual({ n: 1 });
    cosmos.throttleNext(2);
    await store.replace(key, { n: 2 }, created.etag);
    cosmos.throttleNext(2);
    const page = await store.query<{ n: number }>({ kind: 'probe', partition: 'p1' });
    expect(page.items.map((r) => r.body.n)).toEqual([2]);
    expect(cosmos.throttled).toBe(9);
  });

  it('a questionnaire turn that meets throttling is answered normally, with the answer saved once', async () => {
    const lead = officer(40);
    await seedLedPartnership(bot, lead, 'thr-1', 'Busy Partnership');
    const chat = bot.chat(lead);
    await chat.say('hello');
    const opening = await chat.say('self-assessment for the Busy Partnership');
    const ids = questionIdsOnCard(cardsOf(opening).at(-1)!);
    const draftId = (buttonData(opening, 'Next')['qa'] as { draft: string }).draft;

    const before = cosmos.throttled;
    cosmos.throttleNext(4);
    const replies = await chat.submit({ ...buttonData(opening, 'Next'), ...fillCard(ids, fullResponse()) });
    expect(cosmos.throttled - before).toBe(4);
    expect(textsOf(replies)).not.toContain("can't reach");
    expect(questionIdsOnCard(cardsOf(replies).at(-1)!)).not.toEqual(ids);
    const draft = await readDraft(bot, lead, draftId);
    for (const id of ids) expect(draft.answers[id]).toBeDefined();
  });
});
