import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUE_REVIEW_PHRASINGS } from '../support/statusPhrasings.js';
import { cardProblems } from '../support/cardValidation.js';
import { cardsOf, startTestBot, textsOf, type BotActivity, type TestBot, type TestChat } from '../support/botHarness.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { ManualClock } from '../../src/util/clock.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { NewPartnershipAssessment, Partnership } from '../../src/partnerships/partnership.js';
import type { SelfAssessment } from '../../src/assessments/selfAssessment.js';
import type { ExitDocument } from '../../src/partnerships/exitDocument.js';

const LEAD = testUser('Priya Shah', 7001);
const NAMED = testUser('Sam Patel', 7002);
const KIM = testUser('Kim Osei', 7003);
const AD = testUser('Helen Ward', 7004);
const SPO = testUser('Jo Bloggs', 7005);
const LEADERSHIP = testUser('Alex Green', 7006);
const STRANGER = testUser('Lee Jones', 7007);

/** Teams refuses bot messages over about 28 KB; every page must stay well under it. */
const TEAMS_MESSAGE_LIMIT = 28 * 1024;

const ALL_NAMES = [
  'Community Safety Partnership',
  'Youth Forum',
  'Town Centre Partnership',
  'Allotment Society Partnership',
  'Health Partnership',
  'Arts Trust Partnership',
  'Old Markets Partnership',
  'Leisure Trust',
];

/** The names of seeded partnerships that appear in the replies. */
function namesIn(replies: BotActivity[]): string[] {
  const text = textsOf(replies);
  return ALL_NAMES.filter((name) => text.includes(name)).sort();
}

