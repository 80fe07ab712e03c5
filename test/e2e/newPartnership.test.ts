import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { answerUntilSummary, buttonData, loadBank, type ScriptedAnswer } from '../support/questionnaireDriver.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser } from '../support/teamsActivities.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { NewPartnershipAssessment, Partnership } from '../../src/partnerships/partnership.js';
import { GOOD, registerPartnership } from '../support/newPartnershipRun.js';

const AD = testUser('Helen Ward', 4001);

describe.each(['sqlite', 'cosmos'] as const)('a new partnership, start to finish (%s store)', (storeKind) => {
  let bot: TestBot;
  let connector: StubConnector;
  let cosmos: FakeCosmos | undefined;
  let store: RecordStore | undefined;
  let officerNumber = 4100;

  beforeAll(async () => {
    connector = await startStubConnector();
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      store = await openCosmosRecordStore(cosmos.settings());
    }
    bot = await startTestBot({ serviceUrl: connector.serviceUrl, store });
    // The Assistant Director for Communities has talked to the bot before, so can be told proactively.
    await bot.chat(AD, 'a:ad-chat').say('hello');
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
  }, 120_000);
  afterAll(async () => {
    await bot.close();
    await store?.close();
    await cosmos?.close();
    await connector.close();
  });

  const register = (script: Record<string, ScriptedAnswer>) => registerPartnership(bot, testUser(`Officer ${officerNumber}`, ++officerNumber), script);

  it('comes out green, registers a proposed entry and tells the Assistant Director, who approves it', async () => {
    const before = connector.sent().length;
    const { officer, result, partnership, assessment } = await register(GOOD);
    const text = textsOf(result);
    expect(text).toContain('Green: ready for approval');
    expect(text).toContain('Helen Ward, Assistant Director for Communities and Health, has been sent this summary');
    expect(text).toContain('31 March 2027');

    expect(partnership).toMatchObject<Partial<Partnership>>({
      name: 'Rochford Community Safety Partnership', status: 'proposed', stage: { suggested: 'forming' }, serviceArea: 'communities',
      councilCashPerYear: 15000, significance: 'high', nextReviewDue: expect.any(String) as unknown as string, ownerId: officer.objectId,
      assistantDirector: { objectId: AD.objectId, name: 'Helen Ward' }, overallRisk: 'low',
    });
    expect(partnership.partners.map((p) => p['name'])).toEqual(['Essex Police', 'Rochford CVS']);
    // New drafts start on the latest version of the bank (version 2 since issue 18).
    expect(assessment).toMatchObject<Partial<NewPartnershipAssessment>>({ outcome: 'green', significance: 'high', bankId: 'new-partnership', bankVersion: loadBank('banks', 'new-partnership').version });
    expect(assessment.adNotifiedAt).toBeDefined();
    expect(assessment.risks[0]).toMatchObject({ category: 'financial', inherentScore: 4, residualScore: 2, residualBand: 'low' });

    const toDirector = connector.sent().slice(before).find((c) => c.path.includes('a:ad-chat'));
    expect(toDirector, 'the Assistant Director got a proactive message').toBeDefined();
    expect(JSON.stringify(toDirector!.body)).toContain('New partnership for your approval');
    expect(JSON.stringify(toDirector!.body)).toContain('Rochford Community Safety Partnership');

    const directorChat = bot.chat(AD, 'a:ad-chat');
    const approved = await directorChat.submit({ approval: { partnershipId: partnership.id, decision: 'approve' }, approvalComments: '' });
    expect(textsOf(approved)).toContain('Approved. Rochford Community Safety Partnership is now active');
    expect((await bot.app.register.get(partnership.id))?.status).toBe('active');
    // A second press changes nothing.
    const again = await directorChat.submit({ approval: { partnershipId: partnership.id, decision: 'approve' } });
    expect(textsOf(again)).toContain('has already been decided');
    const trail = await bot.app.register.auditTrail(partnership.id);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['partnership.created', 'assessment.submitted', 'partnership.approved']));
    expect(trail.find((e) => e.action === 'partnership.approved')?.changes?.['status']).toEqual({ from: 'proposed', to: 'active' });
    expect(JSON.stringify(connector.sent().slice(-3))).toContain('Approved: Rochford Community Safety Partnership');
  });

  it('comes out amber with three weak answers, each becoming an action', async () => {
    const { result, assessment } = await register({ ...GOOD, NAME: 'Youth Forum', C3: 'no', C4: 'unsure', F1: 'no' });
    expect(textsOf(result)).toContain('Amber: proceed with conditions');
    expect(assessment.outcome).toBe('amber');
    expect(assessment.actions.length).toBeGreaterThanOrEqual(3);
  });

  it('comes out red when a gate fails, and skips the questions that no longer apply', async () => {
    const { result, assessment, asked } = await register({ ...GOOD, NAME: 'Leisure Trust', A2: ['none'] });
    expect(textsOf(result)).toContain('Red: do not proceed without an Assistant Director decision');
    expect(assessment.outcome).toBe('red');
    // A3 is on the same section card as A2; once A2 says "none" it no longer applies and is not kept.
    expect(asked).toContain('A2');
    expect(assessment.answers['A3']).toBeUndefined();
  });

  it('flags a very high risk to the Assistant Director', async () => {
    const before = connector.sent().length;
    const { result, assessment } = await register({
      ...GOOD, NAME: 'Regeneration Company', R_financial_l: '4', R_financial_i: '4', R_financial_rl: '3', R_financial_ri: '4',
      R_financial_action: 'Secure match funding', R_financial_due: '2027-06-30',
    });
    expect(textsOf(result)).toContain('Red: do not proceed');
    expect(textsOf(result)).toContain('The overall risk is very high');
    expect(assessment.overallRisk).toBe('very-high');
    const notice = JSON.stringify(connector.sent().slice(before).find((c) => c.path.includes('a:ad-chat'))?.body);
    expect(notice).toContain('Very high risk');
  });

  it('asks only the core questions of a low-significance partnership', async () => {
    const { asked, partnership } = await register({ ...GOOD, NAME: 'Information Network', E1: '0', INFO: 'yes', E5: 'no', E4: 'no', STAT: 'no' });
    expect(asked).not.toContain('B3');
    expect(asked).toContain('B1');
    expect(partnership.significance).toBe('low');
  });
});

describe('when the Assistant Director has not used the bot yet', () => {
  it('tells the officer, and delivers the notice when the Assistant Director first writes', async () => {
    const connector = await startStubConnector();
    const bot = await startTestBot({ serviceUrl: connector.serviceUrl });
    try {
      const newDirector = testUser('Sam Okafor', 4501);
      // Known to the register (set up by the SPO) but never talked to the bot in 1:1.
      await bot.chat(newDirector).mention('help');
      await bot.app.people.setRoles(newDirector.objectId, ['ad'], ['place']);
      const officer = testUser('Ola Price', 4502);
      const chat = bot.chat(officer);
      const opening = await chat.say('new partnership');
      const { summary } = await answerUntilSummary(chat, opening, { ...GOOD, AREA: 'place', NAME: 'Coastal Path Group' });
      const result = await chat.submit(buttonData(summary, 'Submit'));
      expect(textsOf(result)).toContain("Sam Okafor, Assistant Director for Place and Environment, hasn't started using this bot yet");
      const firstWords = await bot.chat(newDirector).say('hello');
      expect(textsOf(firstWords)).toContain('New partnership for your approval');
      expect(textsOf(firstWords)).toContain('Coastal Path Group');
    } finally {
      await bot.close();
      await connector.close();
    }
  });
});
