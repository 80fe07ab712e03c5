import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProblems } from '../support/cardValidation.js';
import { cardsOf, startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { documentUrlOf, withToken } from '../support/documentLinks.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { parseCsv } from '../support/parseCsv.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { ManualClock } from '../../src/util/clock.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { Partnership } from '../../src/partnerships/partnership.js';

const LEAD = testUser('Priya Shah', 7101);
const KIM = testUser('Kim Osei', 7102);
const AD = testUser('Helen Ward', 7103);
const SPO = testUser('Jo Bloggs', 7104);
const LEADERSHIP = testUser('Alex Green', 7105);

const AWKWARD = 'Smith, Jones "and" Partners\nTrust';
const FORMULA = '=HYPERLINK("http://evil.example","Click")';

/** What a person sees in each column, keyed by the header the export gives it. */
type Row = Record<string, string>;

describe.each(['sqlite', 'cosmos'] as const)('register export as CSV, over HTTP (%s store)', (storeKind) => {
  let bot: TestBot;
  let connector: StubConnector;
  let cosmos: FakeCosmos | undefined;
  let store: RecordStore | undefined;
  const clock = new ManualClock(new Date('2026-11-27T09:00:00Z'));

  async function seed(id: string, name: string, lead: TestUser, extra: Partial<Partnership> = {}): Promise<void> {
    const now = clock.now().toISOString();
    const partnership: Partnership = {
      id, name, purpose: `Purpose of ${name}`, partners: [{ name: 'Essex Police' }, { name: 'NHS Trust' }],
      leadOfficer: { objectId: lead.objectId, name: lead.name }, officerIds: [lead.objectId], ownerId: lead.objectId,
      serviceArea: 'communities', assistantDirector: { objectId: AD.objectId, name: AD.name }, statutory: false, priorities: ['early-intervention'],
      councilCashPerYear: 12500, significance: 'medium', overallRisk: 'low', startDate: '2022-04-01', nextReviewDue: '2027-06-30',
      stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now, ...extra,
    };
    await bot.app.register.createOnce(partnership, { objectId: SPO.objectId, name: SPO.name });
  }

  async function exportAs(user: TestUser, phrase = 'export the register'): Promise<{ url: string; replies: Awaited<ReturnType<ReturnType<TestBot['chat']>['say']>> }> {
    const replies = await bot.chat(user).say(phrase);
    const url = documentUrlOf(replies);
    if (!url) throw new Error(`No link in: ${textsOf(replies)}`);
    return { url, replies };
  }

  async function download(url: string): Promise<{ response: Response; rows: Row[]; header: string[]; raw: string }> {
    const response = await fetch(url);
    const bytes = Buffer.from(await response.arrayBuffer());
    const raw = bytes.toString('utf8');
    const [header, ...body] = parseCsv(raw.replace(/^\uFEFF/, ''));
    return { response, raw, header: header!, rows: body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!]))) };
  }

  beforeAll(async () => {
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      store = await openCosmosRecordStore(cosmos.settings());
    }
    connector = await startStubConnector();
    bot = await startTestBot({ clock, store, serviceUrl: connector.serviceUrl });
    for (const user of [LEAD, KIM, AD, SPO, LEADERSHIP]) await bot.chat(user).say('hello');
    await bot.app.people.setRoles(SPO.objectId, ['spo'], []);
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
    await bot.app.people.setRoles(LEADERSHIP.objectId, ['leadership'], []);

    await seed('csp', 'Community Safety Partnership', LEAD, {
      significance: 'high', overallRisk: 'high', councilCashPerYear: 25000.5, councilRole: 'lead', legalForm: 'mou', statutory: true,
      stage: { suggested: 'frustration', confirmed: 'functioning' }, nextReviewDue: '2026-11-10', endDate: '2028-03-31',
      latestAssessment: { year: '2025/26', percent: 72, band: 'amber', trend: 'improved', recommendation: 'improve', closedAt: '2026-03-20T10:00:00Z' },
    });
    await seed('smith', AWKWARD, KIM, { partners: [{ name: 'Smith, Jones' }, { name: 'The "Other" Lot' }], status: 'proposed' });
    await seed('formula', FORMULA, KIM, { purpose: '+44 0800 000 000, then -1', serviceArea: '@regeneration' });
    await seed('arts', 'Arts Trust Partnership', LEAD, { status: 'closed', exitDate: '2026-09-15', councilCashPerYear: 0 });
  }, 120_000);

  afterAll(async () => {
    await bot.close();
    await connector.close();
    await store?.close();
    await cosmos?.close();
  });

  it.each(['export the register', 'register as csv', 'download the register', 'download the register as Excel'])('"%s": the SPO gets a card with a link to the register', async (phrase) => {
    const { url, replies } = await exportAs(SPO, phrase);
    for (const card of cardsOf(replies)) expect(cardProblems(card)).toEqual([]);
    expect(textsOf(replies)).toContain('4 partnerships on 27 November 2026');
    expect(textsOf(replies)).toContain('[Download the register (CSV)]');
    expect(textsOf(replies)).toContain('until 4 December 2026');
    expect(url).toMatch(new RegExp(`^${bot.url}/api/documents/[0-9a-f-]{36}\\?t=[A-Za-z0-9_-]{43}$`));
  });

  it('the file opens as the register: a download with a BOM, one row per partnership, every column, quoting and the formula guard', async () => {
    const { url } = await exportAs(SPO);
    const { response, raw, header, rows } = await download(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="partnership-register-2026-11-27.csv"');
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(raw.startsWith('\uFEFF')).toBe(true);

    expect(header).toEqual(expect.arrayContaining([
      'Partnership', 'Status', 'Significance', 'Lead officer', 'Service area', 'Assistant Director', 'Partners', 'Council cash per year (£)',
      'Overall risk', 'Life-cycle stage', 'Next review', 'Lead officer email', 'Lead member', 'Governing document', 'Reporting line', 'Total yearly budget (£)', 'Liabilities', 'Officer hours a month', 'Significance reasons', 'Latest score (%)', 'Score band', 'Trend', 'Recommendation', 'Start date', 'End date',
    ]));
    const register = await bot.app.register.all();
    expect(rows.map((r) => r['Reference']).sort()).toEqual(register.map((p) => p.id).sort());

    const csp = rows.find((r) => r['Reference'] === 'csp')!;
    expect(csp).toMatchObject({
      Partnership: 'Community Safety Partnership', Status: 'Active', Significance: 'High', 'Lead officer': 'Priya Shah', 'Service area': 'Communities and Health',
      'Assistant Director': 'Helen Ward', Partners: 'Essex Police; NHS Trust', 'Council role': 'Lead partner', 'Legal form': 'Memorandum of understanding (MoU)', Statutory: 'Yes',
      'Council priorities': 'Early intervention', 'Council plan version': '1', 'Council cash per year (£)': '25000.5', 'Overall risk': 'High', 'Life-cycle stage': 'Functioning',
      'Next review': '10 November 2026', 'Latest score (%)': '72', 'Score band': 'Developing', Trend: 'Improved', Recommendation: 'Continue with an improvement plan',
      'Assessment year': '2025/26', 'Start date': '1 April 2022', 'End date': '31 March 2028', 'Council left': '',
    });
    // Commas, quotes and a line break inside a name survive intact.
    const smith = rows.find((r) => r['Reference'] === 'smith')!;
    expect(smith['Partnership']).toBe(AWKWARD);
    expect(smith['Partners']).toBe('Smith, Jones; The "Other" Lot');
    expect(smith['Status']).toBe('Proposed');
    expect(smith['Next review']).toBe('');
    expect(smith['Latest score (%)']).toBe('');
    // Text a spreadsheet would run as a formula is shown as typed instead.
    const formula = rows.find((r) => r['Reference'] === 'formula')!;
    expect(formula['Partnership']).toBe(`'${FORMULA}`);
    expect(formula['Purpose']).toBe("'+44 0800 000 000, then -1");
    expect(formula['Service area']).toBe("'@regeneration");
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
    const arts = rows.find((r) => r['Reference'] === 'arts')!;
    expect(arts).toMatchObject({ Status: 'Closed', 'Council left': '15 September 2026', 'Council cash per year (£)': '0' });
  });

  it('Leadership Team may export too', async () => {
    const { url } = await exportAs(LEADERSHIP);
    expect((await download(url)).rows).toHaveLength(4);
  });

  it.each([['an officer', LEAD], ['an Assistant Director', AD]] as const)('%s is refused with a clear message and gets no link', async (_who, user) => {
    const replies = await bot.chat(user).say('export the register');
    expect(textsOf(replies)).toContain('Only the Strategic Partnership Officer and Leadership Team can export the whole register.');
    expect(documentUrlOf(replies)).toBeUndefined();
  });

  it('asked in a channel, the link goes to the 1:1 chat and never to the channel', async () => {
    const personal = bot.chat(SPO);
    await personal.say('hello');
    const before = connector.sent().length;
    const inChannel = await bot.chat(SPO).mention('export the register');
    expect(textsOf(inChannel)).toContain("I've sent it to you in our 1:1 chat");
    expect(documentUrlOf(inChannel)).toBeUndefined();
    expect(JSON.stringify(inChannel)).not.toContain('/api/documents/');
    const sent = connector.sent().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toContain(`/v3/conversations/${personal.conversationId}/activities`);
    const url = documentUrlOf([sent[0]!.body as never]);
    expect(url).toBeDefined();
    expect((await download(url!)).rows).toHaveLength(4);
  });

  it('an officer asking in a channel is refused there, with nothing sent', async () => {
    const before = connector.sent().length;
    const replies = await bot.chat(LEAD).mention('download the register');
    expect(textsOf(replies)).toContain('Only the Strategic Partnership Officer and Leadership Team');
    expect(connector.sent().length).toBe(before);
  });

  it('a forged, swapped or unknown link is 404, with no hint of which', async () => {
    const { url } = await exportAs(SPO);
    const other = (await exportAs(SPO)).url;
    const otherToken = new URL(other).searchParams.get('t')!;
    const unknownId = url.replace(/documents\/[0-9a-f-]{36}/, 'documents/00000000-0000-4000-8000-000000000000');
    for (const bad of [withToken(url, 'A'.repeat(43)), withToken(url, otherToken), url.replace(/\?t=.*$/, ''), unknownId, `${bot.url}/api/documents/`, `${bot.url}/api/documents/..%2F..%2Fetc`]) {
      const response = await fetch(bad);
      expect(response.status, bad).toBe(404);
      expect(await response.text()).not.toContain('Community Safety');
    }
    expect((await fetch(url)).status).toBe(200);
  });

  it('a link stops working after seven days, and the file is removed', async () => {
    const { url } = await exportAs(SPO);
    const id = /documents\/([0-9a-f-]{36})/.exec(url)![1]!;
    clock.advanceDays(6);
    expect((await fetch(url)).status).toBe(200);
    clock.advanceDays(1.01);
    expect((await fetch(url)).status).toBe(404);
    expect(await bot.app.store.read({ kind: 'document', partition: id, id })).toBeUndefined();
    clock.set(new Date('2026-11-27T09:00:00Z'));
  });

  it('expired documents nobody opened are removed when the next one is made', async () => {
    const { url } = await exportAs(SPO);
    const id = /documents\/([0-9a-f-]{36})/.exec(url)![1]!;
    clock.advanceDays(8);
    const { url: fresh } = await exportAs(LEADERSHIP);
    expect(await bot.app.store.read({ kind: 'document', partition: id, id })).toBeUndefined();
    expect((await fetch(fresh)).status).toBe(200);
    clock.set(new Date('2026-11-27T09:00:00Z'));
  });
});