describe.each(['sqlite', 'cosmos'] as const)('status questions in plain words, over HTTP (%s store)', (storeKind) => {
  let bot: TestBot;
  let cosmos: FakeCosmos | undefined;
  let store: RecordStore | undefined;
  const clock = new ManualClock(new Date('2026-11-27T09:00:00Z'));
  const chats = new Map<string, TestChat>();
  const chatOf = (user: TestUser) => {
    if (!chats.has(user.objectId)) chats.set(user.objectId, bot.chat(user));
    return chats.get(user.objectId)!;
  };
  const ask = async (user: TestUser, text: string) => chatOf(user).say(text);

  async function seed(id: string, name: string, lead: TestUser, extra: Partial<Partnership> = {}): Promise<Partnership> {
    const now = clock.now().toISOString();
    const partnership: Partnership = {
      id, name, purpose: `Purpose of the ${name}`, partners: [{ name: 'Essex Police' }, { name: 'NHS Trust' }],
      leadOfficer: { objectId: lead.objectId, name: lead.name }, officerIds: [lead.objectId], ownerId: lead.objectId,
      serviceArea: 'communities', assistantDirector: { objectId: AD.objectId, name: AD.name }, statutory: false, priorities: [],
      councilCashPerYear: 12500, significance: 'medium', overallRisk: 'low', startDate: '2022-04-01', nextReviewDue: '2027-06-30',
      stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now, ...extra,
    };
    await bot.app.register.createOnce(partnership, { objectId: SPO.objectId, name: SPO.name });
    return partnership;
  }

  beforeAll(async () => {
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      store = await openCosmosRecordStore(cosmos.settings());
    }
    bot = await startTestBot({ clock, store });
    for (const user of [LEAD, NAMED, KIM, AD, SPO, LEADERSHIP, STRANGER]) await ask(user, 'hello');
    await bot.app.people.setRoles(SPO.objectId, ['spo'], []);
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
    await bot.app.people.setRoles(LEADERSHIP.objectId, ['leadership'], []);

    await seed('csp', 'Community Safety Partnership', LEAD, {
      officerIds: [LEAD.objectId, NAMED.objectId], nextReviewDue: '2026-11-10', overallRisk: 'high', significance: 'high',
      stage: { suggested: 'frustration', confirmed: 'functioning' }, priorities: ['early-intervention'],
      latestAssessment: { year: '2025/26', percent: 72, band: 'amber', trend: 'improved', recommendation: 'improve', closedAt: '2026-03-20T10:00:00Z' },
    });
    await seed('yf', 'Youth Forum', LEAD, { nextReviewDue: '2026-12-20', stage: { suggested: 'forming' } });
    await seed('tcp', 'Town Centre Partnership', KIM, { serviceArea: 'regeneration', nextReviewDue: '2027-01-15', overallRisk: 'very-high', significance: 'high' });
    await seed('asp', 'Allotment Society Partnership', KIM, { nextReviewDue: '2027-05-01', overallRisk: 'medium', stage: { suggested: 'flying' } });
    await seed('hp', 'Health Partnership', LEAD, { status: 'proposed', nextReviewDue: '2026-12-01' });
    await seed('atp', 'Arts Trust Partnership', LEAD, { status: 'closed', exitDate: '2026-09-15', nextReviewDue: '2026-08-01' });
    await seed('omp', 'Old Markets Partnership', KIM, { serviceArea: 'regeneration', status: 'closed', exitDate: '2025-12-01', nextReviewDue: '2025-10-01' });
    await seed('lt', 'Leisure Trust', KIM, { serviceArea: 'regeneration', status: 'under-review', nextReviewDue: '2026-10-01', overallRisk: 'high', stage: { suggested: 'failing' } });

    await bot.app.register.saveAssessmentOnce(riskAssessment('csp'));
    await bot.app.store.create({ kind: 'self-assessment', partition: 'csp', id: '2024-25' }, closedYear('csp', '2024/25', 58, 'amber'));
    await bot.app.store.create({ kind: 'self-assessment', partition: 'csp', id: '2025-26' }, closedYear('csp', '2025/26', 72, 'amber', { previousYear: '2024/25', change: 14 }));
    await bot.app.register.saveExitDocument(exitDocument('atp', 'Arts Trust Partnership', 'Shared the festival budget from the start'), { objectId: LEAD.objectId, name: LEAD.name });
    await bot.app.register.saveExitDocument(exitDocument('omp', 'Old Markets Partnership', 'Market traders ran it well'), { objectId: KIM.objectId, name: KIM.name });
  }, 120_000);

  afterAll(async () => {
    await bot.close();
    await store?.close();
    await cosmos?.close();
  });

  const DUE_IN_60_DAYS = ['Community Safety Partnership', 'Leisure Trust', 'Town Centre Partnership', 'Youth Forum'];

  it.each(DUE_REVIEW_PHRASINGS)('"%s": reviews due in the next 60 days, overdue ones first', async (phrase) => {
    const replies = await ask(SPO, phrase);
    expect(namesIn(replies)).toEqual(DUE_IN_60_DAYS);
    const text = textsOf(replies);
    expect(text).toContain('Reviews due in the next 60 days (by 26 January 2027)');
    expect(text).toContain('Overdue by 17 days');
    expect(text.indexOf('Leisure Trust')).toBeLessThan(text.indexOf('Community Safety Partnership'));
    expect(text.indexOf('Community Safety Partnership')).toBeLessThan(text.indexOf('Youth Forum'));
  });

  it('looks as far ahead as asked: two weeks, six months, a date', async () => {
    expect(namesIn(await ask(SPO, 'due review in the next 2 weeks'))).toEqual(['Community Safety Partnership', 'Leisure Trust']);
    expect(namesIn(await ask(SPO, 'which partnerships are due for review in the next 6 months'))).toEqual([...DUE_IN_60_DAYS, 'Allotment Society Partnership'].sort());
    const byDate = await ask(SPO, 'reviews due before 31 December 2026');
    expect(namesIn(byDate)).toEqual(['Community Safety Partnership', 'Leisure Trust', 'Youth Forum']);
    expect(textsOf(byDate)).toContain('Reviews due by 31 December 2026');
  });

  it.each(['overdue reviews', 'which reviews are overdue', 'ovredue', 'late reviews'])('"%s": only overdue reviews', async (phrase) => {
    expect(namesIn(await ask(SPO, phrase))).toEqual(['Community Safety Partnership', 'Leisure Trust']);
  });

  it('scopes "due review" by role: officer, named officer, Assistant Director, Leadership Team, someone on nothing', async () => {
    expect(namesIn(await ask(LEAD, 'which partnerships are due review'))).toEqual(['Community Safety Partnership', 'Youth Forum']);
    expect(namesIn(await ask(NAMED, 'which partnerships are due review'))).toEqual(['Community Safety Partnership']);
    expect(namesIn(await ask(KIM, 'which partnerships are due review'))).toEqual(['Leisure Trust', 'Town Centre Partnership']);
    const ad = await ask(AD, 'which partnerships are due review');
    expect(namesIn(ad)).toEqual(['Community Safety Partnership', 'Youth Forum']);
    expect(textsOf(ad)).toContain('Partnerships in your area (communities)');
    expect(namesIn(await ask(LEADERSHIP, 'which partnerships are due review'))).toEqual(DUE_IN_60_DAYS);
    const none = await ask(STRANGER, 'which partnerships are due review');
    expect(namesIn(none)).toEqual([]);
    expect(textsOf(none)).toContain('No reviews are due or overdue in that time');
  });

  it.each(['my partnerships', 'which partnerships am i on', 'partnerships I lead', 'my partnerhsips'])('"%s": the ones I lead or am named on, any status', async (phrase) => {
    const replies = await ask(LEAD, phrase);
    expect(namesIn(replies)).toEqual(['Arts Trust Partnership', 'Community Safety Partnership', 'Health Partnership', 'Youth Forum']);
    expect(textsOf(replies)).toContain('You lead it');
    const named = await ask(NAMED, phrase);
    expect(namesIn(named)).toEqual(['Community Safety Partnership']);
    expect(textsOf(named)).toContain('You are named on it');
  });

  it('"my partnerships" for the SPO is still only their own, and says how to see everything', async () => {
    const replies = await ask(SPO, 'my partnerships');
    expect(namesIn(replies)).toEqual([]);
    expect(textsOf(replies)).toContain('You are not named on any partnership yet');
    expect(textsOf(replies)).toContain('ask "show the register"');
  });

  it.each(['high risk ones', 'high-risk partnerships', 'which partnerships are risky', 'hihg risk partnerships'])('"%s": high and very high risks, scoped by role', async (phrase) => {
    expect(namesIn(await ask(SPO, phrase))).toEqual(['Community Safety Partnership', 'Leisure Trust', 'Town Centre Partnership']);
    expect(namesIn(await ask(LEAD, phrase))).toEqual(['Community Safety Partnership']);
    expect(namesIn(await ask(AD, phrase))).toEqual(['Community Safety Partnership']);
  });

  it.each([
    ['active partnerships', ['Allotment Society Partnership', 'Community Safety Partnership', 'Town Centre Partnership', 'Youth Forum']],
    ['closed partnerships', ['Arts Trust Partnership', 'Old Markets Partnership']],
    ['show partnerships under review', ['Leisure Trust']],
    ['high significance partnerships', ['Community Safety Partnership', 'Town Centre Partnership']],
    ['partnerships in the forming stage', ['Youth Forum']],
    ['failing ones', ['Leisure Trust']],
    ['partnerships supporting early intervention', ['Community Safety Partnership']],
    ['very high risk partnerships', ['Town Centre Partnership']],
    ['show the register', ALL_NAMES.slice().sort()],
  ])('the register filtered: "%s"', async (phrase, expected) => {
    expect(namesIn(await ask(LEADERSHIP, phrase))).toEqual([...expected].sort());
  });

  it('shows everything about one partnership, found by initials or a typo', async () => {
    for (const phrase of ['show the Community Safety Partnership', 'tell me about CSP', 'show the comunity safety partnership']) {
      const replies = await ask(LEAD, phrase);
      const text = textsOf(replies);
      expect(text).toContain('Purpose of the Community Safety Partnership');
      expect(text).toContain('Sam Patel'); // another officer named on it
      expect(text).toContain('Essex Police, NHS Trust');
      expect(text).toContain('£12,500 a year');
      expect(text).toContain('Functioning'); // the confirmed stage, not the suggested one
      expect(text).toContain('72% (Developing) in 2025/26, improved on the year before');
      expect(text).toContain('Continue with an improvement plan');
      expect(text).toContain('10 November 2026 (overdue by 17 days)');
      expect(text).toContain('The review is overdue');
      expect(text).toContain('Funding from the Home Office ends in 2027'); // its risk
      expect(text).toContain('Agree a funding plan with partners'); // the risk's action
      expect(text).toContain('Early intervention');
      for (const card of cardsOf(replies)) expect(cardProblems(card)).toEqual([]);
    }
  });

  it('refuses to show a partnership the person may not see, without revealing its details', async () => {
    for (const [user, phrase] of [
      [STRANGER, 'show the Community Safety Partnership'],
      [AD, 'show the Town Centre Partnership'],
      [NAMED, 'score history for Youth Forum'],
    ] as const) {
      const replies = await ask(user, phrase);
      const text = textsOf(replies);
      // Told nothing about it: the same words as for a name the register does not have.
      expect(text).toContain("I couldn't find a partnership called");
      expect(text).not.toContain('Purpose of');
      expect(text).not.toContain('Essex Police');
      expect(text).not.toContain('%');
    }
    expect(textsOf(await ask(LEADERSHIP, 'show the Town Centre Partnership'))).toContain('Purpose of the Town Centre Partnership');
  });

  it('gives the score history year by year', async () => {
    const replies = await ask(NAMED, 'score history for CSP');
    const text = textsOf(replies);
    expect(text).toContain('Score history: Community Safety Partnership');
    expect(text).toContain('2024/25');
    expect(text).toContain('58%');
    expect(text).toContain('72%');
    expect(text).toContain('Improved (+14)');
    expect(text).toContain('First year');
    for (const card of cardsOf(replies)) expect(cardProblems(card)).toEqual([]);
    expect(textsOf(await ask(LEAD, 'how has the Youth Forum scored'))).toContain('No self-assessment has been closed for Youth Forum yet');
  });

  it('lists exits of this year and last, with achievements and lessons', async () => {
    const thisYear = await ask(SPO, 'exits this year');
    expect(namesIn(thisYear)).toEqual(['Arts Trust Partnership']);
    const text = textsOf(thisYear);
    expect(text).toContain('Exits in 2026/27');
    expect(text).toContain('Left on 15 September 2026');
    expect(text).toContain('Objectives partly met');
    expect(text).toContain('Achieved: Run the summer festival');
    expect(text).toContain('What worked: Shared the festival budget from the start');
    expect(text).toContain('Do differently: Agree the exit terms at the start');
    expect(namesIn(await ask(SPO, 'what exits were there last year'))).toEqual(['Old Markets Partnership']);
    expect(namesIn(await ask(LEAD, 'which partnerships have we exited this year'))).toEqual(['Arts Trust Partnership']);
    expect(namesIn(await ask(KIM, 'exits this year'))).toEqual([]);
  });

  it('answers in a channel when mentioned, scoped to the person asking', async () => {
    const replies = await chatOf(SPO).mention('which partnerships are due review');
    expect(namesIn(replies)).toEqual(DUE_IN_60_DAYS);
    expect(namesIn(await bot.chat(LEAD).mention('high risk ones'))).toEqual(['Community Safety Partnership']);
  });

  it('offers the likely questions as buttons when unsure, and a button answers', async () => {
    const replies = await ask(LEAD, 'partnerships?');
    expect(textsOf(replies)).toContain("I'm not sure what you meant");
    const buttons = cardsOf(replies).flatMap((card) => (card['actions'] as Array<{ title: string; data: { command: string } }>) ?? []);
    // Which three readings come first depends on the training utterances; these two are among them.
    expect(buttons).toHaveLength(3);
    expect(buttons.map((b) => b.title)).toEqual(expect.arrayContaining(['The whole register', 'Which partnerships are due review?']));
    const answered = await chatOf(LEAD).submit(buttons.find((b) => b.title === 'Which partnerships are due review?')!.data);
    expect(namesIn(answered)).toEqual(['Community Safety Partnership', 'Youth Forum']);
  });

  it('selecting a partnership in a list shows it', async () => {
    const list = await ask(LEAD, 'my partnerships');
    const entry = JSON.stringify(cardsOf(list)).match(/"command":"(show Youth Forum)"/);
    expect(entry?.[1]).toBe('show Youth Forum');
    expect(textsOf(await chatOf(LEAD).submit({ command: entry![1]! }))).toContain('Purpose of the Youth Forum');
  });

  it('recognises a forged or stale page button and never widens what a person sees', async () => {
    const forged = await chatOf(LEAD).submit({ action: 'statusPage', question: { kind: 'register', filter: { statuses: ['deleted'] } }, page: 1 });
    expect(textsOf(forged)).toContain('That button no longer works');
    const bogusPage = await chatOf(LEAD).submit({ action: 'statusPage', question: { kind: 'mine' }, page: 'two' });
    expect(textsOf(bogusPage)).toContain('That button no longer works');
    // A button crafted to ask for the whole register still shows a stranger nothing.
    const crafted = await chatOf(STRANGER).submit({ action: 'statusPage', question: { kind: 'register', filter: {} }, page: 1 });
    expect(namesIn(crafted)).toEqual([]);
  });
});

