import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { buttonData, fillCard, questionIdsOnCard, readDraft } from '../support/questionnaireDriver.js';
import { fullResponse, officer, responseProblems, seedLedPartnership } from '../support/selfAssessmentRun.js';
import { openCosmosRecordStore, type CosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';

const YEAR = (() => {
  const now = new Date();
  const start = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
})();

/** The reply that moved the questionnaire on: the one with a card that is not the card answered. */
function isNewCard(replies: BotActivity[], answered: string[]): boolean {
  const card = cardsOf(replies).at(-1);
  if (!card) return false;
  return JSON.stringify(card).includes('Check your answers') || questionIdsOnCard(card).join() !== answered.join();
}

describe('two bot instances sharing one Cosmos DB store (App Service scaled out)', () => {
  let cosmos: FakeCosmos;
  let storeA: CosmosRecordStore;
  let storeB: CosmosRecordStore;
  let a: TestBot;
  let b: TestBot;

  beforeAll(async () => {
    cosmos = await startFakeCosmos();
    const settings = cosmos.settings();
    // Each instance has its own client and connections, as two App Service instances would.
    storeA = await openCosmosRecordStore(settings);
    storeB = await openCosmosRecordStore(settings);
    a = await startTestBot({ store: storeA });
    b = await startTestBot({ store: storeB });
  }, 60_000);
  afterAll(async () => {
    await a.close();
    await b.close();
    await storeA.close();
    await storeB.close();
    await cosmos.close();
  });

  it('interleaved turns and double submits of one conversation lose and duplicate nothing', async () => {
    const lead = officer(50);
    await seedLedPartnership(a, lead, 'scale-1', 'Scaled Partnership');
    const conversationId = `a:${randomUUID()}`;
    const onA = a.chat(lead, conversationId);
    const onB = b.chat(lead, conversationId);
    await onA.say('hello');
    const script = fullResponse();

    let replies = await onB.say('self-assessment for the Scaled Partnership');
    const draftId = (buttonData(replies, 'Next')['qa'] as { draft: string }).draft;
    let doubles = 0;
    for (let turn = 0; turn < 200; turn++) {
      const card = cardsOf(replies).at(-1)!;
      if (JSON.stringify(card).includes('Check your answers')) break;
      const ids = questionIdsOnCard(card);
      const data = { ...buttonData(replies, 'Next'), ...fillCard(ids, script) };
      // A card per section: five cards, three of them double-clicked.
      if (turn % 2 === 0) {
        // A double click whose two submits reach different instances at the same moment.
        const both = await Promise.all([onA.submit(data), onB.submit(data)]);
        const movedOn = both.filter((r) => isNewCard(r, ids));
        expect(movedOn).toHaveLength(1);
        const other = both.find((r) => !isNewCard(r, ids))!;
        expect(textsOf(other)).toMatch(/I already have that|out of date/);
        replies = movedOn[0]!;
        doubles++;
      } else {
        // Alternate instances turn by turn.
        replies = await (turn % 4 === 1 ? onA : onB).submit(data);
        expect(isNewCard(replies, ids)).toBe(true);
      }
    }
    expect(doubles).toBeGreaterThanOrEqual(3);

    const draft = await readDraft(a, lead, draftId);
    for (const [id, value] of Object.entries(script)) if (/^[FPCM]\d_evidence$/.test(id)) expect(draft.answers[id]).toBe(value);

    // Submit pressed twice, once on each instance: one response, one audit entry.
    const submit = buttonData(replies, 'Submit');
    const both = await Promise.all([onA.submit(submit), onB.submit(submit)]);
    expect(both.filter((r) => textsOf(r).includes('Provisional: 1 response so far'))).toHaveLength(1);
    expect(await responseProblems(storeA, 'scale-1', lead, YEAR)).toEqual([]);
    const audit = await a.app.register.auditTrail('scale-1');
    expect(audit.filter((e) => e.action === 'self-assessment.response-submitted')).toHaveLength(1);
    expect((await readDraft(b, lead, draftId)).status).toBe('submitted');
  }, 120_000);
});
