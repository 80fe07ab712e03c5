import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { cardProblems } from '../support/cardValidation.js';
import { documentUrlOf } from '../support/documentLinks.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { startFileServer, type FileServer } from '../support/fileServer.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser } from '../support/teamsActivities.js';
import { ManualClock } from '../../src/util/clock.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { Partnership } from '../../src/partnerships/partnership.js';

const SPO = testUser('Jo Bloggs', 7201);
const PRIYA = testUser('Priya Shah', 7202);
const SAM_ONE = testUser('Sam Patel', 7203);
const SAM_TWO = testUser('Sam Patel', 7204);
const HELEN = testUser('Helen Ward', 7205);
const OFFICER = testUser('Olu Officer', 7206);

const AREAS = ['Communities and Health', 'Place and Environment', 'Housing', 'Resources (finance, assets, legal)'];

/** The 60 rows an SPO would type into the template; rows 12, 23, 34, 45 and 56 are wrong, each in one way. */
function registerRows(): Array<Record<string, string | number | Date>> {
  const rows: Array<Record<string, string | number | Date>> = [];
  for (let n = 1; n <= 60; n++) {
    const ref = `P-${String(n).padStart(3, '0')}`;
    const row: Record<string, string | number | Date> = {
      Reference: ref,
      Partnership: `Partnership ${String(n).padStart(2, '0')} Forum`,
      Status: n % 10 === 0 ? 'Closed' : 'Active',
      'Service area': AREAS[n % AREAS.length]!,
      'Lead officer': n % 3 === 0 ? 'Priya Shah' : `Officer ${n}`,
      ...(n % 3 === 0 ? {} : { 'Lead officer email': `officer.${n}@rochford.gov.uk` }),
      Purpose: `Purpose of partnership ${n}`,
      Partners: 'Essex Police; NHS Mid and South Essex',
      'Lead member': `Cllr Member ${n}`,
      'Council role': 'Member',
      'Legal form': 'Terms of reference',
      Statutory: n % 4 === 0 ? 'Yes' : 'No',
      'Governing document': 'Terms of reference',
      'Governing document agreed': '12/05/2019',
      'Governing document link': `https://rochford.sharepoint.com/sites/partnerships/p${n}.pdf`,
      'Reporting line': 'Community Safety Board, quarterly',
      'Council priorities': 'Early intervention; Enable communities',
      'Council cash per year (£)': n * 1000,
      'Total yearly budget (£)': '£120,000',
      'Officer hours a month': 6,
      Significance: n * 1000 >= 10000 ? 'High' : 'Medium',
      'Significance reasons': n * 1000 >= 10000 ? 'Council cash at or over £10,000 a year' : 'Shares information only',
      'Overall risk': 'Medium',
      'Life-cycle stage': n % 2 ? 'Functioning' : 'Flying (suggested)',
      // Real start dates, some as Excel date cells and some typed.
      'Start date': n % 2 ? new Date(Date.UTC(2015 + (n % 8), 3, 1)) : `1 April ${2015 + (n % 8)}`,
      // Ten reviews fall due within 60 days of 27 November 2026.
      ...(n % 10 === 0 ? { 'Council left': '31/03/2025' } : { 'Next review': n <= 9 ? `${10 + n}/12/2026` : '30/06/2027' }),
    };
    rows.push(row);
  }
  rows[10]!['Service area'] = 'Leisure';
  rows[21]!['Start date'] = '31/02/2021';
  rows[32]!['Lead officer'] = 'Nobody Known';
  delete rows[32]!['Lead officer email'];
  rows[43]!['Lead officer'] = 'Sam Patel';
  delete rows[43]!['Lead officer email'];
  rows[54]!['Reference'] = 'P-054';
  return rows;
}

