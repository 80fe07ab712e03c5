import { describe, expect, it } from 'vitest';
import { textsOf, type BotActivity } from '../support/botHarness.js';
import { documentUrlOf, visible } from '../support/documentLinks.js';
import { parseCsv } from '../support/parseCsv.js';
import { buttonData, type ScriptedAnswer } from '../support/questionnaireDriver.js';
import { closeYearFrom, ratedResponse, respondInChat, seedLedPartnership, STATEMENTS } from '../support/selfAssessmentRun.js';
import { botOnStore } from '../support/storeBot.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { ManualClock } from '../../src/util/clock.js';
import type { SelfAssessment, SelfAssessmentResponse } from '../../src/assessments/selfAssessment.js';

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
  const clock = new ManualClock(new Date('2026-05-10T09:00:00Z'));
  const run = botOnStore(storeKind, { clock }, async ({ bot, chatOf }) => {
    for (const user of [LEAD, SECOND, SPO, AD]) await chatOf(user).say('hello');
    await bot.app.people.setRoles(SPO.objectId, ['spo'], []);
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
  });
  const chatOf = (user: TestUser) => run.chatOf(user);

  const seed = (id: string, name: string) =>
    seedLedPartnership(run.bot, LEAD, id, name, { assistantDirector: { objectId: AD.objectId, name: AD.name }, startDate: '2019-04-01', createdAt: clock.now().toISOString() });
  const respond = (user: TestUser, request: string, script: Record<string, ScriptedAnswer>) => respondInChat(chatOf(user), request, script);
  const close = (replies: BotActivity[], year: string) => closeYearFrom(chatOf(LEAD), replies, year);
  const assessmentOf = async (partnershipId: string, year: string) =>
    (await run.bot.app.store.read<SelfAssessment>({ kind: 'self-assessment', partition: partnershipId, id: year.replace('/', '-') }))?.body;

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

  it('item 1: one officer with C1 not applicable scores exactly 74.4%: shown as 74%, Developing, not 75% Strong', async () => {
    clock.set(new Date('2026-05-10T09:00:00Z'));
    await seed('round-1', 'Rounding Partnership');
    // F 14/21, P 14/21, C 15/18 (C1 not applicable), M 17/21.
    const replies = await respond(LEAD, 'self-assessment for the Rounding Partnership', ratedResponse('2', { C1: 'na', C2: '3', C3: '3', C4: '3', M1: '3', M2: '3', M3: '3' }));
    const closed = await close(replies, '2026/27');
    expect(textsOf(closed)).toContain('Overall: 74% (Developing), 60 / 81 points');
    expect((await run.bot.app.register.get('round-1'))!.latestAssessment).toMatchObject({ percent: 74, band: 'amber' });
  }, 120_000);
  it('item 5: low confidence caps the recommendation and is shown wherever the score is: result card, register, export and annual report', async () => {
    clock.set(new Date('2026-07-01T09:00:00Z'));
    await seed('lc-1', 'Sparse Evidence Partnership');
    // 23 of the 28 statements not applicable, the rest fully in place (F2 and M4 must always be rated).
    const notApplicable = Object.fromEntries(STATEMENTS.filter((id) => !['F1', 'F2', 'P1', 'C1', 'M4'].includes(id)).map((id) => [id, 'na']));
    const replies = await respond(LEAD, 'self-assessment for the Sparse Evidence Partnership', ratedResponse('3', notApplicable));
    const closed = await close(replies, '2026/27');
    const text = textsOf(closed);
    const note = 'Low confidence in every area: more than 2 statements in each were not applicable or not known';
    expect(text).toContain('Overall: 100% (Strong, low confidence)');
    expect(text).toContain(note);
    expect(text).toContain('Recommendation: Continue with an improvement plan');
    expect(text).not.toContain('Recommendation: Continue\n');

    const entry = (await run.bot.app.register.get('lc-1'))!;
    expect(entry.latestAssessment).toMatchObject({ percent: 100, band: 'green', recommendation: 'improve', lowConfidence: note });
    const detail = textsOf(await chatOf(LEAD).say('show the Sparse Evidence Partnership'));
    expect(detail).toContain(`Latest score: 100% (Strong) in 2026/27. ${note}`);
    expect((await exportedRow('Sparse Evidence Partnership'))['Score confidence']).toBe(note);
    expect(await reportRow('2026/27', 'lc-1')).toContain('100% (2026/27, low confidence)');
    expect(await reportSection('2026/27', 'lc-1')).toContain(`Score confidence ${note}`);
  }, 120_000);

  it("item 7: a don't know asks who will find out and by when; evidence gaps and comments reach whoever closes the year, and the annual report", async () => {
    clock.set(new Date('2026-08-03T09:00:00Z'));
    await seed('dk-1', 'Evidence Partnership');
    await chatOf(LEAD).say('add Sam Patel to the Evidence Partnership');
    const leadReplies = await respond(LEAD, 'self-assessment for the Evidence Partnership', { ...ratedResponse('2', { F3: 'dk' }), F1_evidence: 'Terms of reference signed by all five partners in May 2026' });
    await respond(SECOND, 'self-assessment for the Evidence Partnership', ratedResponse('2', { F3: '1', P2: 'dk' }));

    const responses = await run.bot.app.store.query<SelfAssessmentResponse>({ kind: 'sa-response', partition: 'dk-1' });
    const leads = responses.items.map((r) => r.body).find((r) => r.officer.objectId === LEAD.objectId)!;
    expect(leads.actions).toEqual([{ statementId: 'F3', action: 'Find out how far this is in place, and record the evidence', owner: 'Policy officer', due: '2031-06-30', kind: 'find-out' }]);

    const closed = await close(leadReplies, '2026/27');
    const text = textsOf(closed);
    expect(text).toContain("Evidence gaps (don't know)");
    expect(text).toMatch(/It has a governing document .*: not known by Priya Shah; Policy officer will find out by 30 June 2031/);
    expect(text).toMatch(/Each partner's role.*: not known by Sam Patel; Policy officer will find out by 30 June 2031/);
    expect(text).toContain('Evidence and comments');
    expect(text).toMatch(/The partnership's purpose.*: “Terms of reference signed by all five partners in May 2026” \(Priya Shah\); “Evidence for F1” \(Sam Patel\)/);

    const section = await reportSection('2026/27', 'dk-1');
    expect(section).toMatch(/Evidence gaps \(don't know\).*It has a governing document .*: not known by Priya Shah; Policy officer will find out by 30 June 2031/);
    expect(section).toContain('“Terms of reference signed by all five partners in May 2026” (Priya Shah)');
  }, 120_000);
  it('item 4: a stage confirmed in one year belongs to that year: the next year the register, export and report show its own stage', async () => {
    clock.set(new Date('2026-06-01T09:00:00Z'));
    await seed('stage-1', 'Stage Partnership');
    const first = await close(await respond(LEAD, 'self-assessment for the Stage Partnership', ratedResponse('1', {}, { stages: ['failing'] })), '2026/27');
    const confirmed = await chatOf(LEAD).submit({ ...buttonData(first, 'Confirm stage'), stage: 'failing' });
    expect(textsOf(confirmed)).toContain('Stage confirmed for Stage Partnership: Failing');
    expect((await run.bot.app.register.get('stage-1'))!.stage.confirmed).toBe('failing');

    clock.set(new Date('2027-06-02T09:00:00Z'));
    const second = await close(await respond(LEAD, 'self-assessment for the Stage Partnership', ratedResponse('3', {}, { stages: ['flying'] })), '2027/28');
    expect(textsOf(second)).toContain('Suggested life-cycle stage: Flying');
    expect((await run.bot.app.register.get('stage-1'))!.stage).toEqual({ suggested: 'flying' });
    expect(textsOf(await chatOf(LEAD).say('show the Stage Partnership'))).toContain('Life-cycle stage: Flying (suggested)');
    expect((await exportedRow('Stage Partnership'))['Life-cycle stage']).toBe('Flying (suggested)');
    expect(await reportRow('2027/28', 'stage-1')).toContain('Flying (suggested)');

    // Last year's card pressed again changes last year's record, not the register, which shows this year.
    await chatOf(LEAD).submit({ ...buttonData(first, 'Confirm stage'), stage: 'functioning' });
    expect((await assessmentOf('stage-1', '2026/27'))!.stage.confirmed).toBe('functioning');
    expect((await run.bot.app.register.get('stage-1'))!.stage).toEqual({ suggested: 'flying' });
    expect((await run.bot.app.register.get('stage-1'))!.latestAssessment).toMatchObject({ year: '2027/28', recommendation: 'continue' });
  }, 120_000);

  it('item 6: a gap is not "two years running": red in 2023/24, nothing for two years, red in 2026/27; the missing years are reported as missing', async () => {
    clock.set(new Date('2023-05-10T09:00:00Z'));
    await seed('gap-1', 'Gap Year Partnership');
    await close(await respond(LEAD, 'self-assessment for the Gap Year Partnership', ratedResponse('1')), '2023/24');

    clock.set(new Date('2026-05-12T09:00:00Z'));
    const closed = await close(await respond(LEAD, 'self-assessment for the Gap Year Partnership', ratedResponse('1')), '2026/27');
    const text = textsOf(closed);
    expect(text).toContain('Recommendation: Review involvement: Assistant Director decision');
    expect(text).toContain('Overall score is weak (under 50%)');
    expect(text).not.toContain('Weak (under 50%) two years running');
    expect(text).toContain('No self-assessment was closed for 2024/25 or 2025/26, so this is compared with 2023/24, three years earlier.');
    expect((await assessmentOf('gap-1', '2026/27'))!.comparison).toMatchObject({ previousYear: '2023/24', missingYears: ['2024/25', '2025/26'] });

    const history = textsOf(await chatOf(LEAD).say('score history for the Gap Year Partnership'));
    expect(history).toMatch(/2023\/24[\s\S]*2024\/25\nNo self-assessment closed[\s\S]*2025\/26\nNo self-assessment closed[\s\S]*2026\/27/);
    expect(await reportSection('2026/27', 'gap-1')).toContain('No self-assessment was closed for 2024/25 or 2025/26.');
  }, 120_000);
});
