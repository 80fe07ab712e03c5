import { describe, expect, it } from 'vitest';
import { textsOf, type BotActivity } from '../support/botHarness.js';
import { botOnStore } from '../support/storeBot.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { ManualClock } from '../../src/util/clock.js';
import type { NewPartnershipAssessment, Partnership } from '../../src/partnerships/partnership.js';

/**
 * Questions about the register answered generically, over HTTP on both stores:
 * every kind of filter, field question, count, total and order gives the exact
 * partnerships or value, within the asker's role (an officer, an Assistant
 * Director, the SPO, someone on nothing).
 */
const LEAD = testUser('Priya Shah', 7101);
const KIM = testUser('Kim Osei', 7102);
const AD = testUser('Helen Ward', 7103);
const SPO = testUser('Jo Bloggs', 7104);
const NOBODY = testUser('Lee Jones', 7105);

const NAMES = ['Community Safety Partnership', 'Youth Forum', 'Town Centre Partnership', 'Health Partnership', 'Arts Trust Partnership'];
const namesIn = (replies: BotActivity[]) => NAMES.filter((n) => textsOf(replies).includes(n)).sort();

describe.each(['sqlite', 'cosmos'] as const)('questions about the register, answered generically (%s store)', (storeKind) => {
  const clock = new ManualClock(new Date('2026-11-27T09:00:00Z'));
  const handle = botOnStore(storeKind, { clock }, async () => {
    for (const user of [LEAD, KIM, AD, SPO, NOBODY]) await ask(user, 'hello');
    await seedRegister();
  });
  const ask = (user: TestUser, text: string) => handle.chatOf(user).say(text);

  async function seed(id: string, name: string, lead: TestUser, extra: Partial<Partnership>, outcome?: NewPartnershipAssessment['outcome']): Promise<void> {
    const now = clock.now().toISOString();
    await handle.bot.app.register.createOnce(
      {
        id, name, purpose: `Purpose of the ${name}`, partners: [], leadOfficer: { objectId: lead.objectId, name: lead.name }, officerIds: [lead.objectId], ownerId: lead.objectId,
        serviceArea: 'communities', statutory: false, priorities: [], councilCashPerYear: 0, significance: 'medium', overallRisk: 'low', startDate: '2022-04-01',
        nextReviewDue: '2027-06-30', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now, ...extra,
      },
      { objectId: SPO.objectId, name: SPO.name },
    );
    if (outcome) {
      await handle.bot.app.register.saveAssessmentOnce({
        id: `np-${id}`, partnershipId: id, bankId: 'new-partnership', bankVersion: 1, answers: {}, outcome, reasons: [], actions: [], riskCounts: {}, significance: 'medium', significanceReasons: [],
        risks: id === 'csp' ? [{ category: 'financial', description: 'Home Office funding ends', likelihood: 3, impact: 3, residualLikelihood: 2, residualImpact: 4, inherentScore: 9, inherentBand: 'high', residualScore: 8, residualBand: 'high', owner: 'Finance lead', action: 'Agree a funding plan', due: '2027-02-28' }] : [],
        submittedBy: { objectId: lead.objectId, name: lead.name }, submittedAt: '2022-03-01T10:00:00Z',
      });
    }
  }

  async function seedRegister(): Promise<void> {
    await handle.bot.app.people.setRoles(SPO.objectId, ['spo'], []);
    await handle.bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
    const director = { objectId: AD.objectId, name: AD.name };
    await seed('csp', 'Community Safety Partnership', LEAD, {
      partners: [{ name: 'Essex Police' }, { name: 'NHS Trust' }], assistantDirector: director, councilCashPerYear: 15000, overallRisk: 'high', significance: 'high',
      stage: { suggested: 'frustration', confirmed: 'functioning' }, priorities: ['early-intervention'], nextReviewDue: '2027-03-01',
      latestAssessment: { year: '2025/26', percent: 72, band: 'amber', trend: 'improved', recommendation: 'improve', closedAt: '2026-03-20T10:00:00Z' },
    }, 'amber');
    await seed('yf', 'Youth Forum', LEAD, { partners: [{ name: 'Rayleigh Business Group' }], assistantDirector: director, councilCashPerYear: 2500, startDate: '2026-06-01', stage: { suggested: 'forming' } }, 'red');
    await seed('tcp', 'Town Centre Partnership', KIM, {
      serviceArea: 'economy', partners: [{ name: 'Essex Police' }, { name: 'Rayleigh Business Group' }], councilCashPerYear: 30000, startDate: '2024-01-10', overallRisk: 'very-high', significance: 'high',
      latestAssessment: { year: '2025/26', percent: 40, band: 'red', trend: 'declined', recommendation: 'review', closedAt: '2026-03-20T10:00:00Z' },
    }, 'green');
    await seed('hp', 'Health Partnership', KIM, { partners: [{ name: 'NHS Trust' }], status: 'proposed', startDate: '2026-11-01', significance: 'low' });
    await seed('atp', 'Arts Trust Partnership', LEAD, { status: 'closed', exitDate: '2026-09-15', councilCashPerYear: 1000 });
  }

  const ALL = [...NAMES].sort();
  const LEADS = ['Arts Trust Partnership', 'Community Safety Partnership', 'Youth Forum'];
  const AREA = ['Arts Trust Partnership', 'Community Safety Partnership', 'Health Partnership', 'Youth Forum'];

  // [question, what the SPO sees, what Priya (an officer) sees, what Helen (AD, communities) sees]; someone on nothing sees none.
  it.each([
    ['which partnerships work with Essex Police', ['Community Safety Partnership', 'Town Centre Partnership'], ['Community Safety Partnership'], ['Community Safety Partnership']],
    ['partnerships led by Kim Osei', ['Health Partnership', 'Town Centre Partnership'], [], ['Health Partnership']],
    ['partnerships where Helen Ward is the assistant director', ['Community Safety Partnership', 'Youth Forum'], ['Community Safety Partnership', 'Youth Forum'], ['Community Safety Partnership', 'Youth Forum']],
    ['partnerships in economic development', ['Town Centre Partnership'], [], []],
    ['partnerships supporting early intervention', ['Community Safety Partnership'], ['Community Safety Partnership'], ['Community Safety Partnership']],
    ['partnerships in the forming stage', ['Youth Forum'], ['Youth Forum'], ['Youth Forum']],
    ['proposed partnerships', ['Health Partnership'], [], ['Health Partnership']],
    ['which partnerships are high risk', ['Community Safety Partnership', 'Town Centre Partnership'], ['Community Safety Partnership'], ['Community Safety Partnership']],
    ['low significance partnerships', ['Health Partnership'], [], ['Health Partnership']],
    ['which partnerships had a red outcome', ['Youth Forum'], ['Youth Forum'], ['Youth Forum']],
    ['which partnerships started this year', ['Health Partnership', 'Youth Forum'], ['Youth Forum'], ['Health Partnership', 'Youth Forum']],
    ['exits this year', ['Arts Trust Partnership'], ['Arts Trust Partnership'], ['Arts Trust Partnership']],
    ['reviews due in the next 6 months', ['Community Safety Partnership'], ['Community Safety Partnership'], ['Community Safety Partnership']],
    ['show the register', ALL, LEADS, AREA],
  ])('filter: "%s"', async (question, spo, officer, director) => {
    expect(namesIn(await ask(SPO, question))).toEqual([...spo].sort());
    expect(namesIn(await ask(LEAD, question))).toEqual([...officer].sort());
    expect(namesIn(await ask(AD, question))).toEqual([...director].sort());
    expect(namesIn(await ask(NOBODY, question))).toEqual([]);
  });

  it.each([
    ['who leads the Town Centre Partnership', 'The lead officer for Town Centre Partnership is Kim Osei.'],
    ['who are the partners in CSP', 'The partners in Community Safety Partnership are Essex Police and NHS Trust.'],
    ['who is the assistant director for the community safety partnership', 'The Assistant Director for Community Safety Partnership is Helen Ward.'],
    ['when is CSP due for review', 'Community Safety Partnership is next due for review on 1 March 2027.'],
    ['what did the town centre partnership score', 'Town Centre Partnership scored 40% (Weak) in 2025/26, declined on the year before.'],
    ['how much do we put into CSP', 'The council puts £15,000 a year into Community Safety Partnership.'],
    ['what stage is CSP at', 'Community Safety Partnership is at the Functioning stage.'],
    ['what is the status of the health partnership', 'Health Partnership is proposed.'],
    ['what are the risks for CSP', 'Home Office funding ends'],
    ['open actions for CSP', 'Agree a funding plan'],
  ])('field: "%s"', async (question, answer) => {
    expect(textsOf(await ask(SPO, question))).toContain(answer);
  });

  it('a field of a partnership the asker may not see says nothing of it', async () => {
    for (const user of [LEAD, NOBODY]) {
      const reply = textsOf(await ask(user, 'who leads the Town Centre Partnership'));
      expect(reply).toContain("I couldn't find a partnership called");
      expect(reply).not.toContain('Kim Osei');
    }
    expect(textsOf(await ask(AD, 'who leads the youth forum'))).toContain('The lead officer for Youth Forum is Priya Shah.');
  });

  it('counts within scope', async () => {
    expect(textsOf(await ask(SPO, 'how many partnerships are there'))).toContain('5 partnerships match');
    expect(textsOf(await ask(LEAD, 'how many partnerships are there'))).toContain('3 partnerships match');
    expect(textsOf(await ask(AD, 'how many partnerships are there'))).toContain('4 partnerships match');
    expect(textsOf(await ask(NOBODY, 'how many partnerships are there'))).toContain('0 partnerships match');
    expect(textsOf(await ask(SPO, 'how many are high risk'))).toContain('2 partnerships match');
    expect(textsOf(await ask(SPO, 'how many partnerships work with Rayleigh Business Group'))).toContain('2 partnerships match');
  });

  it('totals within scope', async () => {
    expect(textsOf(await ask(SPO, 'how much do we put in altogether'))).toContain('The council puts £48,500 a year into the 5 partnerships');
    expect(textsOf(await ask(LEAD, 'how much do we put in altogether'))).toContain('The council puts £18,500 a year into the 3 partnerships');
    expect(textsOf(await ask(NOBODY, 'how much do we put in altogether'))).toContain('£0 a year into the 0 partnerships');
    expect(textsOf(await ask(SPO, 'how much do we put into partnerships with Essex Police'))).toContain('£45,000 a year into the 2 partnerships');
  });

  it('orders within scope: the biggest, the newest, the best scoring', async () => {
    expect(textsOf(await ask(SPO, 'which is the biggest partnership'))).toContain('is Town Centre Partnership: £30,000 a year');
    expect(textsOf(await ask(LEAD, 'which is the biggest partnership'))).toContain('is Community Safety Partnership: £15,000 a year');
    expect(textsOf(await ask(SPO, 'what is our newest partnership'))).toContain('is Health Partnership: started 1 November 2026');
    expect(textsOf(await ask(SPO, 'the best scoring partnership'))).toContain('is Community Safety Partnership: 72% in 2025/26');
    expect(textsOf(await ask(NOBODY, 'which is the biggest partnership'))).toContain('No partnerships match that.');
  });
});
