import { describe, expect, it } from 'vitest';
import { ACTION_NOTE_INPUT, ACTION_OUTCOME_INPUT, RISK_INPUTS } from '../../cards/governanceCards.js';
import type { LoggedAction } from '../../src/actions/actionLog.js';
import type { Partnership } from '../../src/partnerships/partnership.js';
import type { RiskRegisterRecord } from '../../src/partnerships/riskRegister.js';
import { ManualClock } from '../../src/util/clock.js';
import { cardsOf, textsOf, type BotActivity } from '../support/botHarness.js';
import { cardProblems } from '../support/cardValidation.js';
import { documentUrlOf, visible } from '../support/documentLinks.js';
import { GOOD, registerPartnership } from '../support/newPartnershipRun.js';
import { parseCsv } from '../support/parseCsv.js';
import { buttonData, fillCard, questionIdsOnCard, type ScriptedAnswer } from '../support/questionnaireDriver.js';
import { ratedResponse, respondInChat } from '../support/selfAssessmentRun.js';
import { botOnStore } from '../support/storeBot.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';

const LEAD = testUser('Priya Shah', 8801);
const KIM = testUser('Kim Osei', 8802);
const SAM = testUser('Sam Patel', 8803);
const AD = testUser('Helen Ward', 8804);
const AD_PLACE = testUser('Omar Reid', 8805);
const SPO = testUser('Jo Bloggs', 8806);
const LEADERSHIP = testUser('Alex Green', 8807);
const NAME = 'Governance Test Partnership';

/** Weak answers (personal data and liabilities not known), a medium significance, one low risk. */
const PROPOSAL: Record<string, ScriptedAnswer> = { ...GOOD, NAME, H1: '2029-03-31', E1: '£5,000', G3: 'unsure', G3b: 'no', E5: 'unsure', E5d: 'Possible grant clawback' };

/** The year's risk review: the financial risk re-rated lower, a new very high reputational risk with its mitigation. */
const RISK_REVIEW: Record<string, ScriptedAnswer> = {
  RR_DO: 'yes', RR_CATS: ['financial', 'reputational'],
  RR_financial_still: 'yes', RR_financial_desc: 'Police funding ends', RR_financial_l: '2', RR_financial_i: '2', RR_financial_controls: 'Annual budget review', RR_financial_adequacy: 'good', RR_financial_rl: '1', RR_financial_ri: '1',
  RR_reputational_still: 'yes', RR_reputational_desc: 'Press criticism of the CCTV plan', RR_reputational_l: '4', RR_reputational_i: '4', RR_reputational_controls: 'None yet', RR_reputational_adequacy: 'poor',
  RR_reputational_rl: '4', RR_reputational_ri: '4', RR_reputational_action: 'Publish a privacy notice and meet residents', RR_reputational_owner: 'Kim Osei', RR_reputational_due: '2027-05-15',
};

/** The exit interview's answers, with one follow-on action owned by someone the bot knows. */
const EXIT: Record<string, ScriptedAnswer> = {
  TYPE: 'achieved', REASONS: ['aims-achieved'], DEC_WHO: 'Cabinet', DEC_DATE: '2027-03-01', DEC_REF: 'Cabinet minute 45/26',
  NOTICE_DATE: '2027-03-01', NOTICE_PERIOD: 'Three months', EXIT_DATE: '2027-03-31', TERMS_FOLLOWED: 'yes',
  OBJECTIVES: [{ objective: 'Run the festival', result: 'achieved', comment: 'Three days' }], OUTCOME: 'met',
  ACHIEVEMENTS: 'A festival each summer', BENEFITS: 'Visitors to the town', HAS_LIAB: 'no', FUNDS: 'None', FINAL_ACCOUNTS: 'yes',
  HAS_ASSETS: 'no', HAS_STAFF: 'no', HAS_CONTRACTS: 'no', HAS_DATA: 'no', RECORDS: 'Communities shared drive, six years', CONTINUES: 'Nothing', IMPACT: 'None expected', EQUALITY: 'yes',
  PARTNERS_TOLD: '2027-03-01', MEMBERS_TOLD: '2027-03-01', PUBLIC_MESSAGE: 'no', COMMS_OWNER: 'Communications team', HAS_RISKS: 'no',
  WORKED: 'Shared the budget', DIDNT: 'Long meetings', DIFFERENTLY: 'Agree the exit terms at the start', ADVICE: 'Name a single lead',
  RECOGNITION: 'A thank-you event', HAS_ACTIONS: 'yes', FOLLOW_ON: [{ action: 'Return the festival bunting', owner: 'Priya Shah', due: '2027-05-01', status: 'not-started' }],
};