async function fillTemplate(template: Buffer, rows: Array<Record<string, string | number | Date>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Register')!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function buttonData(replies: BotActivity[], verb: string): Record<string, unknown> | undefined {
  for (const card of cardsOf(replies)) {
    const action = ((card['actions'] ?? []) as Array<{ data?: Record<string, unknown> }>).find((a) => a.data?.['verb'] === verb);
    if (action) return action.data;
  }
  return undefined;
}

describe.each(['sqlite', 'cosmos'] as const)('bringing the register in, over HTTP (%s store)', (storeKind) => {
  let bot: TestBot;
  let connector: StubConnector;
  let files: FileServer;
  let cosmos: FakeCosmos | undefined;
  let store: RecordStore | undefined;
  let template: Buffer;
  const clock = new ManualClock(new Date('2026-11-27T09:00:00Z'));

  beforeAll(async () => {
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      store = await openCosmosRecordStore(cosmos.settings());
    }
    connector = await startStubConnector();
    files = await startFileServer();
    bot = await startTestBot({ clock, store, serviceUrl: connector.serviceUrl, env: { FILE_DOWNLOAD_TEST_ORIGIN: files.origin } });
    for (const user of [SPO, PRIYA, SAM_ONE, SAM_TWO, HELEN, OFFICER]) await bot.chat(user).say('hello');
    await bot.app.people.setRoles(SPO.objectId, ['spo'], []);
    await bot.app.people.setRoles(HELEN.objectId, ['ad'], ['communities']);
  }, 120_000);

  afterAll(async () => {
    await bot.close();
    await connector.close();
    await files.close();
    await store?.close();
    await cosmos?.close();
  });

  const spo = () => bot.chat(SPO);

  it('the template is offered: a workbook with the columns explained and the allowed values listed, and a CSV', async () => {
    const replies = await spo().say('register template');
    for (const card of cardsOf(replies)) expect(cardProblems(card)).toEqual([]);
    const actions = cardsOf(replies).flatMap((c) => (c['actions'] ?? []) as Array<{ title: string; url: string }>);
    expect(actions.map((a) => a.title)).toEqual(['Download the template (Excel)', 'Download the template (CSV)']);
    const xlsx = await fetch(actions[0]!.url);
    expect(xlsx.status).toBe(200);
    template = Buffer.from(await xlsx.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Register', 'Columns', 'Allowed values']);
    const explained = workbook.getWorksheet('Columns')!.getColumn(1).values.slice(2).map(String);
    expect(explained).toEqual(expect.arrayContaining(['Reference', 'Service area', 'Lead officer email', 'Lead member', 'Governing document link', 'Officer hours a month', 'Significance reasons']));
    const allowed = workbook.getWorksheet('Allowed values')!;
    const serviceAreas = (allowed.getRow(1).values as unknown[]).indexOf('Service area');
    expect(allowed.getColumn(serviceAreas).values.slice(2)).toEqual(expect.arrayContaining(AREAS));
    const csv = await (await fetch(actions[1]!.url)).text();
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toContain('Partnership,Reference,Status,Service area');
  });

  it('an officer is refused the template and the import, from the permissions module', async () => {
    expect(textsOf(await bot.chat(OFFICER).say('register template'))).toContain('Only the Strategic Partnership Officer can bring the register in');
    const url = files.put('register.xlsx', template);
    expect(textsOf(await bot.chat(OFFICER).sendFile('register.xlsx', url))).toContain('Only the Strategic Partnership Officer can bring the register in');
    expect(await bot.app.register.all()).toHaveLength(0);
  });

  let firstFile: Buffer;
  let firstImport: Record<string, unknown>;

  it('a 60-row workbook with 5 bad rows: the dry run lists exactly those 5 (row and column) and writes nothing', async () => {
    firstFile = await fillTemplate(template, registerRows());
    const replies = await spo().sendFile('Partnership register 2026.xlsx', files.put('Partnership register 2026.xlsx', firstFile));
    const text = textsOf(replies);
    for (const card of cardsOf(replies)) expect(cardProblems(card)).toEqual([]);
    expect(text).toContain('Would be added: 55');
    expect(text).toContain('Would be updated: 0');
    expect(text).toContain('Rows with problems: 5');
    const problems = text.split('\n').filter((line) => /^Row \d+, /.test(line));
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^Row 12, Service area: "Leisure": there is no such service area\. Accepted: Communities and Health, /);
    expect(problems[1]).toMatch(/^Row 23, Start date: "31\/02\/2021": there is no such day as 31\/02\/2021/);
    expect(problems[2]).toMatch(/^Row 34, Lead officer: "Nobody Known": it matches nobody who has used the bot/);
    expect(problems[3]).toMatch(/^Row 45, Lead officer: "Sam Patel": 2 people have that name/);
    expect(problems[4]).toMatch(/^Row 56, Reference: "P-054": row 55 has the same reference/);
    expect(await bot.app.register.all()).toHaveLength(0);
    firstImport = buttonData(replies, 'confirmImport')!;
    expect(firstImport).toBeDefined();
  });

  it('confirming writes 55 entries with their real dates, no approval, and one summary for the Assistant Director', async () => {
    const before = connector.sent().length;
    const replies = await spo().submit(firstImport);
    expect(textsOf(replies)).toContain('55 added, 0 updated, 0 unchanged, 5 rows left out with problems');
    const entries = await bot.app.register.all();
    expect(entries).toHaveLength(55);
    const byRef = new Map(entries.map((p) => [p.reference, p]));
    const first = byRef.get('P-001')!;
    expect(first).toMatchObject({
      name: 'Partnership 01 Forum', status: 'active', source: 'import', serviceArea: 'place', startDate: '2016-04-01', nextReviewDue: '2026-12-11',
      councilCashPerYear: 1000, totalBudgetPerYear: 120000, officerHoursPerMonth: 6, leadMember: 'Cllr Member 1', reportingLine: 'Community Safety Board, quarterly',
      governingDocument: { type: 'Terms of reference', agreedOn: '2019-05-12', link: 'https://rochford.sharepoint.com/sites/partnerships/p1.pdf' },
      priorities: ['early-intervention', 'communities'], priorityPlan: { version: 1 }, stage: { suggested: 'functioning', confirmed: 'functioning' }, significance: 'medium',
    });
    expect(first.partners.map((p) => p['name'])).toEqual(['Essex Police', 'NHS Mid and South Essex']);
    expect(byRef.get('P-002')!.startDate).toBe('2017-04-01');
    expect(byRef.get('P-010')).toMatchObject({ status: 'closed', exitDate: '2025-03-31' });
    // Priya has used the bot: matched by name. Officer 1 has not: linked by email at their first message.
    expect(byRef.get('P-003')!.leadOfficer.objectId).toBe(PRIYA.objectId);
    expect(byRef.get('P-001')!.leadOfficer.objectId).toBe('email:officer.1@rochford.gov.uk');
    expect(entries.filter((p) => p.status === 'proposed')).toHaveLength(0);
    const toHelen = connector.sent().slice(before).filter((c) => JSON.stringify(c.body).includes('Brought in for Communities and Health'));
    expect(toHelen).toHaveLength(1);
    // The same card pressed again changes nothing and says so.
    expect(textsOf(await spo().submit(firstImport))).toContain('was already applied by Jo Bloggs on 27 November 2026. Nothing has changed.');
    expect(await bot.app.register.all()).toHaveLength(55);
  });

  it('importing the same file again reports no changes', async () => {
    const replies = await spo().sendFile('Partnership register 2026.xlsx', files.put('again.xlsx', firstFile));
    const text = textsOf(replies);
    expect(text).toContain('Would be added: 0');
    expect(text).toContain('Would be updated: 0');
    expect(text).toContain('Unchanged: 55');
    expect(buttonData(replies, 'confirmImport')).toBeUndefined();
  });

  it('a workbook with one row edited updates one entry, with an audit event', async () => {
    const rows = registerRows();
    rows[2]!['Next review'] = '20/01/2027';
    const replies = await spo().sendFile('register edited.xlsx', files.put('edited.xlsx', await fillTemplate(template, rows)));
    expect(textsOf(replies)).toContain('Would be updated: 1');
    expect(textsOf(replies)).toContain('Row 4: Partnership 03 Forum (nextReviewDue)');
    await spo().submit(buttonData(replies, 'confirmImport')!);
    const entry = (await bot.app.register.all()).find((p) => p.reference === 'P-003')!;
    expect(entry.nextReviewDue).toBe('2027-01-20');
    const events = (await bot.app.register.auditTrail(entry.id)).filter((e) => e.action === 'partnership.imported-change');
    expect(events).toHaveLength(1);
    expect(events[0]!.changes).toEqual({ nextReviewDue: { from: '2026-12-13', to: '2027-01-20' } });
    expect(events[0]!.note).toBe('Imported from register edited.xlsx, row 4');
  });

  it('importing a name differing only in case and punctuation from an entry shows that entry and asks whether it is the same', async () => {
    const rows = [{ ...registerRows()[0]!, Reference: 'P-900', Partnership: 'partnership 01 forum.' }];
    const replies = await spo().sendFile('one more.xlsx', files.put('one-more.xlsx', await fillTemplate(template, rows)));
    const text = textsOf(replies);
    expect(text).toContain('Is it the same partnership?');
    expect(text).toContain('Row 2: "partnership 01 forum." is very like Partnership 01 Forum (reference P-001; lead officer Officer 1; active; started 2016).');
    expect(await bot.app.register.all()).toHaveLength(55);
  });

  it('"which partnerships are due review" then answers from the imported entries', async () => {
    const text = textsOf(await spo().say('which partnerships are due review'));
    expect(text).toContain('9 partnerships');
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) expect(text).toContain(`Partnership 0${n} Forum`);
  });

  it('the register export, sent back as it is, imports with no changes', async () => {
    const now = clock.now().toISOString();
    // An entry made in the bot, with what only the questionnaire records (partner details, a suggested and a confirmed stage).
    const made: Partnership = {
      id: 'made-in-bot', name: 'Smith, Jones "and" Partners', purpose: '=HYPERLINK("x")', partners: [{ name: 'Essex Police', sector: 'public', lead: 'yes' }],
      leadOfficer: { objectId: SAM_ONE.objectId, name: SAM_ONE.name }, officerIds: [SAM_ONE.objectId, SAM_TWO.objectId], ownerId: SAM_ONE.objectId,
      serviceArea: 'communities', assistantDirector: { objectId: HELEN.objectId, name: HELEN.name }, councilRole: 'accountable-body', legalForm: 'mou', statutory: true,
      priorities: ['assets', 'none'], councilCashPerYear: 25000.5, significance: 'high', significanceReasons: ['The council is the accountable body'], overallRisk: 'high',
      startDate: '2026-04-02', nextReviewDue: '2027-04-02', stage: { suggested: 'frustration', confirmed: 'functioning' }, status: 'proposed', createdAt: now, updatedAt: now,
    };
    await bot.app.register.createOnce(made, { objectId: SAM_ONE.objectId, name: SAM_ONE.name });
    const exported = await spo().say('export the register');
    const csv = Buffer.from(await (await fetch(documentUrlOf(exported)!)).arrayBuffer());
    const replies = await spo().sendFile('partnership-register-2026-11-27.csv', files.put('export.csv', csv));
    const text = textsOf(replies);
    expect(text).toContain('Would be added: 0');
    expect(text).toContain('Would be updated: 0');
    expect(text).toContain('Unchanged: 56');
    expect(text).toContain('Rows with problems: 0');
  });
});
