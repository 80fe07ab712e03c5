import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProblems } from '../support/cardValidation.js';
import { cardsOf, startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { buttonData, fillCard, questionIdsOnCard, readDraft, type ScriptedAnswer } from '../support/questionnaireDriver.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import type { Partnership } from '../../src/partnerships/partnership.js';
import type { ExitDocument } from '../../src/partnerships/exitDocument.js';
import type { LatestScore } from '../../src/partnerships/latestScoreSource.js';

const AD = testUser('Helen Ward', 6001);
const DAY = 24 * 60 * 60 * 1000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** Two and a half years ago: three years of council cash, counting the part year. */
const STARTED = isoDay(new Date(Date.now() - 912 * DAY));
const DECIDED = isoDay(new Date(Date.now() - 20 * DAY));
const EXIT_DATE = '2027-03-31';

const OBJECTIVES_MET = [
  { objective: 'Reduce anti-social behaviour in the district', result: 'achieved', comment: 'Incidents fell by a third' },
  { objective: 'Shared patrols and data', result: 'achieved', comment: 'Weekly joint patrols' },
  { objective: 'Earlier youth outreach', result: 'partly', comment: 'Only in Rayleigh' },
];

/** An exit after the objectives were met, answered on the cards. */
const MET: Record<string, ScriptedAnswer> = {
  TYPE: 'achieved', REASONS: ['aims-achieved', 'funding-ended'],
  DEC_WHO: 'Cabinet', DEC_DATE: DECIDED, DEC_REF: 'Cabinet minute 45/26',
  NOTICE_DATE: DECIDED, NOTICE_PERIOD: 'Three months', EXIT_DATE, TERMS_FOLLOWED: 'yes',
  OBJECTIVES: OBJECTIVES_MET, OUTCOME: 'met',
  ACHIEVEMENTS: 'Anti-social behaviour down by a third', BENEFITS: 'Residents of Rayleigh feel safer',
  HAS_LIAB: 'yes', LIABILITIES: [{ what: 'Final invoice for CCTV', amount: '£2,400', owner: 'Finance', settleBy: '2027-02-28' }],
  FUNDS: 'None', FINAL_ACCOUNTS: 'yes',
  HAS_ASSETS: 'yes', ASSETS: [{ item: 'Two CCTV cameras', owner: 'The council', disposal: 'Transfer to Essex Police', date: '2027-03-31' }],
  HAS_STAFF: 'yes', STAFF: 'One seconded officer returns to Communities', TUPE: 'no', HR_CONSULTED: 'yes',
  HAS_CONTRACTS: 'yes', CONTRACTS: [{ contract: 'CCTV maintenance', action: 'transfer', to: 'Essex Police', by: '2027-03-31' }], LEGAL_ADVICE: 'yes',
  HAS_DATA: 'yes', DATA_RETURNED: 'yes', DSA_ENDED: 'yes', RECORDS: 'Communities shared drive, six years',
  CONTINUES: 'Police continue the patrols', IMPACT: 'None expected', EQUALITY: 'yes',
  PARTNERS_TOLD: DECIDED, MEMBERS_TOLD: DECIDED, PUBLIC_MESSAGE: 'yes', COMMS_OWNER: 'Communications team',
  HAS_RISKS: 'yes', RISKS: [{ risk: 'Patrols lapse', owner: 'Essex Police', action: 'Quarterly check-in' }],
  WORKED: 'Shared data', DIDNT: 'Slow decisions at the start', DIFFERENTLY: 'Agree a data sharing agreement first', ADVICE: 'Name a single lead',
  RECOGNITION: 'Thank-you letter from the Leader and a newsletter feature',
  HAS_ACTIONS: 'yes', FOLLOW_ON: [{ action: 'Pay the final CCTV invoice', owner: 'Finance', due: '2027-02-28', status: 'not-started' }],
};

/** An exit after it did not work, skipping everything that does not apply. */
const FAILED: Record<string, ScriptedAnswer> = {
  ...MET,
  TYPE: 'withdraw', REASONS: ['poor-results', 'governance'],
  OBJECTIVES: [
    { objective: 'Youth voice in council decisions', result: 'not', comment: 'Few young people came' },
    { objective: 'A youth council by 2026', result: 'not', comment: 'Never formed' },
  ],
  OUTCOME: 'not-met', ACHIEVEMENTS: 'Two consultation events', BENEFITS: 'Little for residents',
  HAS_LIAB: 'no', HAS_ASSETS: 'no', HAS_STAFF: 'no', HAS_CONTRACTS: 'no', HAS_DATA: 'no', HAS_RISKS: 'no', HAS_ACTIONS: 'no',
  WORKED: 'The first consultation event', DIDNT: 'Schools were not involved, so few young people came',
  DIFFERENTLY: 'Bring schools in as partners from the start', RECOGNITION: undefined as unknown as string,
};

describe('the exit interview', () => {
  let bot: TestBot;
  let connector: StubConnector;
  let officerNumber = 6100;
  const scores = new Map<string, LatestScore>();

  beforeAll(async () => {
    connector = await startStubConnector();
    bot = await startTestBot({ serviceUrl: connector.serviceUrl, latestScores: { latestScore: async (id) => scores.get(id) } });
    await bot.chat(AD, 'a:ad-exit-chat').say('hello');
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
  }, 120_000);
  afterAll(async () => {
    await bot.close();
    await connector.close();
  });

  /** An active partnership in the register, its objectives recorded one each (issue 17: never taken from prose). */
  async function seed(name: string, objectives: { A1: string; B1: string; A3?: string }, recorded = true): Promise<{ officer: TestUser; partnership: Partnership }> {
    const officer = testUser(`Officer ${officerNumber}`, ++officerNumber);
    await bot.chat(officer).say('hi');
    const by = { objectId: officer.objectId, name: officer.name };
    const id = `p-${officerNumber}`;
    const now = new Date().toISOString();
    const partnership: Partnership = {
      id, name, purpose: objectives.A1, ...(recorded ? { objectives: [objectives.A1, objectives.B1, objectives.A3 ?? ''].filter(Boolean) } : {}), partners: [{ name: 'Essex Police', sector: 'public' }, { name: 'Rochford CVS', sector: 'voluntary' }],
      leadOfficer: by, officerIds: [officer.objectId], ownerId: officer.objectId, serviceArea: 'communities',
      assistantDirector: { objectId: AD.objectId, name: AD.name }, statutory: false, priorities: ['communities'], councilCashPerYear: 15000,
      significance: 'high', startDate: STARTED, nextReviewDue: '2027-01-31', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now,
    };
    await bot.app.register.createOnce(partnership, by);
    await bot.app.register.saveAssessmentOnce({
      id, partnershipId: id, bankId: 'new-partnership', bankVersion: 1, answers: objectives, outcome: 'green', reasons: [], actions: [], risks: [], riskCounts: {},
      significance: 'high', significanceReasons: [], submittedBy: by, submittedAt: now,
    });
    return { officer, partnership };
  }

  /** Answers every card as a person would: what the bot filled in is sent back as it was, the script changes the rest. */
  async function answerCards(chat: { submit(v: Record<string, unknown>): Promise<BotActivity[]> }, first: BotActivity[], script: Record<string, ScriptedAnswer>) {
    let replies = first;
    const asked: string[] = [];
    for (let step = 0; step < 80; step++) {
      for (const card of cardsOf(replies)) expect(cardProblems(card)).toEqual([]);
      const card = cardsOf(replies).at(-1);
      if (!card) throw new Error(`No card: ${textsOf(replies)}`);
      if (JSON.stringify(card).includes('Check your answers')) return { summary: replies, asked };
      const ids = questionIdsOnCard(card);
      asked.push(...ids);
      replies = await chat.submit({ ...buttonData(replies, 'Next'), ...prefilledInputs(card), ...fillCard(ids, script) });
      const again = cardsOf(replies).at(-1);
      if (again && questionIdsOnCard(again).join() === ids.join() && JSON.stringify(again).includes('"color":"Attention"')) {
        throw new Error(`Re-asked ${ids.join(', ')}: ${textsOf(replies).slice(0, 400)}`);
      }
    }
    throw new Error('Did not reach the summary');
  }

  async function submitAndRead(chat: { submit(v: Record<string, unknown>): Promise<BotActivity[]> }, summary: BotActivity[], partnershipId: string) {
    const result = await chat.submit(buttonData(summary, 'Submit'));
    for (const card of cardsOf(result)) expect(cardProblems(card)).toEqual([]);
    const document = (await bot.app.register.exitDocument(partnershipId))!;
    return { result, document };
  }

  it('an exit after the objectives were met: prefilled facts confirmed, recognition recorded, the Assistant Director signs off and the partnership closes', async () => {
    const { officer, partnership } = await seed('Rochford Community Safety Partnership', {
      A1: 'Reduce anti-social behaviour in the district', B1: 'Shared patrols and data', A3: 'Earlier youth outreach',
    });
    scores.set(partnership.id, { year: '2025/26', overallPercent: 78, band: 'Good' });
    const chat = bot.chat(officer);
    const opening = await chat.say('exit interview for Rochford Community Safety Partnership');
    const intro = textsOf(opening);
    expect(intro).toContain("Let's do the exit interview for Rochford Community Safety Partnership");
    expect(intro).toContain('the partners (Essex Police, Rochford CVS)');
    expect(intro).toContain('about £45,000 over 3 years');
    expect(intro).toContain('the 3 objectives recorded on the register');
    expect(intro).toContain('78%, Good, 2025/26');
    // Starting commits nobody: the register says exiting only once the interview is submitted.
    expect(intro).toContain('stays *active* in the register until you submit the interview');
    expect((await bot.app.register.get(partnership.id))?.status).toBe('active');

    const { summary, asked } = await answerCards(chat, opening, MET);
    expect(asked).toEqual(expect.arrayContaining(['PARTNERS', 'OBJECTIVES', 'TOTAL', 'ASSETS', 'STAFF', 'RECOGNITION']));
    expect(asked).not.toContain('RECOGNITION_ANYWAY');
    const before = connector.sent().length;
    const { result, document } = await submitAndRead(chat, summary, partnership.id);
    expect(textsOf(result)).toContain('Exit interview submitted');
    expect(textsOf(result)).toContain('Helen Ward, the Assistant Director, has been asked to sign off the exit');
    expect((await bot.app.register.get(partnership.id))?.status).toBe('exiting');
    // The detail card says what it waits for.
    expect(textsOf(await chat.say('tell me about Rochford Community Safety Partnership'))).toContain('Waiting for: Helen Ward to sign off its exit');

    // The exit document reads back complete from storage.
    expect(document).toMatchObject<Partial<ExitDocument>>({
      partnershipId: partnership.id, partnershipName: 'Rochford Community Safety Partnership', revision: 1, status: 'awaiting-sign-off',
      exitType: 'achieved', reasons: ['aims-achieved', 'funding-ended'], outcome: 'met', totalContribution: 45000, effectiveExitDate: EXIT_DATE,
      recognition: 'Thank-you letter from the Leader and a newsletter feature',
      lessons: { worked: 'Shared data', didNotWork: 'Slow decisions at the start', doDifferently: 'Agree a data sharing agreement first', advice: 'Name a single lead' },
      latestScore: { year: '2025/26', overallPercent: 78, band: 'Good' },
      liabilities: [{ what: 'Final invoice for CCTV', amount: 2400, owner: 'Finance', settleBy: '2027-02-28' }],
      assets: [{ item: 'Two CCTV cameras', owner: 'The council', disposal: 'Transfer to Essex Police', date: '2027-03-31' }],
      contracts: [{ contract: 'CCTV maintenance', action: 'transfer', to: 'Essex Police', by: '2027-03-31' }],
      remainingRisks: [{ risk: 'Patrols lapse', owner: 'Essex Police', action: 'Quarterly check-in' }],
      followOnActions: [{ action: 'Pay the final CCTV invoice', owner: 'Finance', due: '2027-02-28', status: 'not-started' }],
      identification: expect.objectContaining({ leadOfficer: { objectId: officer.objectId, name: officer.name }, assistantDirector: { objectId: AD.objectId, name: 'Helen Ward' } }) as ExitDocument['identification'],
    });
    expect(document.objectives).toEqual(OBJECTIVES_MET);
    expect(document.answers['PARTNERS']).toEqual([{ name: 'Essex Police', sector: 'public' }, { name: 'Rochford CVS', sector: 'voluntary' }]);
    for (const id of ['DEC_WHO', 'DEC_DATE', 'NOTICE_PERIOD', 'TERMS_FOLLOWED', 'ACHIEVEMENTS', 'BENEFITS', 'FUNDS', 'FINAL_ACCOUNTS', 'STAFF', 'TUPE', 'HR_CONSULTED', 'LEGAL_ADVICE', 'DATA_RETURNED', 'DSA_ENDED', 'RECORDS', 'CONTINUES', 'IMPACT', 'EQUALITY', 'PARTNERS_TOLD', 'MEMBERS_TOLD', 'COMMS_OWNER']) {
      expect(document.answers[id], id).toBeDefined();
    }

    const toDirector = connector.sent().slice(before).find((c) => c.path.includes('a:ad-exit-chat'));
    expect(JSON.stringify(toDirector?.body)).toContain('Partnership exit for your sign-off');
    const signOffCard = (toDirector!.body['attachments'] as Array<{ content: unknown }>)[0]!.content;
    expect(cardProblems(signOffCard)).toEqual([]);

    // Anyone else pressing the card changes nothing.
    const stranger = testUser('Pat Stranger', 6999);
    const refused = await bot.chat(stranger).submit({ exitSignOff: { partnershipId: partnership.id, revision: 1, decision: 'signOff' } });
    // They may not see the partnership, so they are told nothing about it.
    expect(textsOf(refused)).toContain("I couldn't find that partnership among the ones you can see");
    expect(textsOf(refused)).not.toContain(partnership.name);
    expect((await bot.app.register.get(partnership.id))?.status).toBe('exiting');

    const directorChat = bot.chat(AD, 'a:ad-exit-chat');
    const signed = await directorChat.submit({ exitSignOff: { partnershipId: partnership.id, revision: 1, decision: 'signOff' }, exitSignOffComments: 'Well done all' });
    expect(textsOf(signed)).toContain('Signed off. Rochford Community Safety Partnership is now closed in the register (exit date 31 March 2027)');
    const closed = (await bot.app.register.get(partnership.id))!;
    expect(closed).toMatchObject({ status: 'closed', exitDate: EXIT_DATE });
    expect((await bot.app.register.exitDocument(partnership.id))).toMatchObject({ status: 'signed-off', signOff: { by: { objectId: AD.objectId }, comments: 'Well done all' } });
    expect(JSON.stringify(connector.sent().slice(-3))).toContain('Closed: Rochford Community Safety Partnership');
    const again = await directorChat.submit({ exitSignOff: { partnershipId: partnership.id, revision: 1, decision: 'signOff' } });
    expect(textsOf(again)).toContain('already been signed off');

    const trail = (await bot.app.register.auditTrail(partnership.id)).map((e) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['partnership.exit-started', 'exit-document.submitted', 'exit-document.ad-notified', 'exit-document.signed-off', 'partnership.closed']));

    // Shown again later, in full, to the officer and to the Assistant Director.
    for (const viewer of [chat, directorChat]) {
      const shown = await viewer.say('show the exit document for Rochford Community Safety Partnership');
      const card = cardsOf(shown)[0]!;
      expect(cardProblems(card)).toEqual([]);
      const text = textsOf(shown);
      for (const expected of ['Signed off; the partnership is closed.', 'Thank-you letter from the Leader', 'Agree a data sharing agreement first', '✓ Achieved: Reduce anti-social behaviour', '◐ Partly achieved: Earlier youth outreach', 'Final invoice for CCTV, £2,400, Finance, 28 February 2027', 'Two CCTV cameras', 'CCTV maintenance, Transfer', 'Patrols lapse', 'Pay the final CCTV invoice, Finance, 28 February 2027, Not started', 'Latest self-assessment: 78% (Good), 2025/26', 'Total council contribution: £45,000', 'Effective exit date: 31 March 2027']) {
        expect(text).toContain(expected);
      }
    }
    // A closed partnership has no second exit.
    expect(textsOf(await chat.say('exit interview for Rochford Community Safety Partnership'))).toContain('is already closed');
  });

  it('an exit after failure: lessons recorded, recognition not required, and the groups that do not apply are skipped (no assets, no staff)', async () => {
    const { officer, partnership } = await seed('Youth Forum', { A1: 'Youth voice in council decisions', B1: 'A youth council by 2026' });
    const chat = bot.chat(officer);
    const opening = await chat.say("We're leaving the Youth Forum partnership");
    expect(textsOf(opening)).toContain("Let's do the exit interview for Youth Forum");
    const { summary, asked } = await answerCards(chat, opening, FAILED);
    for (const skipped of ['LIABILITIES', 'ASSETS', 'STAFF', 'TUPE', 'HR_CONSULTED', 'CONTRACTS', 'LEGAL_ADVICE', 'DATA_RETURNED', 'DSA_ENDED', 'RISKS', 'RECOGNITION', 'FOLLOW_ON']) {
      expect(asked, skipped).not.toContain(skipped);
    }
    expect(asked).toEqual(expect.arrayContaining(['HAS_ASSETS', 'HAS_STAFF', 'RECOGNITION_ANYWAY', 'WORKED', 'DIDNT', 'DIFFERENTLY']));
    const { document } = await submitAndRead(chat, summary, partnership.id);
    expect(document).toMatchObject({
      outcome: 'not-met', exitType: 'withdraw', assets: [], liabilities: [], followOnActions: [],
      lessons: { worked: 'The first consultation event', didNotWork: 'Schools were not involved, so few young people came', doDifferently: 'Bring schools in as partners from the start' },
    });
    expect(document.recognition).toBeUndefined();
    expect(document.objectives.map((o) => o.result)).toEqual(['not', 'not']);
    expect(document.answers['HAS_STAFF']).toBe('no');
    expect(document.answers['STAFF']).toBeUndefined();
    expect((await bot.app.register.get(partnership.id))?.status).toBe('exiting');
  });

  it('the Assistant Director can ask for changes; the officer redoes the interview from their previous answers', async () => {
    const { officer, partnership } = await seed('Coastal Path Group', { A1: 'Open the coastal path', B1: 'Volunteer wardens' });
    const chat = bot.chat(officer);
    const opening = await chat.say('close the Coastal Path Group partnership');
    const { summary } = await answerCards(chat, opening, { ...MET, OBJECTIVES: [{ objective: 'Open the coastal path', result: 'achieved' }, { objective: 'Volunteer wardens', result: 'achieved' }] });
    await submitAndRead(chat, summary, partnership.id);
    const directorChat = bot.chat(AD, 'a:ad-exit-chat');
    const noComment = await directorChat.submit({ exitSignOff: { partnershipId: partnership.id, revision: 1, decision: 'changes' } });
    expect(textsOf(noComment)).toContain('Please say in the comments box what needs to change');
    const changes = await directorChat.submit({ exitSignOff: { partnershipId: partnership.id, revision: 1, decision: 'changes' }, exitSignOffComments: 'Add the lease on the ranger hut' });
    expect(textsOf(changes)).toContain('stays exiting');
    expect((await bot.app.register.get(partnership.id))?.status).toBe('exiting');

    const redo = await chat.say('exit interview for Coastal Path Group');
    expect(textsOf(redo)).toContain("I've kept your previous answers");
    const { summary: second } = await answerCards(chat, redo, { ASSETS: [{ item: 'Ranger hut lease', owner: 'The council', disposal: 'Surrender the lease', date: '2027-03-31' }] });
    const { document } = await submitAndRead(chat, second, partnership.id);
    expect(document.revision).toBe(2);
    expect(document.assets).toEqual([{ item: 'Ranger hut lease', owner: 'The council', disposal: 'Surrender the lease', date: '2027-03-31' }]);
    expect(document.recognition).toBe(MET['RECOGNITION']);
    // The old card no longer decides anything.
    const stale = await directorChat.submit({ exitSignOff: { partnershipId: partnership.id, revision: 1, decision: 'signOff' } });
    expect(textsOf(stale)).toContain('earlier version');
    const signed = await directorChat.submit({ exitSignOff: { partnershipId: partnership.id, revision: 2, decision: 'signOff' } });
    expect(textsOf(signed)).toContain('is now closed');
  });

  it('carries on after a restart mid-interview, and the document is complete', async () => {
    const { officer, partnership } = await seed('Rayleigh Town Team', { A1: 'A busier high street', B1: 'Shared events calendar' });
    const chat = bot.chat(officer);
    const replies = await chat.say('start the exit for Rayleigh Town Team');
    // The first section card is waiting when the bot restarts on the same database file.
    const waiting = cardsOf(replies).at(-1)!;
    await bot.restart();
    // The card that was waiting still works after the restart.
    const after = await chat.submit({ ...buttonData(replies, 'Next'), ...prefilledInputs(waiting), ...fillCard(questionIdsOnCard(waiting), MET) });
    const { summary } = await answerCards(chat, after, { ...MET, OBJECTIVES: [{ objective: 'A busier high street', result: 'partly', comment: 'Footfall up 5%' }, { objective: 'Shared events calendar', result: 'achieved' }], OUTCOME: 'partly' });
    const { document } = await submitAndRead(chat, summary, partnership.id);
    expect(document).toMatchObject({ outcome: 'partly', exitType: 'achieved', recognition: MET['RECOGNITION'], effectiveExitDate: EXIT_DATE, status: 'awaiting-sign-off' });
    expect(document.answers['DEC_WHO']).toBe('Cabinet');
    expect(document.objectives).toHaveLength(2);
  });

  it('starting and then deleting the interview\'s draft never touches the register', async () => {
    const { officer, partnership } = await seed('Hockley Woods Friends', { A1: 'Woodland kept open', B1: 'Volunteer days' });
    const chat = bot.chat(officer);
    await chat.say(`exit interview for ${partnership.name}`);
    expect((await bot.app.register.get(partnership.id))?.status).toBe('active');
    expect(textsOf(await chat.say('cancel'))).toContain('delete');
    const deleted = await chat.say('delete');
    expect(textsOf(deleted)).not.toContain('exiting');
    expect((await bot.app.register.get(partnership.id))?.status).toBe('active');
    expect((await bot.app.register.auditTrail(partnership.id)).map((e) => e.action)).not.toContain('partnership.exit-started');
    expect(await bot.app.drafts.inProgress(officer.objectId)).toHaveLength(0);
  });

  it('with no objectives on the register the officer lists them, one a row; the purpose is never split into objectives', async () => {
    const { officer, partnership } = await seed('Great Wakering Lights', { A1: 'The council only advises; volunteers run it, and the parish pays', B1: 'Lights up on time' }, false);
    const chat = bot.chat(officer);
    const opening = await chat.say(`exit interview for ${partnership.name}`);
    expect(textsOf(opening)).toContain("No objectives are recorded on the register for it, so I'll ask you to list them, one a row.");
    expect(textsOf(opening)).not.toContain('objectives recorded on the register');
    const listed: Array<Record<string, string>> = [{ objective: 'Lights up by 1 December', result: 'achieved' }, { objective: 'A volunteer team of ten', result: 'partly', comment: 'Seven signed up' }];
    const { summary, asked } = await answerCards(chat, opening, { ...MET, OBJECTIVES: listed });
    expect(asked).toContain('OBJECTIVES');
    const { document } = await submitAndRead(chat, summary, partnership.id);
    expect(document.objectives.map((o) => o.objective)).toEqual(['Lights up by 1 December', 'A volunteer team of ten']);
    expect(JSON.stringify(document.objectives)).not.toContain('the council only advises');
  });

  it('accepts typed answers for every group, confirming what the bot filled in with a plain "yes"', async () => {
    const { officer, partnership } = await seed('Hockley Woods Friends', { A1: 'Protect the woods', B1: 'Volunteer work days', A3: 'Enable communities' });
    const chat = bot.chat(officer);
    const typed: Record<string, string> = {
      TYPE: 'fixed term', REASONS: 'funding ended, other', REASONS_OTHER: 'The lottery grant finished',
      DEC_WHO: 'Assistant Director for Communities', DEC_DATE: '1/10/2026', DEC_REF: 'ADD-2026-14',
      NOTICE_DATE: '2/10/2026', NOTICE_PERIOD: 'three months', EXIT_DATE: '31/03/2027', TERMS_FOLLOWED: 'yes',
      PARTNERS: 'yes', OBJECTIVES: '1 achieved, 40 acres protected; 2 partly, only in summer; 3 achieved, new volunteers', OUTCOME: 'partly',
      ACHIEVEMENTS: 'Forty acres protected', BENEFITS: 'Cleaner paths for walkers',
      TOTAL: "that's right", HAS_LIAB: 'yes', LIABILITIES: 'Grant clawback, £5,000, Finance, 31/03/2027; Tool hire, 250, Parks team, end of March',
      FUNDS: 'none', FINAL_ACCOUNTS: 'not sure',
      HAS_ASSETS: 'yes', ASSETS: 'Tool store, The council, Transfer to the Friends group, 31/03/2027',
      HAS_STAFF: 'yes', STAFF: 'A ranger on secondment returns to Parks', TUPE: 'no', HR_CONSULTED: 'yes',
      HAS_CONTRACTS: 'yes', CONTRACTS: 'Insurance, end, , 31/03/2027', LEGAL_ADVICE: 'no',
      HAS_DATA: 'yes', DATA_RETURNED: 'yes', DSA_ENDED: 'not yet', RECORDS: 'Parks archive, seven years',
      CONTINUES: 'The Friends group carries on alone', IMPACT: 'Little impact', EQUALITY: 'yes',
      PARTNERS_TOLD: '3/10/2026', MEMBERS_TOLD: '5/10/2026', PUBLIC_MESSAGE: 'no',
      HAS_RISKS: 'yes', RISKS: 'Fly-tipping returns, Parks team, Monthly patrol',
      WORKED: 'Volunteers', DIDNT: 'Winter work days', DIFFERENTLY: 'Plan for winter', ADVICE: 'Keep it simple',
      RECOGNITION: 'Volunteer awards evening',
      HAS_ACTIONS: 'yes', FOLLOW_ON: 'Repay the grant clawback, Finance, 31/03/2027, not started; Hand over the tool store keys, Parks team, next Friday, in progress',
    };
    let replies = await chat.say('exit interview for Hockley Woods Friends');
    const draftId = (buttonData(replies, 'Next')['qa'] as { draft: string }).draft;
    const answered: string[] = [];
    for (let turn = 0; turn < 120; turn++) {
      for (const card of cardsOf(replies)) expect(cardProblems(card)).toEqual([]);
      const card = cardsOf(replies).at(-1)!;
      if (JSON.stringify(card).includes('Check your answers')) break;
      const ids = questionIdsOnCard(card);
      const draft = await readDraft(bot, officer, draftId);
      // The bot reads a typed message as the answer to the first open question on the card
      // (not answered yet, or filled in by the bot and not yet confirmed).
      const target = ids.find((id) => (draft.answers[id] === undefined && !draft.skipped.includes(id)) || draft.unconfirmed?.includes(id)) ?? ids[0]!;
      expect(typed[target], `a typed answer for ${target}`).toBeDefined();
      answered.push(target);
      replies = await chat.say(typed[target]!);
      expect(JSON.stringify(cardsOf(replies).at(-1) ?? {}), `typed "${typed[target]}" for ${target}: ${textsOf(replies).slice(0, 300)}`).not.toContain('"color":"Attention"');
    }
    expect(answered).toEqual(expect.arrayContaining(['TYPE', 'DEC_WHO', 'EXIT_DATE', 'PARTNERS', 'OBJECTIVES', 'TOTAL', 'LIABILITIES', 'ASSETS', 'STAFF', 'CONTRACTS', 'DATA_RETURNED', 'CONTINUES', 'PARTNERS_TOLD', 'RISKS', 'WORKED', 'RECOGNITION', 'FOLLOW_ON']));
    const done = await chat.say('submit');
    for (const card of cardsOf(done)) expect(cardProblems(card)).toEqual([]);
    expect(textsOf(done)).toContain('Exit interview submitted');
    const document = (await bot.app.register.exitDocument(partnership.id))!;
    expect(document).toMatchObject({
      exitType: 'term-ended', reasons: ['funding-ended', 'other'], outcome: 'partly', totalContribution: 45000, effectiveExitDate: '2027-03-31',
      recognition: 'Volunteer awards evening', lessons: { worked: 'Volunteers', didNotWork: 'Winter work days', doDifferently: 'Plan for winter', advice: 'Keep it simple' },
      liabilities: [
        { what: 'Grant clawback', amount: 5000, owner: 'Finance', settleBy: '2027-03-31' },
        { what: 'Tool hire', amount: 250, owner: 'Parks team', settleBy: '2027-03-31' },
      ],
      assets: [{ item: 'Tool store', owner: 'The council', disposal: 'Transfer to the Friends group', date: '2027-03-31' }],
      contracts: [{ contract: 'Insurance', action: 'end', by: '2027-03-31' }],
      remainingRisks: [{ risk: 'Fly-tipping returns', owner: 'Parks team', action: 'Monthly patrol' }],
    });
    expect(document.objectives).toEqual([
      { objective: 'Protect the woods', result: 'achieved', comment: '40 acres protected' },
      { objective: 'Volunteer work days', result: 'partly', comment: 'only in summer' },
      { objective: 'Enable communities', result: 'achieved', comment: 'new volunteers' },
    ]);
    expect(document.followOnActions).toHaveLength(2);
    expect(document.followOnActions[1]).toMatchObject({ action: 'Hand over the tool store keys', owner: 'Parks team', status: 'in-progress' });
    expect(document.answers['PARTNERS']).toEqual([{ name: 'Essex Police', sector: 'public' }, { name: 'Rochford CVS', sector: 'voluntary' }]);
    expect(document.answers['DSA_ENDED']).toBe('no');
  });

  it('only the partnership\'s officers (or the SPO) may start it, and in a channel it moves to the 1:1 chat', async () => {
    const { officer } = await seed('Canvey Arts Network', { A1: 'More arts events', B1: 'Shared venues' });
    const other = testUser('Someone Else', 6990);
    expect(textsOf(await bot.chat(other).say('exit interview for Canvey Arts Network'))).toContain("couldn't find a partnership called \"Canvey Arts Network\" among the ones you can see");
    expect(textsOf(await bot.chat(AD, 'a:ad-exit-chat').say('exit interview for Canvey Arts Network'))).toContain('Only the officers working on Canvey Arts Network');
    expect(textsOf(await bot.chat(officer).mention('exit interview for Canvey Arts Network'))).toContain("I've sent you a message in our 1:1 chat");
    expect(textsOf(await bot.chat(officer).say('show the exit document for Canvey Arts Network'))).toContain('has no exit document yet');
  });
});

/** What Teams sends back for inputs the bot filled in: their values, unchanged. */
function prefilledInputs(card: Record<string, unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (typeof element['type'] === 'string' && (element['type'] as string).startsWith('Input.') && typeof element['id'] === 'string' && element['value'] !== undefined) {
      inputs[element['id'] as string] = element['value'];
    }
    Object.values(element).forEach(walk);
  };
  walk(card['body']);
  return inputs;
}