describe('a register of 200 partnerships, paged', () => {
  let bot: TestBot;
  const clock = new ManualClock(new Date('2026-11-27T09:00:00Z'));

  beforeAll(async () => {
    bot = await startTestBot({ clock, env: { ADMIN_OBJECT_IDS: SPO.objectId } });
    await bot.chat(SPO).say('hello');
    const now = clock.now().toISOString();
    for (let i = 1; i <= 200; i++) {
      const n = String(i).padStart(3, '0');
      await bot.app.register.createOnce(
        {
          id: `p-${n}`, name: `Partnership ${n} for the ${'very long name '.repeat(4)}area`, purpose: 'x'.repeat(400), partners: [{ name: 'Partner' }],
          leadOfficer: { objectId: LEAD.objectId, name: LEAD.name }, officerIds: [LEAD.objectId], ownerId: LEAD.objectId, serviceArea: 'communities',
          statutory: false, priorities: [], councilCashPerYear: 1000, significance: 'low', overallRisk: 'low', startDate: '2024-04-01',
          nextReviewDue: `2027-01-${String((i % 28) + 1).padStart(2, '0')}`, stage: { suggested: 'forming' }, status: 'active', createdAt: now, updatedAt: now,
        },
        { objectId: SPO.objectId, name: SPO.name },
      );
    }
  }, 120_000);

  afterAll(async () => {
    await bot.close();
  });

  it('pages the whole register ten at a time: every entry once, every card valid and under the Teams size limit', async () => {
    const chat = bot.chat(SPO);
    let replies = await chat.say('show the register');
    const seen: string[] = [];
    for (let page = 1; page <= 20; page++) {
      const card = cardsOf(replies)[0]!;
      expect(cardProblems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(replies[0]))).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      const text = textsOf(replies);
      expect(text).toContain(`Showing ${(page - 1) * 10 + 1} to ${page * 10} of 200.`);
      const onThisPage = new Set([...text.matchAll(/Partnership (\d{3}) for/g)].map((m) => m[1]!));
      expect(onThisPage.size).toBe(10);
      seen.push(...onThisPage);
      const actions = (card['actions'] as Array<{ title: string; data: Record<string, unknown> }>) ?? [];
      expect(actions.some((a) => a.title === 'Previous page')).toBe(page > 1);
      const next = actions.find((a) => a.title === 'Next page');
      if (page === 20) {
        expect(next).toBeUndefined();
        break;
      }
      replies = await chat.submit(next!.data);
    }
    expect(new Set(seen).size).toBe(200);
    expect(seen).toHaveLength(200);

    // A page past the end shows the last one rather than failing.
    const beyond = await chat.submit({ action: 'statusPage', question: { kind: 'register', filter: {} }, page: 50 });
    expect(textsOf(beyond)).toContain('Showing 191 to 200 of 200.');
  });

  it('pages the same 200 for their lead officer, and a due-review list too', async () => {
    const chat = bot.chat(LEAD);
    await chat.say('hello');
    expect(textsOf(await chat.say('my partnerships'))).toContain('Showing 1 to 10 of 200.');
    const due = await chat.say('which partnerships are due review in the next 3 months');
    expect(textsOf(due)).toContain('200 partnerships');
    expect(Buffer.byteLength(JSON.stringify(due[0]))).toBeLessThan(TEAMS_MESSAGE_LIMIT);
  });
});

