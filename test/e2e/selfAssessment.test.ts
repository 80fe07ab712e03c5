import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProblems } from '../support/cardValidation.js';
import { cardsOf, startTestBot, textsOf, type BotActivity, type TestBot, type TestChat } from '../support/botHarness.js';
import { buttonData, type ScriptedAnswer } from '../support/questionnaireDriver.js';
import { closeYearFrom, ratedResponse, respondInChat } from '../support/selfAssessmentRun.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { ManualClock } from '../../src/util/clock.js';
import type { Partnership } from '../../src/partnerships/partnership.js';
import type { SelfAssessment, SelfAssessmentResponse } from '../../src/assessments/selfAssessment.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';

const response = ratedResponse;

const LEAD = testUser('Priya Shah', 5001);
const SECOND = testUser('Sam Patel', 5002);
const SPO = testUser('Jo Bloggs', 5003);
const AD = testUser('Helen Ward', 5004);

describe.each(['sqlite', 'cosmos'] as const)('the annual self-assessment, over HTTP (%s store)', (storeKind) => {
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

  async function seedPartnership(id: string, name: string, extra: Partial<Partnership> = {}): Promise<Partnership> {
    const now = clock.now().toISOString();
    const partnership: Partnership = {
      id, name, purpose: `The ${name}`, partners: [{ name: 'Essex Police' }], leadOfficer: { objectId: LEAD.objectId, name: LEAD.name },
      officerIds: [LEAD.objectId], ownerId: LEAD.objectId, serviceArea: 'communities', assistantDirector: { objectId: AD.objectId, name: AD.name },
      statutory: false, priorities: [], councilCashPerYear: 5000, significance: 'medium', overallRisk: 'low', startDate: '2023-04-01',
      nextReviewDue: '2026-06-30', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now, ...extra,
    };
    await bot.app.register.createOnce(partnership, { objectId: SPO.objectId, name: SPO.name });
    return partnership;
  }

  /** Starts (or resumes) with a typed request, answers every card, submits; returns the replies to Submit. */
  const respond = (user: TestUser, request: string, script: Record<string, ScriptedAnswer>): Promise<BotActivity[]> => respondInChat(chatOf(user), request, script);
  const closeYear = (user: TestUser, replies: BotActivity[], year: string): Promise<BotActivity[]> => closeYearFrom(chatOf(user), replies, year);

  const assessmentOf = async (partnershipId: string, year: string) =>
    (await bot.app.store.read<SelfAssessment>({ kind: 'self-assessment', partition: partnershipId, id: year.replace('/', '-') }))?.body;

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

  it('three years for one partnership: scores, a year-on-year comparison with trend, stage confirmed, register updated', async () => {
    const csp = await seedPartnership('csp-1', 'Community Safety Partnership');

    // Year one: found by its initials; mostly "2", F1 not in place (an action is asked for).
    const first = await respond(LEAD, 'self-assessment for CSP', response('2', { F1: '0', M3: '1' }, { stages: ['functioning'] }));
    expect(textsOf(first)).toContain('Provisional: 1 response so far');
    const closed1 = await closeYear(LEAD, first, '2026/27');
    const text1 = textsOf(closed1);
    expect(text1).toContain('Overall: 63% (Developing), 53 / 84 points');
    expect(text1).toContain('Suggested life-cycle stage: Functioning');
    expect(text1).toContain('Recommendation: Continue with an improvement plan');
    expect(text1).toContain('Next review due: 10 May 2027');
    expect(text1).toMatch(/The partnership's purpose and aims are written down and understood .*: Put F1 right \(Partnership manager, by 31 March 2031\)/);

    // The officer changes the suggested stage; both are kept.
    const confirmed = await chatOf(LEAD).submit({ ...buttonData(closed1, 'Confirm stage'), stage: 'forming' });
    expect(textsOf(confirmed)).toContain('Stage confirmed for Community Safety Partnership: Forming (changed from the suggested Functioning)');

    let entry = (await bot.app.register.get(csp.id))!;
    expect(entry.nextReviewDue).toBe('2027-05-10');
    expect(entry.stage).toEqual({ suggested: 'functioning', confirmed: 'forming' });
    expect(entry.latestAssessment).toMatchObject({ year: '2026/27', percent: 63, band: 'amber', recommendation: 'improve' });
    const year1 = (await assessmentOf(csp.id, '2026/27'))!;
    expect(year1.status).toBe('closed');
    expect(year1.stage).toMatchObject({ stage: 'functioning', confirmed: 'forming' });
    expect(year1.actions).toHaveLength(2);

    // Year two, a year later, asked for with a typo: better everywhere, F1 up by 2.
    clock.set(new Date('2027-05-12T09:00:00Z'));
    const second = await respond(LEAD, 'annual review of the Comunity Safty Partnership', response('3', { F1: '2', C4: 'na' }, { stages: ['functioning', 'flying'] }));
    const closed2 = await closeYear(LEAD, second, '2027/28');
    const text2 = textsOf(closed2);
    expect(text2).toContain('Compared with 2026/27');
    expect(text2).toMatch(/Overall: 99% \(Strong\), 80 \/ 81 points, \+36 improved since 2026\/27/);
    expect(text2).toContain('Statements that moved by 2 or more');
    expect(text2).toMatch(/The partnership's purpose .*: 0 → 2/);
    expect(text2).toMatch(/: 1 → 3/);
    expect(text2).toContain('Recommendation: Continue');
    const chart = JSON.stringify(cardsOf(closed2).at(-1));
    expect(chart).toContain('"legend":"2026/27"');
    expect(chart).toContain('"legend":"2027/28"');

    // Year three, declining: the card carries three years and still validates under the size limit.
    clock.set(new Date('2028-05-15T09:00:00Z'));
    const third = await respond(LEAD, 'self-assessment for the community safety partnership', response('2', { P3: '0', P4: '1' }));
    const closed3 = await closeYear(LEAD, third, '2028/29');
    const card3 = cardsOf(closed3).at(-1)!;
    expect(cardProblems(card3)).toEqual([]);
    const json3 = JSON.stringify(card3);
    for (const year of ['2026/27', '2027/28', '2028/29']) expect(json3).toContain(`"legend":"${year}"`);
    expect(textsOf(closed3)).toContain('declined since 2027/28');

    const history = await bot.app.store.query<SelfAssessment>({ kind: 'self-assessment', partition: csp.id, orderBy: { field: 'year' } });
    expect(history.items.map((r) => [r.body.year, r.body.status, r.body.comparison?.overall.trend])).toEqual([
      ['2026/27', 'closed', undefined],
      ['2027/28', 'closed', 'improved'],
      ['2028/29', 'closed', 'declined'],
    ]);
    entry = (await bot.app.register.get(csp.id))!;
    expect(entry.latestAssessment).toMatchObject({ year: '2028/29', trend: 'declined' });
    const audit = await bot.app.register.auditTrail(csp.id);
    expect(audit.filter((e) => e.action === 'self-assessment.closed')).toHaveLength(3);
    expect(audit.filter((e) => e.action === 'self-assessment.response-submitted')).toHaveLength(3);
    expect(audit.some((e) => e.action === 'self-assessment.stage-confirmed')).toBe(true);
  }, 120_000);

  it('two officers respond in one year: ratings are averaged, "views differ" is flagged, and the lead closes it', async () => {
    clock.set(new Date('2026-06-01T09:00:00Z'));
    const forum = await seedPartnership('yf-1', 'Youth Forum');

    // Sam is not named on it yet.
    const refused = await chatOf(SECOND).say('self-assessment for the Youth Forum');
    expect(textsOf(refused)).toContain('among the ones you can see');
    const added = await chatOf(LEAD).say('add Sam Patel to the Youth Forum');
    expect(textsOf(added)).toContain('Sam Patel is now named on Youth Forum');

    const leadReplies = await respond(LEAD, 'self-assessment for the Youth Forum', response('2', { P5: '3' }));
    const before = connector.sent().length;
    const samReplies = await respond(SECOND, 'self-assessment for youth forum', response('2', { P5: '1' }));
    expect(textsOf(samReplies)).toContain('Priya Shah, the lead officer, will close the 2026/27 assessment');
    expect(textsOf(samReplies)).toContain('Provisional: 2 responses so far');
    // The lead officer is told proactively.
    const told = connector.sent().slice(before).map((c) => JSON.stringify(c.body));
    expect(told.some((b) => b.includes('Sam Patel has responded to the 2026/27 self-assessment'))).toBe(true);
    // Sam cannot close it.
    expect(textsOf(await chatOf(SECOND).say('close the self-assessment for the youth forum'))).toContain('Only the lead officer of Youth Forum');

    const closed = await closeYear(LEAD, leadReplies, '2026/27');
    const text = textsOf(closed);
    expect(text).toContain('Responses from Priya Shah, Sam Patel');
    expect(text).toContain('Views differ');
    expect(text).toMatch(/Partners trust each other.*\(ratings 3, 1\)/);

    const assessment = (await assessmentOf(forum.id, '2026/27'))!;
    expect(assessment.viewsDiffer).toEqual(['P5']);
    expect(assessment.statements['P5']).toMatchObject({ mean: 2, viewsDiffer: true });
    const responses = await bot.app.store.query<SelfAssessmentResponse>({ kind: 'sa-response', partition: forum.id });
    expect(responses.items.map((r) => r.body.officer.name).sort()).toEqual(['Priya Shah', 'Sam Patel']);
    expect(responses.items.every((r) => Object.keys(r.body.ratings).length === 28)).toBe(true);
  }, 120_000);

  it('aims achieved: recommends planning the exit, celebrates, and offers the exit interview', async () => {
    clock.set(new Date('2026-07-01T09:00:00Z'));
    await seedPartnership('tc-1', 'Town Centre Partnership');
    const replies = await respond(LEAD, 'self-assessment for town centre partnership', response('3', {}, { stages: ['flying'], aimsDone: true }));
    const closed = await closeYear(LEAD, replies, '2026/27');
    const text = textsOf(closed);
    expect(text).toContain('Recommendation: Plan exit');
    expect(text).toContain('Well done: the partnership achieved what it set out to do');
    expect(text).toContain('Suggested life-cycle stage: Flying');
    expect(buttonData(closed, 'Start the exit interview')).toEqual({ verb: 'say', command: 'exit interview for Town Centre Partnership' });

    // Pressing it starts the exit interview, which already knows the score.
    const exit = await chatOf(LEAD).submit(buttonData(closed, 'Start the exit interview'));
    expect(textsOf(exit)).toContain('the latest self-assessment score (100%, Strong, 2026/27)');
    // Starting it commits nobody: the register says exiting only once the interview is submitted (issue 17).
    expect((await bot.app.register.get('tc-1'))!.status).toBe('active');
  }, 120_000);

  it('a failing partnership: review by the Assistant Director, who is told; confirming "failing" turns it into plan exit', async () => {
    clock.set(new Date('2026-08-01T09:00:00Z'));
    const failing = await seedPartnership('lsp-1', 'Local Strategic Partnership (LSP)');
    const replies = await respond(LEAD, 'self-assessment for LSP', response('1', { F1: '0', P3: '0' }, { stages: ['failing'] }));
    const before = connector.sent().length;
    const closed = await closeYear(LEAD, replies, '2026/27');
    expect(textsOf(closed)).toContain('Recommendation: Review involvement: Assistant Director decision');
    expect(textsOf(closed)).toContain('Suggested life-cycle stage: Failing');
    const toDirector = connector.sent().slice(before).map((c) => JSON.stringify(c.body));
    expect(toDirector.some((b) => b.includes('Review involvement'))).toBe(true);

    const confirmed = await chatOf(LEAD).submit({ ...buttonData(closed, 'Confirm stage'), stage: 'failing' });
    expect(textsOf(confirmed)).toContain('Recommendation: Plan exit');
    expect(buttonData(confirmed, 'Start the exit interview')).toEqual({ verb: 'say', command: 'exit interview for Local Strategic Partnership (LSP)' });
    expect((await bot.app.register.get(failing.id))!.latestAssessment?.recommendation).toBe('exit');

    // A forged stage is refused with a clear message, and nothing changes.
    const forged = await chatOf(LEAD).submit({ ...buttonData(closed, 'Confirm stage'), stage: 'soaring' });
    expect(textsOf(forged)).toContain('Please choose one of the five stages');
    expect((await bot.app.register.get(failing.id))!.stage.confirmed).toBe('failing');
  }, 120_000);

  it('the SPO starts the annual round: lead officers are invited proactively and partnerships go under review', async () => {
    clock.set(new Date('2027-04-20T09:00:00Z'));
    await seedPartnership('round-1', 'Allotment Society Partnership');
    expect(textsOf(await chatOf(LEAD).say('start the annual round'))).toContain('Only the Strategic Partnership Officer');
    const before = connector.sent().length;
    const reply = await chatOf(SPO).say('start the annual round');
    expect(textsOf(reply)).toMatch(/The 2027\/28 annual round has started: \d+ officers? named on \d+ partnerships? invited/);
    const invitations = connector.sent().slice(before).map((c) => JSON.stringify(c.body));
    expect(invitations.some((b) => b.includes("It's time for the 2027/28 self-assessment of **Allotment Society Partnership**"))).toBe(true);
    expect((await bot.app.register.get('round-1'))!.status).toBe('under-review');
    // The invitation's button starts it.
    const start = await chatOf(LEAD).say('self-assessment for Allotment Society Partnership');
    expect(textsOf(start)).toContain("Let's do the 2027/28 self-assessment for Allotment Society Partnership");
  }, 120_000);
});