describe.each(['sqlite', 'cosmos'] as const)('the governance cycle over HTTP (%s store)', (storeKind) => {
  const clock = new ManualClock(new Date('2027-04-06T09:00:00Z'));
  const handle = botOnStore(storeKind, { clock }, async ({ bot, chatOf }) => {
    for (const user of [LEAD, KIM, SAM, AD, AD_PLACE, SPO, LEADERSHIP]) await chatOf(user).say('hello');
    await bot.app.people.setRoles(SPO.objectId, ['spo'], []);
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
    await bot.app.people.setRoles(AD_PLACE.objectId, ['ad'], ['place']);
    await bot.app.people.setRoles(LEADERSHIP.objectId, ['leadership'], []);
  });
  const state: { partnershipId?: string; exitId?: string; roundId?: string; adReportId?: string; committeeUrl?: string } = {};

  /** Proactive messages the bot sent to a person's 1:1 chat, as text. */
  const sentTo = (user: TestUser) => handle.connector.sent().filter((c) => c.path.includes(`/v3/conversations/${handle.chatOf(user).conversationId}/activities`)).map((c) => JSON.stringify(c.body));
  const log = async (partnershipId: string): Promise<LoggedAction[]> => {
    const page = await handle.bot.app.store.query<LoggedAction>({ kind: 'action', partition: partnershipId, pageSize: 100 });
    return page.items.map((r) => r.body).sort((a, b) => a.number - b.number);
  };
  const partnership = async (id: string) => (await handle.bot.app.register.get(id)) as Partnership;
  const valid = (replies: BotActivity[]) => {
    for (const card of cardsOf(replies)) expect(cardProblems(card)).toEqual([]);
    return replies;
  };
  /** The data of the card element or button whose data matches, as Teams sends it when pressed. */
  const pressed = (replies: BotActivity[], matches: (data: Record<string, unknown>) => boolean): Record<string, unknown> => {
    const found: Array<Record<string, unknown>> = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      const data = (node as Record<string, unknown>)['data'];
      if (typeof data === 'object' && data !== null && matches(data as Record<string, unknown>)) found.push(data as Record<string, unknown>);
      Object.values(node).forEach(walk);
    };
    walk(cardsOf(replies));
    if (!found[0]) throw new Error(`Nothing to press in ${textsOf(replies).slice(0, 300)}`);
    return found[0];
  };

  it('a new partnership: its weak answers are actions for the proposer, and the Assistant Director\'s conditions actions for the lead officer', async () => {
    const { partnership: entry } = await registerPartnership(handle.bot, LEAD, PROPOSAL);
    state.partnershipId = entry.id;
    expect(entry.significance).toBe('medium');
    expect(entry.overallRisk).toBe('low');
    valid(await handle.chatOf(AD).submit({ verb: 'decideProposal', partnershipId: entry.id, decision: 'conditions', revision: 1, approvalConditions: 'Sign the data sharing agreement before any data is shared' }));
    expect((await partnership(entry.id)).status).toBe('active');
    const actions = await log(entry.id);
    expect(actions.filter((a) => a.source === 'new-partnership').length).toBeGreaterThanOrEqual(2);
    expect(actions.at(-1)).toMatchObject({ source: 'approval-condition', text: 'Sign the data sharing agreement before any data is shared' });
    expect(actions.every((a) => a.owner.objectId === LEAD.objectId && a.status === 'open')).toBe(true);
    // With no date of their own, they are due 90 days after they were raised.
    expect(actions[0]!.due).toBe('2027-07-05');
    const listed = valid(await handle.chatOf(LEAD).say(`open actions for ${NAME}`));
    expect(textsOf(listed)).toContain(`Open actions for ${NAME}`);
    expect(textsOf(listed)).toContain(`${actions.length}. Sign the data sharing agreement before any data is shared`);
  });

  it('a self-assessment with a risk review: overall risk and significance change, old values kept, the new very high risk reaches the Assistant Director at once; 0/1 and "don\'t know" become actions', async () => {
    const id = state.partnershipId!;
    const adBefore = sentTo(AD).length;
    const replies = valid(await respondInChat(handle.chatOf(LEAD), `self-assessment for ${NAME}`, { ...ratedResponse('2', { F3: '1', P2: 'dk' }), ...RISK_REVIEW }));
    expect(textsOf(replies)).toContain('Risk review recorded: the overall risk is very high (was low) and its significance high (was medium).');
    expect(textsOf(replies)).toContain('Helen Ward, the Assistant Director, has been told');
    const after = await partnership(id);
    expect(after.overallRisk).toBe('very-high');
    expect(after.significance).toBe('high');
    expect(after.significanceReasons).toContain('its overall risk is high or very high');
    // The old values stay in the history: on the audit trail field by field, and in the risk register's own history.
    const trail = await handle.bot.app.register.auditTrail(id);
    expect(trail.find((e) => e.action === 'partnership.risk-reviewed' && e.changes?.['overallRisk'])?.changes?.['overallRisk']).toEqual({ from: 'low', to: 'very-high' });
    expect(trail.find((e) => e.action === 'partnership.risk-reviewed' && e.changes?.['significance'])?.changes?.['significance']).toEqual({ from: 'medium', to: 'high' });
    const record = (await handle.bot.app.store.read<RiskRegisterRecord>({ kind: 'risk-register', partition: id, id }))!.body;
    expect(record.history.map((h) => [h.overall, h.significance])).toEqual([['low', 'medium'], ['very-high', 'high']]);
    expect(record.risks.find((r) => r.category === 'financial')).toMatchObject({ residualScore: 1, status: 'open' });
    // At once: before the year is closed.
    const toAd = sentTo(AD).slice(adBefore);
    expect(toAd.filter((b) => b.includes('Very high risk: Governance Test Partnership'))).toHaveLength(1);
    expect(toAd.join()).toContain('Press criticism of the CCTV plan');

    // "add a risk to …" between reviews: a high legal risk goes to the Assistant Director too.
    const card = valid(await handle.chatOf(LEAD).say(`add a risk to ${NAME}`));
    const added = valid(await handle.chatOf(LEAD).submit({
      ...buttonData(card, 'Add the risk'),
      [RISK_INPUTS.category]: 'legal', [RISK_INPUTS.description]: 'The agreement may exceed our powers', [RISK_INPUTS.likelihood]: '3', [RISK_INPUTS.impact]: '3',
      [RISK_INPUTS.controls]: 'Legal review booked', [RISK_INPUTS.adequacy]: 'fair', [RISK_INPUTS.residualLikelihood]: '3', [RISK_INPUTS.residualImpact]: '3',
      [RISK_INPUTS.owner]: 'Sam Patel', [RISK_INPUTS.action]: 'Get legal advice on the agreement', [RISK_INPUTS.due]: '2027-04-30',
    }));
    expect(textsOf(added)).toContain('Added: a high legal and governance risk');
    expect(sentTo(AD).slice(adBefore).filter((b) => b.includes('High risk: Governance Test Partnership'))).toHaveLength(1);

    const closed = valid(await handle.chatOf(LEAD).say(`close the self-assessment for ${NAME}`));
    expect(textsOf(closed)).toContain('2 actions from this year\'s ratings are now in the action log');
    const actions = await log(id);
    const byText = (t: string) => actions.find((a) => a.text.includes(t))!;
    // Statements by their words, never their ids.
    expect(byText('It has a governing document (terms of reference, agreement or constit…: Put F3 right')).toMatchObject({ source: 'self-assessment', owner: { objectId: LEAD.objectId }, ownerNamed: 'Partnership manager', due: '2031-03-31' });
    expect(byText("Each partner's role, contribution and responsibilities are clear and …:")).toMatchObject({ source: 'evidence-gap', due: '2031-06-30' });
    expect(byText('Publish a privacy notice')).toMatchObject({ source: 'risk', owner: { objectId: KIM.objectId, name: KIM.name }, due: '2027-05-15' });
    expect(byText('Get legal advice')).toMatchObject({ source: 'risk', owner: { objectId: SAM.objectId } });
    // The recommendation reads the risk as reviewed.
    expect((await partnership(id)).latestAssessment?.recommendation).toBe('review');
  });

  it('an exit: its follow-on actions join the log, owned by the person named', async () => {
    const id = 'exit-arts';
    const by = { objectId: KIM.objectId, name: KIM.name };
    const now = clock.now().toISOString();
    await handle.bot.app.register.createOnce({
      id, name: 'Festival Arts Partnership', purpose: 'Run the festival', partners: [{ name: 'Arts Council', sector: 'public' }], leadOfficer: by, officerIds: [KIM.objectId], ownerId: KIM.objectId,
      serviceArea: 'communities', assistantDirector: { objectId: AD.objectId, name: AD.name }, statutory: false, priorities: [], councilCashPerYear: 2000, significance: 'medium',
      startDate: '2024-04-01', nextReviewDue: '2027-09-30', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now,
    }, by);
    state.exitId = id;
    const chat = handle.chatOf(KIM);
    let replies = await chat.say('exit interview for Festival Arts Partnership');
    for (let step = 0; step < 80 && !JSON.stringify(cardsOf(replies).at(-1) ?? {}).includes('Check your answers'); step++) {
      const card = cardsOf(replies).at(-1)!;
      replies = await chat.submit({ ...buttonData(replies, 'Next'), ...prefilled(card), ...fillCard(questionIdsOnCard(card), EXIT) });
    }
    if (!JSON.stringify(cardsOf(replies).at(-1) ?? {}).includes('Check your answers')) throw new Error(`Stuck at ${questionIdsOnCard(cardsOf(replies).at(-1) ?? {}).join()} ${textsOf(replies).slice(0, 900)}`);
    valid(await chat.submit(buttonData(replies, 'Submit')));
    const actions = await log(id);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ source: 'exit', text: 'Return the festival bunting', owner: { objectId: LEAD.objectId, name: LEAD.name }, due: '2027-05-01' });
  });

  it('"my actions" lists them; one is closed by card with its evidence, one in words; a closed one is not closed twice', async () => {
    const id = state.partnershipId!;
    const mine = valid(await handle.chatOf(LEAD).say('my actions'));
    expect(textsOf(mine)).toContain('My actions');
    expect(textsOf(mine)).toContain('Return the festival bunting');
    const first = (await log(id))[0]!;
    const closeCard = valid(await handle.chatOf(LEAD).submit(pressed(mine, (d) => d['verb'] === 'closeActionCard' && d['actionId'] === first.id)));
    const byCard = valid(await handle.chatOf(LEAD).submit({ ...buttonData(closeCard, 'Close the action'), [ACTION_OUTCOME_INPUT]: 'done', [ACTION_NOTE_INPUT]: 'Data sharing agreement signed, see the minutes of 8 April' }));
    expect(textsOf(byCard)).toContain(`Done: action 1 on ${NAME}`);
    expect(textsOf(byCard)).toContain('on time');
    expect((await log(id))[0]).toMatchObject({ status: 'done', evidence: 'Data sharing agreement signed, see the minutes of 8 April', closedBy: { objectId: LEAD.objectId } });

    // Kim may not close an action she does not own on a partnership she is not named on: told nothing about it.
    const refused = await handle.chatOf(KIM).say(`close action 2 on ${NAME}: done`);
    expect((await log(id))[1]!.status).toBe('open');
    expect(textsOf(refused)).not.toContain('Find out');

    const inWords = valid(await handle.chatOf(LEAD).say(`close action 2 on ${NAME}: liabilities checked with finance on 9 April`));
    expect(textsOf(inWords)).toContain(`Done: action 2 on ${NAME}`);
    expect((await log(id))[1]).toMatchObject({ status: 'done', evidence: 'liabilities checked with finance on 9 April' });
    const again = await handle.chatOf(LEAD).submit({ ...buttonData(closeCard, 'Close the action'), [ACTION_OUTCOME_INPUT]: 'done', [ACTION_NOTE_INPUT]: 'again' });
    expect(textsOf(again)).toContain('was already done');
    const noNote = await handle.chatOf(LEAD).say(`close action 3 on ${NAME}`);
    expect(textsOf(noNote)).toContain('Please say what shows it is done');
    expect((await log(id))[2]!.status).toBe('open');
  });

  it('an annual round with three officers named on one partnership invites all three; "who hasn\'t responded" lists the missing two; the escalation reaches the Assistant Director once', async () => {
    clock.set(new Date('2027-04-07T09:00:00Z'));
    const id = 'round-three';
    const by = { objectId: LEAD.objectId, name: LEAD.name };
    const now = clock.now().toISOString();
    await handle.bot.app.register.createOnce({
      id, name: 'Three Officer Partnership', purpose: 'Joint working', partners: [{ name: 'Essex Police' }], leadOfficer: by, officerIds: [LEAD.objectId, KIM.objectId, SAM.objectId], ownerId: LEAD.objectId,
      serviceArea: 'communities', assistantDirector: { objectId: AD.objectId, name: AD.name }, statutory: false, priorities: [], councilCashPerYear: 1000, significance: 'medium',
      startDate: '2024-04-01', nextReviewDue: '2027-06-30', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now,
    }, by);
    const before = { lead: sentTo(LEAD).length, kim: sentTo(KIM).length, sam: sentTo(SAM).length };
    const started = valid(await handle.chatOf(SPO).say('start the annual round'));
    expect(textsOf(started)).toContain('The 2027/28 annual round has started');
    for (const [user, count] of [[LEAD, before.lead], [KIM, before.kim], [SAM, before.sam]] as const) {
      expect(sentTo(user).slice(count).filter((b) => b.includes('self-assessment of **Three Officer Partnership**'))).toHaveLength(1);
    }
    valid(await respondInChat(handle.chatOf(LEAD), 'self-assessment for Three Officer Partnership', ratedResponse('2')));
    const who = valid(await handle.chatOf(LEAD).say("who hasn't responded for Three Officer Partnership"));
    const text = textsOf(who);
    expect(text).toContain('Not yet responded: Kim Osei, Sam Patel');
    expect(text).toContain('Responded: Priya Shah');
    expect(text).toContain('33% returned');
    // An officer on it who does not lead it may not ask.
    expect(textsOf(await handle.chatOf(KIM).say("who hasn't responded for Three Officer Partnership"))).toContain('Only the lead officer of Three Officer Partnership');

    // A fortnight in, the two are reminded; at 28 days the Assistant Director hears, once.
    clock.set(new Date('2027-04-22T08:00:00Z'));
    const kimBefore = sentTo(KIM).length;
    const adBefore = sentTo(AD).length;
    await handle.bot.app.reminders.run();
    expect(sentTo(KIM).slice(kimBefore).filter((b) => b.includes('still waiting for your response'))).toHaveLength(1);
    expect(sentTo(AD).slice(adBefore).filter((b) => b.includes('returns missing'))).toHaveLength(0);
    clock.set(new Date('2027-05-05T08:00:00Z'));
    await handle.bot.app.reminders.run();
    await handle.bot.app.reminders.run();
    clock.set(new Date('2027-05-12T08:00:00Z'));
    await handle.bot.app.reminders.run();
    const escalations = sentTo(AD).slice(adBefore).filter((b) => b.includes('Self-assessment returns missing: Three Officer Partnership'));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toContain('Kim Osei, Sam Patel');
  });

  it('an overdue action is reminded to its owner and, past 30 days, raised with the Assistant Director exactly once; counts on the detail card, the export and the report', async () => {
    const exitAction = (await log(state.exitId!))[0]!;
    // 4 days overdue on 5 May (the run above): Priya was reminded.
    expect(sentTo(LEAD).filter((b) => b.includes('Overdue action: Festival Arts Partnership'))).not.toHaveLength(0);
    expect(sentTo(AD).filter((b) => b.includes('Action overdue by'))).toHaveLength(0);
    // 30 days overdue: not yet more than the threshold.
    clock.set(new Date('2027-05-31T08:00:00Z'));
    await handle.bot.app.reminders.run();
    expect(sentTo(AD).filter((b) => b.includes('Action overdue by') && b.includes('Festival Arts Partnership'))).toHaveLength(0);
    // 31 days overdue: more than the 30 days.
    clock.set(new Date('2027-06-01T08:00:00Z'));
    const summary = await handle.bot.app.reminders.run();
    expect(summary.escalated).toBeGreaterThanOrEqual(1);
    await handle.bot.app.reminders.run();
    clock.set(new Date('2027-06-20T08:00:00Z'));
    await handle.bot.app.reminders.run();
    const raised = sentTo(AD).filter((b) => b.includes('Action overdue by') && b.includes('Festival Arts Partnership'));
    expect(raised).toHaveLength(1);
    expect(raised[0]).toContain('Return the festival bunting');
    expect((await log(state.exitId!))[0]!.escalatedAt).toBeDefined();
    expect(exitAction.status).toBe('open');

    // Governance Test Partnership: 2 done on time, the rest open; Kim's and Sam's risk actions overdue.
    const open = (await log(state.partnershipId!)).filter((a) => a.status === 'open').length;
    expect(open).toBe(6);
    const detail = textsOf(valid(await handle.chatOf(LEAD).say(`show ${NAME}`)));
    expect(detail).toContain('Actions: 6 open (2 overdue); 2 done; 50% done on time');
    expect(detail).toContain('Worsening: Low to Very high');

    const exported = valid(await handle.chatOf(SPO).say('export the register'));
    const csv = parseCsv(await (await fetch(documentUrlOf(exported)!)).text());
    const header = csv[0]!;
    const row = csv.find((r) => r[0] === NAME)!;
    expect(row[header.indexOf('Open actions')]).toBe('6');
    expect(row[header.indexOf('Overdue actions')]).toBe('2');
    expect(row[header.indexOf('Actions done on time (%)')]).toBe('50');

    const report = valid(await handle.chatOf(SPO).say('annual report'));
    expect(textsOf(report)).toContain('Actions:');
    const html = await (await fetch(documentUrlOf(report)!)).text();
    const actionsSection = visible(html.slice(html.indexOf('<h2 id="actions">')));
    expect(actionsSection).toContain(`${NAME} 6 2 2 50%`);
    expect(actionsSection).toContain('Three Officer Partnership');
    expect(actionsSection).toContain('1 of 3 (33%)');
  });

  it('reports kept: an Assistant Director opens their area\'s report and not another area\'s; the committee report has every section; a March report opens again in June after its link expired', async () => {
    clock.set(new Date('2028-03-10T10:00:00Z'));
    const areaReport = valid(await handle.chatOf(AD).say('annual report'));
    expect(textsOf(areaReport)).toContain('Partnerships annual report 2027/28: Communities and Health');
    const kept = await handle.bot.app.store.query<{ id: string; areas?: string[]; kind: string; producedBy: { name: string } }>({ kind: 'report', partition: 'reports', pageSize: 100 });
    const adReport = kept.items.map((r) => r.body).find((r) => r.areas?.includes('communities'))!;
    expect(adReport.producedBy.name).toBe(AD.name);
    state.adReportId = adReport.id;
    // Another area's Assistant Director: told the same as for a report that does not exist.
    const otherArea = await handle.chatOf(AD_PLACE).submit({ verb: 'openReport', reportId: adReport.id });
    expect(textsOf(otherArea)).toContain("I couldn't find that report among the ones you can open");
    expect(documentUrlOf(otherArea)).toBeUndefined();
    expect(textsOf(await handle.chatOf(AD_PLACE).say('list reports'))).not.toContain('Communities and Health');

    const committee = valid(await handle.chatOf(SPO).say('committee report for the Audit and Governance Committee on 20 March 2028'));
    expect(textsOf(committee)).toContain('Partnerships report to the governance committee 2027/28 (Audit and Governance Committee on 20 March 2028)');
    state.committeeUrl = documentUrlOf(committee)!;
    const html = await (await fetch(state.committeeUrl)).text();
    for (const [id, title] of [
      ['significant', 'Significant partnerships and their assurance rating'], ['remedial', 'Remedial actions and their progress'], ['resources', 'Resources committed'],
      ['changes', 'Partnerships added and removed'], ['exits', 'Exits and their lessons'], ['overdue-returns', 'Overdue returns'],
    ]) expect(html).toContain(`<h2 id="${id}">${title}</h2>`);
    const text = visible(html);
    expect(text).toContain('For members: Audit and Governance Committee on 20 March 2028.');
    expect(text).toMatch(new RegExp(`${NAME} Communities and Health Priya Shah .* Very high Limited`));
    expect(text).toContain('Publish a privacy notice and meet residents');
    expect(text).toContain('Kim Osei, Sam Patel');
    expect(text).toContain('Total £');
    expect(textsOf(await handle.chatOf(AD).say('committee report'))).toContain('Only the Strategic Partnership Officer can produce the report for the governance committee');

    // June: the March links have expired; the kept copies open again.
    clock.set(new Date('2028-06-15T10:00:00Z'));
    expect((await fetch(state.committeeUrl)).status).toBe(404);
    const list = valid(await handle.chatOf(SPO).say('list reports'));
    expect(textsOf(list)).toContain('Partnerships report to the governance committee 2027/28');
    expect(textsOf(list)).toContain('Produced by Jo Bloggs on 10 March 2028 for Audit and Governance Committee on 20 March 2028.');
    const reopened = valid(await handle.chatOf(SPO).submit(pressed(list, (d) => d['verb'] === 'openReport' && d['reportId'] !== adReport.id)));
    const again = await fetch(documentUrlOf(reopened)!);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(html);
    const mine = valid(await handle.chatOf(AD).submit({ verb: 'openReport', reportId: adReport.id }));
    expect((await fetch(documentUrlOf(mine)!)).status).toBe(200);
    expect(textsOf(await handle.chatOf(LEADERSHIP).say('list reports'))).toContain('Communities and Health');
    expect(textsOf(await handle.chatOf(LEAD).say('list reports'))).toContain('Only the Strategic Partnership Officer, Leadership Team and the Assistant Directors can list the reports');
  });
});

/** What Teams sends back for inputs the bot filled in: their values, unchanged. */
function prefilled(card: Record<string, unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (typeof element['type'] === 'string' && (element['type'] as string).startsWith('Input.') && typeof element['id'] === 'string' && element['value'] !== undefined) inputs[element['id'] as string] = element['value'];
    Object.values(element).forEach(walk);
  };
  walk(card['body']);
  return inputs;
}
