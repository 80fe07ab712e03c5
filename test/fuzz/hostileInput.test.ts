import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { buttonData, questionIdsOnCard, readDraft } from '../support/questionnaireDriver.js';
import { officer, seedLedPartnership } from '../support/selfAssessmentRun.js';
import { BOT, TENANT_ID, cardSubmitActivity, messageActivity } from '../support/teamsActivities.js';
import type { Draft } from '../../src/questionnaire/draft.js';

/** Runs per property; FUZZ_RUNS raises it for a longer local soak. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 100);
const KNOWN_NAV = new Set(['next', 'back', 'skip', 'help', 'save', 'confirmStop', 'carryOn', 'discard', 'change', 'submit']);

const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '🙂🙂🏳️‍🌈👩🏽‍💻', 'مرحبا بالعالم', 'שלום עולם', '\u202Egnp.exe', '\u0000\u0001\u0007', '<script>alert(1)</script>', '{{constructor.constructor("x")()}}',
    '31/02/2027', '2027-13-45', '00/00/0000', 'yesterday week', '-1', 'NaN', 'Infinity', '1e309', '£-12,50.0.1', '0x1F', ' ', '',
    '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  ),
  fc.integer({ min: 9_000, max: 40_000 }).map((n) => 'x'.repeat(n)),
);
const hostileValue = fc.oneof(hostileText, fc.jsonValue({ maxDepth: 3 }), fc.constant(null), fc.array(hostileText, { maxLength: 4 }));

describe('hostile and random input never breaks the bot or a draft', () => {
  let bot: TestBot;
  const lead = officer(900);
  const conversationId = `a:${randomUUID()}`;
  const serviceUrl = 'http://127.0.0.1:9/';
  let latest: BotActivity[] = [];
  let draftId = '';

  const post = async (body: unknown, raw = false) => {
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? String(body) : JSON.stringify(body) });
    const text = await response.text();
    let activities: BotActivity[] = [];
    try {
      activities = text ? ((JSON.parse(text) as { activities?: BotActivity[] }).activities ?? []) : [];
    } catch {
      // a refusal's body need not be JSON
    }
    return { status: response.status, activities };
  };

  /** The card reference on screen: a question's Next, or the summary's Submit if the fuzzing got that far. */
  function currentRef(): { draft: string; seq: number; nonce: string } {
    const cards = JSON.stringify(cardsOf(latest));
    return buttonData(latest, cards.includes('Check your answers') ? 'Submit' : 'Next')['qa'] as { draft: string; seq: number; nonce: string };
  }

  /** Sends one hostile activity and checks what every answer must satisfy. */
  async function attack(activity: unknown, options: { expectReply: boolean; raw?: boolean }): Promise<void> {
    const before = await readDraft(bot, lead, draftId);
    const onCard = questionIdsOnCard(cardsOf(latest).at(-1) ?? {});
    const { status, activities } = await post(activity, options.raw);
    expect(status).toBeLessThan(500);
    // Over the request size limit: refused whole by the server (413), so there is nothing to reply to.
    if (options.expectReply && status !== 413) {
      expect(status).toBe(200);
      expect(activities.length).toBeGreaterThan(0);
      const said = textsOf(activities);
      expect(said.trim().length).toBeGreaterThan(0);
      expect(said).not.toMatch(/\[object Object\]|TypeError|ReferenceError|at \w+ \(|stack|NaN|undefined/);
    }
    if (cardsOf(activities).some((c) => JSON.stringify(c).includes('"nonce"'))) latest = activities;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    // The draft still loads, is in progress, and only the card on screen can have changed.
    const after: Draft = await readDraft(bot, lead, draftId);
    expect(after.status).toBe('inProgress');
    expect(JSON.stringify(after)).not.toContain('polluted');
    for (const [id, value] of Object.entries(before.answers)) {
      if (!onCard.includes(id)) expect(after.answers[id]).toEqual(value);
    }
  }

  beforeAll(async () => {
    bot = await startTestBot();
    await seedLedPartnership(bot, lead, 'fuzz-1', 'Fuzz Partnership');
    const chat = bot.chat(lead, conversationId);
    await chat.say('hello');
    latest = await chat.say('self-assessment for the Fuzz Partnership');
    draftId = (buttonData(latest, 'Next')['qa'] as { draft: string }).draft;
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
  });

  it('card submits with wrong types, missing fields, huge strings, __proto__ keys and unknown actions', async () => {
    const submit = fc.record({
      refKind: fc.constantFrom('current', 'wrongTypes', 'otherDraft', 'none', 'oldSeq'),
      nav: fc.option(fc.oneof(fc.string({ maxLength: 12 }).filter((s) => !KNOWN_NAV.has(s)), fc.integer(), fc.constant(null)), { nil: undefined }),
      answers: fc.dictionary(fc.constantFrom('current', 'stray', '__proto__', 'constructor'), hostileValue, { maxKeys: 3 }),
      proto: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(submit, async ({ refKind, nav, answers, proto }) => {
        const ref = currentRef();
        const ids = questionIdsOnCard(cardsOf(latest).at(-1) ?? {});
        const qa =
          refKind === 'current' ? { ...ref, nonce: randomUUID() }
          : refKind === 'wrongTypes' ? { draft: 42, seq: 'one', nonce: { a: 1 } }
          : refKind === 'otherDraft' ? { ...ref, draft: randomUUID() }
          : refKind === 'oldSeq' ? { ...ref, seq: ref.seq - 1, nonce: randomUUID() }
          : undefined;
        const value: Record<string, unknown> = { ...(qa ? { qa } : {}), ...(nav !== undefined ? { nav } : {}) };
        for (const [slot, answer] of Object.entries(answers)) {
          const target = slot === 'current' ? `answer:${ids[0] ?? 'F1'}` : slot === 'stray' ? 'answer:NOPE' : slot;
          value[target] = answer;
        }
        // JSON with a literal "__proto__" key, as a hostile client would send it.
        const json = JSON.stringify(cardSubmitActivity({ user: lead, conversationId, serviceUrl, value })).replace('"value":{', proto ? `"value":{"__proto__":{"polluted":true}${Object.keys(value).length > 0 ? ',' : ''}` : '"value":{');
        await attack(json, { expectReply: true, raw: true });
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('typed messages: emoji, right-to-left text, control characters, invalid dates and huge text', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        // An empty message with no card data is nothing to answer; Teams never sends one.
        const typed = text.trim() === '' ? `${text}?` : text;
        await attack(messageActivity({ user: lead, conversationId, serviceUrl, text: typed }), { expectReply: true });
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('malformed activities and bodies are refused without a 5xx and the process keeps serving', async () => {
    const activity = fc.record(
      {
        type: fc.oneof(fc.constantFrom('message', 'conversationUpdate', 'invoke', 'messageReaction', 'typing', 'nope'), fc.integer(), fc.constant(null)),
        text: hostileValue,
        value: hostileValue,
        from: fc.oneof(fc.constant({ id: lead.id, name: lead.name, aadObjectId: lead.objectId }), fc.constant({}), hostileValue),
        conversation: fc.oneof(fc.constant({ id: conversationId, conversationType: 'personal', tenantId: TENANT_ID }), fc.constant({ id: 42 }), hostileValue),
        recipient: fc.constant({ id: BOT.id, name: BOT.name }),
        channelId: fc.oneof(fc.constant('msteams'), hostileText),
        serviceUrl: fc.oneof(fc.constant(serviceUrl), hostileText),
        deliveryMode: fc.constant('expectReplies'),
        id: fc.oneof(fc.uuid(), hostileText),
      },
      { requiredKeys: ['recipient', 'deliveryMode'] },
    );
    const body = fc.oneof(
      activity.map((a) => ({ raw: false, body: a as unknown })),
      fc.oneof(hostileText, fc.constantFrom('{', '[]', 'null', '"x"', '{"type":')).map((s) => ({ raw: true, body: s as unknown })),
    );
    await fc.assert(
      fc.asyncProperty(body, async ({ raw, body: sent }) => {
        await attack(sent, { expectReply: false, raw });
      }),
      { numRuns: RUNS },
    );
    expect((await fetch(`${bot.url}/api/health`)).status).toBe(200);
    // After all that, an ordinary message still gets an ordinary answer.
    const replies = await bot.chat(lead, conversationId).say('help');
    expect(textsOf(replies).length).toBeGreaterThan(0);
    expect(textsOf(replies)).not.toMatch(/went wrong|can't reach/);
  }, 300_000);
});
