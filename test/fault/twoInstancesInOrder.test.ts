import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { SlowStore } from '../support/slowStore.js';
import { messageActivity, testUser } from '../support/teamsActivities.js';
import { openCosmosRecordStore, type CosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { Draft } from '../../src/questionnaire/draft.js';
import type { RecordKey, RecordStore, StoredRecord } from '../../src/storage/recordStore.js';

/**
 * Two instances on one Cosmos DB store, one slower than the other (a delay on each of its
 * storage calls). In 100 conversations the officer types two answers in quick succession
 * (10 ms apart, as Teams stamps them); the first reaches the slow instance, the second the
 * quick one, so the second is usually applied first. Every answer must end on its own
 * question, none lost, none doubled. And two commands at once on the two instances start
 * one questionnaire, not two.
 */
const CONVERSATIONS = Number(process.env['ORDER_CONVERSATIONS'] ?? 100);
const AT_ONCE = 10;

/** Armed, the next `size` reads of conversation state (from either instance) wait for each other. */
class Meeting {
  private waiting: Array<() => void> = [];
  private size = 0;
  arm(size: number): void {
    this.size = size;
  }
  async arrive(): Promise<void> {
    if (this.size === 0) return;
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      if (this.waiting.length >= this.size) {
        this.size = 0;
        for (const release of this.waiting.splice(0)) release();
      }
    });
  }
}

class MeetingStore extends SlowStore {
  constructor(
    inner: RecordStore,
    private readonly meeting: Meeting,
  ) {
    super(inner, 0);
  }
  override async read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    const record = await super.read<T>(key);
    if (key.kind === 'botstate') await this.meeting.arrive();
    return record;
  }
}

describe('turns of one conversation in arrival order on two instances (Cosmos store)', () => {
  let cosmos: FakeCosmos;
  let storeA: CosmosRecordStore;
  let storeB: CosmosRecordStore;
  let slow: TestBot;
  let quick: TestBot;
  const meeting = new Meeting();

  beforeAll(async () => {
    cosmos = await startFakeCosmos();
    // One database, two clients: two App Service instances.
    const settings = cosmos.settings();
    storeA = await openCosmosRecordStore(settings);
    storeB = await openCosmosRecordStore(settings);
    slow = await startTestBot({ store: new MeetingStore(new SlowStore(storeA, 15), meeting) });
    quick = await startTestBot({ store: new MeetingStore(storeB, meeting) });
  }, 60_000);
  afterAll(async () => {
    await slow?.close();
    await quick?.close();
    await storeA?.close();
    await storeB?.close();
    await cosmos?.close();
  });

  async function post(bot: TestBot, activity: Record<string, unknown>) {
    const { status, activities } = await bot.post(activity);
    expect(status).toBe(200);
    return activities;
  }

  it(`typed answers 10 ms apart, the first to the slower instance: each on its own question in ${CONVERSATIONS} conversations`, async () => {
    let reordered = 0;
    const problems: string[] = [];
    const one = async (n: number) => {
      const officer = testUser(`Typing Officer ${n}`, 82_000 + n);
      const conversationId = `a:order-${randomUUID()}`;
      const common = { user: officer, conversationId, serviceUrl: 'http://127.0.0.1:9/' };
      await post(quick, messageActivity({ ...common, text: 'hello' }));
      const opened = await post(quick, messageActivity({ ...common, text: 'practice questionnaire' }));
      if (!textsOf(opened).includes('Have you used the Partnership Toolkit before?')) throw new Error(`practice did not start: ${textsOf(opened).slice(0, 200)}`);
      // Section cards (issue 17): the second message lands, out of order, on a card whose first open question is
      // the yes/no one, so it must read as an answer there too; words that also read as a register question
      // ("partner number 5") are answered as the question they seem to be when they arrive before the "yes".
      const sent = Date.now();
      const first = { ...messageActivity({ ...common, text: 'yes' }), timestamp: new Date(sent).toISOString() };
      const second = { ...messageActivity({ ...common, text: `Better budget planning across teams (note ${n})` }), timestamp: new Date(sent + 10).toISOString() };
      const [, laterReplies] = await Promise.all([post(slow, first), new Promise((r) => setTimeout(r, 10)).then(() => post(quick, second))]);
      void laterReplies;
      const drafts = await storeB.query<Draft>({ kind: 'draft', partition: `owner:${officer.objectId}` });
      const draft = drafts.items.map((r) => r.body).find((d) => d.bankId === 'practice');
      if (!draft) throw new Error('no practice draft');
      if (drafts.items.length !== 1) problems.push(`${n}: ${drafts.items.length} drafts`);
      if (draft.answers['P1'] !== 'yes') problems.push(`${n}: P1 is ${JSON.stringify(draft.answers['P1'])}`);
      if (draft.answers['P2'] !== `Better budget planning across teams (note ${n})`) problems.push(`${n}: P2 is ${JSON.stringify(draft.answers['P2'])}`);
      if (draft.recentActivityIds.filter((id) => id === first.id || id === second.id).length !== 2) problems.push(`${n}: activities recorded ${draft.recentActivityIds.length}`);
      if ((draft.typedLog ?? []).length === 2 && draft.cardSeq > 3) reordered++;
    };
    for (let start = 0; start < CONVERSATIONS; start += AT_ONCE) {
      await Promise.all(Array.from({ length: Math.min(AT_ONCE, CONVERSATIONS - start) }, (_, i) => one(start + i)));
    }
    expect(problems).toEqual([]);
    if (process.env['ORDER_REPORT']) process.stdout.write(`two instances: ${CONVERSATIONS} conversations, ${reordered} put back in order\n`);
  }, 600_000);

  it('the same command at the same moment on both instances starts one questionnaire', async () => {
    for (let n = 0; n < 20; n++) {
      const officer = testUser(`Double Start ${n}`, 83_000 + n);
      const conversationId = `a:double-${randomUUID()}`;
      const common = { user: officer, conversationId, serviceUrl: 'http://127.0.0.1:9/' };
      await post(quick, messageActivity({ ...common, text: 'hello' }));
      // Truly at once: both turns read the conversation's state before either writes it.
      meeting.arm(2);
      const [onSlow, onQuick] = await Promise.all([post(slow, messageActivity({ ...common, text: 'practice questionnaire' })), post(quick, messageActivity({ ...common, text: 'practice questionnaire' }))]);
      expect(textsOf([...onSlow, ...onQuick])).toContain('Have you used the Partnership Toolkit before?');
      const drafts = await storeB.query<Draft>({ kind: 'draft', partition: `owner:${officer.objectId}` });
      expect(drafts.items.map((r) => r.body.status)).toEqual(['inProgress']);
      // And the conversation carries on with that one questionnaire, whichever instance answers.
      const next = await post(slow, messageActivity({ ...common, text: 'no' }));
      expect(cardsOf(next).length).toBeGreaterThan(0);
      const after = await storeB.query<Draft>({ kind: 'draft', partition: `owner:${officer.objectId}` });
      expect(after.items).toHaveLength(1);
      expect(after.items[0]!.body.answers['P1']).toBe('no');
    }
  }, 300_000);
});
