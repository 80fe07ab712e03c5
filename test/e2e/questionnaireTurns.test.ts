import { describe, expect, it } from 'vitest';
import { runTurnFlows, TURN_BUDGETS } from '../support/turnFlows.js';
import { startFakeCosmos } from '../support/fakeCosmos.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';

// The figures `npm run turns` prints (docs/questionnaire-turns.md), held to issue 17's budgets on both stores.
describe.each(['sqlite', 'cosmos'] as const)('turns each questionnaire takes a scripted officer (%s store)', (storeKind) => {
  it('stays within the card-submit budgets, with never more than one live questionnaire card', async () => {
    const cosmos = storeKind === 'cosmos' ? await startFakeCosmos() : undefined;
    const store = cosmos ? await openCosmosRecordStore(cosmos.settings()) : undefined;
    try {
      const results = await runTurnFlows({ store });
      expect(results.map((r) => r.flow)).toEqual(Object.keys(TURN_BUDGETS));
      for (const { flow, count } of results) {
        expect(count.cardSubmits, flow).toBeLessThanOrEqual(TURN_BUDGETS[flow]);
        expect(count.duplicateLiveCards, flow).toBe(0);
        // Every follow-up and error changed a card in place: fewer cards sent than submits plus the first card.
        expect(count.cardsSent, flow).toBeLessThanOrEqual(count.cardSubmits + 2);
        expect(count.questionsAsked, flow).toBeGreaterThan(count.cardSubmits);
      }
    } finally {
      await store?.close();
      await cosmos?.close();
    }
  }, 120_000);
});
