import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type BotActivity, type TestBot, type TestChat } from '../support/botHarness.js';
import { documentUrlOf, visible } from '../support/documentLinks.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { parseCsv } from '../support/parseCsv.js';
import { buttonData, type ScriptedAnswer } from '../support/questionnaireDriver.js';
import { closeYearFrom, ratedResponse, respondInChat, seedLedPartnership } from '../support/selfAssessmentRun.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { ManualClock } from '../../src/util/clock.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { SelfAssessment } from '../../src/assessments/selfAssessment.js';

const LEAD = testUser('Priya Shah', 5101);
const SECOND = testUser('Sam Patel', 5102);
const SPO = testUser('Jo Bloggs', 5103);
const AD = testUser('Helen Ward', 5104);

/**
 * The self-assessment's rules where ordinary returns reach their edges (issue 18:
 * rounding, a stage confirmed in an earlier year, not applicable and low
 * confidence, gap years, don't know and evidence), each run as officers run it.
 */
describe.each(['sqlite', 'cosmos'] as const)('self-assessment rules at their boundaries, over HTTP (%s store)', (storeKind) => {
  let bot: TestBot;
  let connector: StubConnector;
  let cosmos: FakeCosmos | undefined;
  let store: RecordStore | undefined;
  const clock = new ManualClock(new Date('2026-05-10T09:00:00Z'));
  const chats = new Map<string, TestChat>();
  const chatOf = (user: TestUser) => {
    if (!chats.has(user.objectId)) chats.set(user.objectId, bot.chat(user));
    return chats.get(user.objectId)!;
  };

  const seed = (id: string, name: string) =>
    seedLedPartnership(bot, LEAD, id, name, { assistantDirector: { objectId: AD.objectId, name: AD.name }, startDate: '2019-04-01', createdAt: clock.now().toISOString() });
  const respond = (user: TestUser, request: string, script: Record<string, ScriptedAnswer>) => respondInChat(chatOf(user), request, script);
  const close = (replies: BotActivity[], year: string) => closeYearFrom(chatOf(LEAD), replies, year);
  const assessmentOf = async (partnershipId: string, year: string) =>
    (await bot.app.store.read<SelfAssessment>({ kind: 'self-assessment', partition: partnershipId, id: year.replace('/', '-') }))?.body;

  /** The SPO's register export, as the rows a spreadsheet shows, keyed by column header. */
  async function exportedRow(name: string): Promise<Record<string, string>> {
    const url = documentUrlOf(await chatOf(SPO).say('export the register'));
    const [header, ...rows] = parseCsv((await (await fetch(url!)).text()).replace(/^\uFEFF/, ''));
    const row = rows.find((cells) => cells[0] === name);
    if (!row) throw new Error(`${name} is not in the export`);
    return Object.fromEntries(header!.map((h, i) => [h, row[i]!]));
  }

  /** The visible text of the annual report's section for one partnership. */
  async function reportSection(year: string, partnershipId: string): Promise<string> {
    const url = documentUrlOf(await chatOf(SPO).say(`annual report for ${year}`));
    const html = await (await fetch(url!)).text();
    const start = html.indexOf(`<section class="partnership" data-partnership="${partnershipId}">`);
    if (start < 0) throw new Error(`${partnershipId} is not in the ${year} report`);
    return visible(html.slice(start, html.indexOf('</section>', start)));
  }

  /** The visible text of the annual report's table row for one partnership. */
  async function reportRow(year: string, partnershipId: string): Promise<string> {
    const url = documentUrlOf(await chatOf(SPO).say(`annual report for ${year}`));
    const html = await (await fetch(url!)).text();
    const row = new RegExp(`<tr data-partnership="${partnershipId}">([\\s\\S]*?)</tr>`).exec(html);
    if (!row) throw new Error(`${partnershipId} has no row in the ${year} report`);
    return visible(row[1]!);
  }

  beforeAll(async () => {
    connector = await startStubConnector();
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      store = await openCosmosRecordStore(cosmos.settings());
    }
    bot = await startTestBot({ serviceUrl: connector.serviceUrl, clock, store });
    for (const user of [LEAD, SECOND, SPO, AD]) await chatOf(user).say('hello');
    await bot.app.people.setRoles(SPO.objectId, ['spo'], []);
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
  }, 120_000);
  afterAll(async () => {
    await bot.close();
    await store?.close();
    await cosmos?.close();
    await connector.close();
  });

  it('item 1: one officer with C1 not applicable scores exactly 74.4%: shown as 74%, Developing, not 75% Strong', async () => {
    clock.set(new Date('2026-05-10T09:00:00Z'));
    await seed('round-1', 'Rounding Partnership');
    // F 14/21, P 14/21, C 15/18 (C1 not applicable), M 17/21.
    const replies = await respond(LEAD, 'self-assessment for the Rounding Partnership', ratedResponse('2', { C1: 'na', C2: '3', C3: '3', C4: '3', M1: '3', M2: '3', M3: '3' }));
    const closed = await close(replies, '2026/27');
    expect(textsOf(closed)).toContain('Overall: 74% (Developing), 60 / 81 points');
    expect((await bot.app.register.get('round-1'))!.latestAssessment).toMatchObject({ percent: 74, band: 'amber' });
  }, 120_000);
});