function riskAssessment(partnershipId: string): NewPartnershipAssessment {
  return {
    id: `np-${partnershipId}`, partnershipId, bankId: 'new-partnership', bankVersion: 1, answers: {}, outcome: 'amber', reasons: [], actions: [],
    risks: [
      {
        category: 'financial', description: 'Funding from the Home Office ends in 2027', likelihood: 3, impact: 3, residualLikelihood: 2, residualImpact: 4,
        inherentScore: 9, inherentBand: 'high', residualScore: 8, residualBand: 'high', owner: 'Finance lead', action: 'Agree a funding plan with partners', due: '2027-02-28',
      },
    ],
    riskCounts: { low: 0, medium: 0, high: 1, 'very-high': 0 }, overallRisk: 'high', significance: 'high', significanceReasons: [],
    submittedBy: { objectId: LEAD.objectId, name: LEAD.name }, submittedAt: '2022-03-01T10:00:00Z',
  };
}

function closedYear(partnershipId: string, year: string, percent: number, band: 'green' | 'amber' | 'red', change?: { previousYear: string; change: number }): SelfAssessment {
  return {
    id: year, partnershipId, partnershipName: 'Community Safety Partnership', year, status: 'closed', bankId: 'self-assessment', bankVersion: 1,
    respondents: [{ objectId: LEAD.objectId, name: LEAD.name }], statements: {}, areaOf: {},
    scores: { sections: [], overall: { percent, points: percent, maxPoints: 100, band } },
    ...(change
      ? { comparison: { previousYear: change.previousYear, sharedStatementsOnly: false, sharedStatements: 28, sections: [], overall: { area: 'overall', change: change.change, trend: 'improved' }, moved: [] } }
      : {}),
    stage: { stage: 'functioning', scores: { forming: 0, frustration: 0, functioning: 1, flying: 0, failing: 0 }, reasons: [], tactics: [] },
    recommendation: { recommendation: 'improve', reasons: [], celebrate: false },
    actions: [{ statementId: 'F1', action: 'Refresh the terms of reference', owner: 'Partnership manager', due: '2027-01-31', raisedBy: LEAD.objectId }],
    viewsDiffer: [], updatedAt: '2026-03-20T10:00:00Z', closedAt: '2026-03-20T10:00:00Z',
  };
}

function exitDocument(partnershipId: string, partnershipName: string, worked: string): ExitDocument {
  return {
    id: partnershipId, partnershipId, partnershipName, draftId: `draft-${partnershipId}`, revision: 1, bankId: 'exit-interview', bankVersion: 1, answers: {},
    identification: { leadOfficer: { objectId: LEAD.objectId, name: LEAD.name }, completedBy: { objectId: LEAD.objectId, name: LEAD.name }, completedAt: '2026-09-01T10:00:00Z' },
    exitType: 'planned', reasons: ['aims achieved'],
    objectives: [
      { objective: 'Run the summer festival', result: 'achieved' },
      { objective: 'Find a permanent venue', result: 'not' },
    ],
    outcome: 'partly', lessons: { worked, didNotWork: 'Meetings were too long', doDifferently: 'Agree the exit terms at the start' },
    recognition: 'Thanks to the volunteers', liabilities: [], assets: [], contracts: [], remainingRisks: [], followOnActions: [], status: 'signed-off',
  };
}
