import { plain } from '../../cards/markdown.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProblems } from '../support/cardValidation.js';
import { cardsOf, startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { documentUrlOf, visible, withToken } from '../support/documentLinks.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { ManualClock } from '../../src/util/clock.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { Partnership } from '../../src/partnerships/partnership.js';
import type { SelfAssessment } from '../../src/assessments/selfAssessment.js';
import type { ExitDocument } from '../../src/partnerships/exitDocument.js';
import type { Recommendation } from '../../src/domain/involvementRecommendation.js';
import { yearKey } from '../../src/domain/assessmentYear.js';

const LEAD = testUser('Priya Shah', 7201);
const KIM = testUser('Kim Osei', 7202);
const AD = testUser('Helen Ward', 7203);
const SPO = testUser('Jo Bloggs', 7204);
const LEADERSHIP = testUser('Alex Green', 7205);

const SCRIPT_NAME = '<script>alert("x")</script> Youth Forum';

function between(html: string, startMarker: string, endMarker: string): string {
  const start = html.indexOf(startMarker);
  if (start < 0) throw new Error(`No ${startMarker}`);
  const end = html.indexOf(endMarker, start + startMarker.length);
  return html.slice(start, end < 0 ? undefined : end);
}

/** The bars of every SVG chart in a piece of HTML, as [label, value]. */
function chartBars(html: string): Array<[string, number]> {
  return [...html.matchAll(/<rect class="bar" data-label="([^"]*)" data-value="([^"]*)"/g)].map((m) => [visible(m[1]!), Number(m[2])]);
}

describe.each(['sqlite', 'cosmos'] as const)('annual report for Leadership Team, over HTTP (%s store)', (storeKind) => {
  let bot: TestBot;
  let connector: StubConnector;
  let cosmos: FakeCosmos | undefined;
  let store: RecordStore | undefined;
  // Three weeks after the 2026/27 year ended.
  const clock = new ManualClock(new Date('2027-04-20T09:00:00Z'));

  async function seed(id: string, name: string, lead: TestUser, createdAt: string, extra: Partial<Partnership> = {}): Promise<void> {
    const partnership: Partnership = {
      id, name, purpose: `Purpose of ${name}`, partners: [{ name: 'Essex Police' }],
      leadOfficer: { objectId: lead.objectId, name: lead.name }, officerIds: [lead.objectId], ownerId: lead.objectId,
      serviceArea: 'communities', assistantDirector: { objectId: AD.objectId, name: AD.name }, statutory: false, priorities: [],
      councilCashPerYear: 5000, significance: 'medium', overallRisk: 'low', startDate: createdAt.slice(0, 10), nextReviewDue: '2027-09-30',
      stage: { suggested: 'functioning' }, status: 'active', createdAt, updatedAt: createdAt, ...extra,
    };
    await bot.app.register.createOnce(partnership, { objectId: SPO.objectId, name: SPO.name });
  }

  async function closedYear(partnershipId: string, year: string, percent: number, band: 'green' | 'amber' | 'red', recommendation: Recommendation, change?: number): Promise<void> {
    const assessment: SelfAssessment = {
      id: year, partnershipId, partnershipName: partnershipId, year, status: 'closed', bankId: 'self-assessment', bankVersion: 1,
      respondents: [{ objectId: LEAD.objectId, name: LEAD.name }], statements: {}, areaOf: {},
      scores: { sections: [], overall: { percent, points: percent, maxPoints: 100, band } },
      ...(change !== undefined
        ? { comparison: { previousYear: 'before', sharedStatementsOnly: false, sharedStatements: 28, sections: [], overall: { area: 'overall', change, trend: change >= 5 ? 'improved' : change <= -5 ? 'declined' : 'stable' }, moved: [] } }
        : {}),
      stage: { stage: 'functioning', scores: { forming: 0, frustration: 0, functioning: 1, flying: 0, failing: 0 }, reasons: [], tactics: [] },
      recommendation: { recommendation, reasons: [], celebrate: false },
      actions: [], viewsDiffer: [], updatedAt: '2027-03-01T10:00:00Z', closedAt: '2027-03-01T10:00:00Z',
    };
    await bot.app.store.create({ kind: 'self-assessment', partition: partnershipId, id: yearKey(year) }, assessment);
  }

  async function reportAs(user: TestUser, phrase: string): Promise<{ replies: BotActivity[]; url: string }> {
    const replies = await bot.chat(user).say(phrase);
    const url = documentUrlOf(replies);
    if (!url) throw new Error(`No link in: ${textsOf(replies)}`);
    return { replies, url };
  }

  async function open(url: string): Promise<{ response: Response; html: string }> {
    const response = await fetch(url);
    return { response, html: await response.text() };
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

    await seed('csp', 'Community Safety Partnership', LEAD, '2022-03-01T10:00:00Z', {
      overallRisk: 'high', stage: { suggested: 'frustration', confirmed: 'functioning' }, nextReviewDue: '2027-03-01',
    });
    await closedYear('csp', '2024/25', 58, 'amber', 'improve');
    await closedYear('csp', '2025/26', 72, 'amber', 'improve', 14);
    await closedYear('csp', '2026/27', 80, 'green', 'continue', 8);

    await seed('yf', SCRIPT_NAME, LEAD, '2026-06-01T10:00:00Z', { stage: { suggested: 'forming' }, overallRisk: 'medium', councilCashPerYear: 2500 });
    await closedYear('yf', '2026/27', 45, 'red', 'review');

    await seed('tcp', 'Town Centre Partnership', KIM, '2026-09-10T10:00:00Z', { status: 'proposed', overallRisk: 'very-high', significance: 'high', councilCashPerYear: 40000 });

    await seed('lt', 'Leisure Trust', KIM, '2019-05-01T10:00:00Z', { status: 'under-review', nextReviewDue: '2027-02-01', stage: { suggested: 'failing' } });
    await closedYear('lt', '2025/26', 65, 'amber', 'continue');
    await closedYear('lt', '2026/27', 55, 'amber', 'improve', -10);

    await seed('arts', 'Arts Trust Partnership', LEAD, '2020-01-01T10:00:00Z', { status: 'closed', exitDate: '2026-09-15', nextReviewDue: '2026-08-01' });
    await closedYear('arts', '2025/26', 40, 'red', 'exit');
    await bot.app.register.saveExitDocument(exitDocument('arts', 'Arts Trust Partnership'), { objectId: LEAD.objectId, name: LEAD.name });

    await seed('omp', 'Old Markets Partnership', KIM, '2018-01-01T10:00:00Z', { status: 'closed', exitDate: '2025-12-01' });
    await bot.app.register.saveExitDocument(exitDocument('omp', 'Old Markets Partnership'), { objectId: KIM.objectId, name: KIM.name });
    await seed('new', 'Coastal Path Partnership', KIM, '2027-04-10T10:00:00Z', { status: 'proposed' });
    await seed('rej', 'Rejected Idea Partnership', KIM, '2026-07-01T10:00:00Z', { status: 'rejected' });
  }, 120_000);

  afterAll(async () => {
    await bot.close();
    await connector.close();
    await store?.close();
    await cosmos?.close();
  });

  it.each(['produce the annual report for last year', 'annual report for 2026/27', 'Annual report 2026-27'])('"%s": a summary card with counts and a button to the full report', async (phrase) => {
    const { replies } = await reportAs(SPO, phrase);
    const cards = cardsOf(replies);
    expect(cards).toHaveLength(1);
    expect(cardProblems(cards[0])).toEqual([]);
    const text = textsOf(replies);
    expect(text).toContain('Partnerships annual report 2026/27');
    expect(text).toContain('5 partnerships from 1 April 2026 to 31 March 2027.');
    for (const fact of ['Strong: 1', 'Developing: 1', 'Weak: 2', 'Not yet scored: 1', 'Continue: 1', 'Continue with an improvement plan: 1', 'Review involvement: Assistant Director decision: 1', 'Plan exit: 1', 'No recommendation yet: 1']) {
      expect(text).toContain(fact);
    }
    expect(text).toContain('New partnerships (2)');
    // Shown as typed: escaped for card markdown, so nothing in the name is read as markup.
    expect(text).toContain(`${plain(SCRIPT_NAME)} (1 June 2026)`);
    expect(text).toContain('Town Centre Partnership (10 September 2026)');
    expect(text).toContain('Exits (1)');
    expect(text).toContain('Arts Trust Partnership (left 15 September 2026)');
    expect(text).toContain('Overdue reviews (2)');
    expect(text).toContain('Leisure Trust (due 1 February 2027)');
    expect(text).toContain('[Open the full report]');
  });

  it('the document is a printable page with every partnership\'s score, trend, band, stage, risk and recommendation', async () => {
    const { url } = await reportAs(SPO, 'annual report for 2026/27');
    const { response, html } = await open(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="partnerships-annual-report-2026-27.html"');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toMatch(/@page \{ size: A4/);
    expect(visible(between(html, '<p class="meta">', '</p>'))).toBe(
      "For Leadership Team. The council's partnerships from 1 April 2026 to 31 March 2027. Produced by Jo Bloggs on 20 April 2027.",
    );

    const table = between(html, '<table class="partnerships">', '</table>');
    const rows = [...table.matchAll(/<tr data-partnership="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1]!, visible(m[2]!)]);
    expect(Object.fromEntries(rows)).toEqual({
      arts: 'Arts Trust Partnership Closed 40% (2025/26) Weak First year Functioning (suggested) Low Plan exit',
      csp: 'Community Safety Partnership Active 80% (2026/27) Strong Improved (+8 points) Functioning High Continue',
      lt: 'Leisure Trust Under review 55% (2026/27) Developing Declined (-10 points) Failing (suggested) Low Continue with an improvement plan',
      tcp: 'Town Centre Partnership Proposed - Not scored - Functioning (suggested) Very high None yet',
      yf: `${SCRIPT_NAME} Active 45% (2026/27) Weak First year Forming (suggested) Medium Review involvement: Assistant Director decision`,
    });
    // Left before the year, registered after it, or rejected: not in this year's report.
    for (const absent of ['Old Markets Partnership', 'Coastal Path Partnership', 'Rejected Idea Partnership']) expect(visible(html)).not.toContain(absent);
  });

  it('shows the score charts as pictures: one bar per scored partnership, and each partnership\'s years', async () => {
    const { url } = await reportAs(LEADERSHIP, 'annual report for 2026/27');
    const { html } = await open(url);
    const overview = between(html, '<h2 id="scores">', '<table class="partnerships">');
    expect(overview.match(/<svg /g)).toHaveLength(1);
    // In the register's order (alphabetical, punctuation aside).
    expect(chartBars(overview)).toEqual([[SCRIPT_NAME, 45], ['Arts Trust Partnership', 40], ['Community Safety Partnership', 80], ['Leisure Trust', 55]]);

    const csp = between(html, '<section class="partnership" data-partnership="csp">', '</section>');
    expect(csp.match(/<svg /g)).toHaveLength(1);
    expect(chartBars(csp)).toEqual([['2024/25', 58], ['2025/26', 72], ['2026/27', 80]]);
    const lt = between(html, '<section class="partnership" data-partnership="lt">', '</section>');
    expect(chartBars(lt)).toEqual([['2025/26', 65], ['2026/27', 55]]);
    const tcp = between(html, '<section class="partnership" data-partnership="tcp">', '</section>');
    expect(tcp).not.toContain('<svg');
    expect(visible(tcp)).toContain('No self-assessment has been closed yet');
    expect(html.match(/<svg /g)).toHaveLength(5);
  });

  it('lists the new partnerships, the exits with achievements and lessons, and the overdue reviews', async () => {
    const { url } = await reportAs(SPO, 'annual report for 2026/27');
    const { html } = await open(url);
    const fresh = visible(between(html, '<h2 id="new">', '<h2 id="exits">'));
    expect(fresh).toContain(`${SCRIPT_NAME} 1 June 2026 Active Medium significance Communities and Health Priya Shah £2,500`);
    expect(fresh).toContain('Town Centre Partnership 10 September 2026 Proposed High significance Communities and Health Kim Osei £40,000');
    expect(fresh).not.toContain('Community Safety');

    const exits = visible(between(html, '<h2 id="exits">', '<h2 id="overdue">'));
    expect(exits).toContain('Arts Trust Partnership Left on 15 September 2026. Objectives partly met.');
    expect(exits).toContain('Run the summer festival: Achieved (three days, 4,000 visitors)');
    expect(exits).toContain('Find a permanent venue: Not achieved');
    expect(exits).toContain('Recognition: Thanks to the volunteers');
    expect(exits).toContain('What worked: Shared the budget from the start');
    expect(exits).toContain('What did not: Meetings were too long');
    expect(exits).toContain('What we would do differently: Agree the exit terms at the start');
    expect(exits).not.toContain('Old Markets');

    const overdue = visible(between(html, '<h2 id="overdue">', '<p class="note">Scores'));
    expect(overdue).toContain('On 20 April 2027:');
    expect(overdue).toContain('Leisure Trust Kim Osei 1 February 2027 78 days');
    expect(overdue).toContain('Community Safety Partnership Priya Shah 1 March 2027 50 days');
    expect(overdue.indexOf('Leisure Trust')).toBeLessThan(overdue.indexOf('Community Safety'));
  });

  it('escapes every name: a partnership called <script> renders as text, inert', async () => {
    const { url } = await reportAs(SPO, 'annual report for 2026/27');
    const { html } = await open(url);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Youth Forum');
  });

  it('"annual report" with no year is this year so far, and says so', async () => {
    const { replies, url } = await reportAs(SPO, 'annual report');
    expect(textsOf(replies)).toContain('Partnerships annual report 2027/28');
    expect(textsOf(replies)).toContain('(the year so far)');
    expect(textsOf(replies)).toContain('Coastal Path Partnership (10 April 2027)');
    const { html } = await open(url);
    expect(visible(html)).toContain('to date (the year is not over yet)');
  });

  it('a year that has not started is explained, with no document', async () => {
    const replies = await bot.chat(SPO).say('annual report for 2030/31');
    expect(textsOf(replies)).toContain('The 2030/31 year has not started yet');
    expect(documentUrlOf(replies)).toBeUndefined();
  });

  // An Assistant Director gets the report for their own areas (test/e2e/governanceCycle.test.ts); an officer none.
  it('an officer is refused with a clear message and gets no link', async () => {
    const replies = await bot.chat(LEAD).say('produce the annual report for last year');
    expect(textsOf(replies)).toContain('Only the Strategic Partnership Officer, Leadership Team and the Assistant Directors (for their own areas) can see the annual report.');
    expect(documentUrlOf(replies)).toBeUndefined();
  });

  it("an Assistant Director's report is for their area, and says so", async () => {
    const { replies, url } = await reportAs(AD, 'produce the annual report for last year');
    expect(textsOf(replies)).toContain('Partnerships annual report 2026/27: Communities and Health');
    const { html } = await open(url);
    expect(visible(between(html, '<p class="meta">', '</p>'))).toContain('For the Assistant Director for Communities and Health.');
  });

  it('asked for in a channel, the report goes to the 1:1 chat', async () => {
    const personal = bot.chat(LEADERSHIP);
    await personal.say('hello');
    const before = connector.sent().length;
    const inChannel = await bot.chat(LEADERSHIP).mention('annual report for 2026/27');
    expect(textsOf(inChannel)).toContain("I've sent it to you in our 1:1 chat");
    expect(JSON.stringify(inChannel)).not.toContain('/api/documents/');
    const sent = connector.sent().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toContain(`/v3/conversations/${personal.conversationId}/activities`);
    const url = documentUrlOf([sent[0]!.body as never])!;
    expect((await open(url)).html).toContain('Partnerships annual report 2026/27');
  });

  it('a forged or expired report link is 404', async () => {
    const { url } = await reportAs(SPO, 'annual report for 2026/27');
    expect((await fetch(withToken(url, 'B'.repeat(43)))).status).toBe(404);
    clock.advanceDays(7.01);
    const expired = await open(url);
    expect(expired.response.status).toBe(404);
    expect(expired.html).not.toContain('Community Safety');
    clock.set(new Date('2027-04-20T09:00:00Z'));
  });
});

function exitDocument(partnershipId: string, partnershipName: string): ExitDocument {
  return {
    id: partnershipId, partnershipId, partnershipName, draftId: `draft-${partnershipId}`, revision: 1, bankId: 'exit-interview', bankVersion: 1, answers: {},
    identification: { leadOfficer: { objectId: LEAD.objectId, name: LEAD.name }, completedBy: { objectId: LEAD.objectId, name: LEAD.name }, completedAt: '2026-09-01T10:00:00Z' },
    exitType: 'planned', reasons: ['aims achieved'],
    objectives: [
      { objective: 'Run the summer festival', result: 'achieved', comment: 'three days, 4,000 visitors' },
      { objective: 'Find a permanent venue', result: 'not' },
    ],
    outcome: 'partly', lessons: { worked: 'Shared the budget from the start', didNotWork: 'Meetings were too long', doDifferently: 'Agree the exit terms at the start' },
    recognition: 'Thanks to the volunteers', liabilities: [], assets: [], contracts: [], remainingRisks: [], followOnActions: [], status: 'signed-off',
  };
}
