import { startTestBot, type TestBot } from './botHarness.js';
import { GOOD } from './newPartnershipRun.js';
import type { ScriptedAnswer } from './questionnaireDriver.js';
import { ratedResponse, seedLedPartnership } from './selfAssessmentRun.js';
import { startStubConnector, type StubConnector } from './stubConnector.js';
import { testUser } from './teamsActivities.js';
import { answerAndSubmit, CountingChat, type TurnCount } from './turnsDriver.js';
import type { Partnership } from '../../src/partnerships/partnership.js';
import type { RecordStore } from '../../src/storage/recordStore.js';

export type TurnFlow = 'new partnership, high significance' | 'new partnership, low significance' | 'self-assessment' | 'exit interview';

/** Card submits each flow may take (issue 17). */
export const TURN_BUDGETS: Record<TurnFlow, number> = {
  'new partnership, high significance': 15,
  'new partnership, low significance': 8,
  'self-assessment': 8,
  'exit interview': 10,
};

/** A high-significance partnership: £40,000 a year, two risks, one of them high enough to need an action. */
export const HIGH: Record<string, ScriptedAnswer> = {
  ...GOOD,
  NAME: 'Rayleigh Town Centre Partnership', E1: '£40,000', E5: 'yes', E5d: 'A shared town centre warden',
  RCAT: ['financial', 'reputational'],
  R_reputational_desc: 'Traders fall out publicly', R_reputational_l: '3', R_reputational_i: '3', R_reputational_controls: 'Monthly traders meeting',
  R_reputational_adequacy: 'fair', R_reputational_rl: '3', R_reputational_ri: '3', R_reputational_owner: 'Town centre manager',
  R_reputational_action: 'Agree a communications plan', R_reputational_due: '2027-04-01',
};

/** A low-significance one: no council cash, information only. */
export const LOW: Record<string, ScriptedAnswer> = { ...GOOD, NAME: 'Rayleigh Christmas Lights Group', E1: '0', INFO: 'yes', E5: 'no', E4: 'no', STAT: 'no' };

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** An exit after the objectives were met, with little left to hand over. */
export const EXIT: Record<string, ScriptedAnswer> = {
  TYPE: 'achieved', REASONS: ['aims-achieved'],
  DEC_WHO: 'Cabinet', DEC_DATE: isoDay(new Date(Date.now() - 20 * DAY)), DEC_REF: 'Cabinet minute 45/26',
  NOTICE_DATE: isoDay(new Date(Date.now() - 20 * DAY)), NOTICE_PERIOD: 'Three months', EXIT_DATE: '2027-03-31', TERMS_FOLLOWED: 'yes',
  OBJECTIVES: [
    { objective: 'Reduce anti-social behaviour', result: 'achieved', comment: 'Incidents fell by a third' },
    { objective: 'Shared patrols and data', result: 'achieved', comment: 'Weekly joint patrols' },
  ],
  OUTCOME: 'met', ACHIEVEMENTS: 'Anti-social behaviour down by a third', BENEFITS: 'Residents feel safer',
  HAS_LIAB: 'no', FUNDS: 'None', FINAL_ACCOUNTS: 'yes',
  HAS_ASSETS: 'yes', ASSETS: [{ item: 'Two CCTV cameras', owner: 'The council', disposal: 'Transfer to Essex Police', date: '2027-03-31' }],
  HAS_STAFF: 'no', HAS_CONTRACTS: 'no', HAS_DATA: 'no', RECORDS: 'Communities shared drive, six years',
  CONTINUES: 'Police continue the patrols', IMPACT: 'None expected', EQUALITY: 'yes',
  PARTNERS_TOLD: isoDay(new Date(Date.now() - 10 * DAY)), MEMBERS_TOLD: isoDay(new Date(Date.now() - 10 * DAY)), PUBLIC_MESSAGE: 'yes', COMMS_OWNER: 'Communications team',
  HAS_RISKS: 'no', WORKED: 'Shared data', DIDNT: 'Slow decisions at the start', DIFFERENTLY: 'Agree data sharing first', ADVICE: 'Name a single lead',
  RECOGNITION: 'A thank-you letter from the Leader', HAS_ACTIONS: 'no',
};

export interface FlowResult {
  flow: TurnFlow;
  count: TurnCount;
}

/** Runs every flow with a scripted officer on a fresh bot (SQLite unless a store is given), counting turns and cards. */
export async function runTurnFlows(options: { store?: RecordStore } = {}): Promise<FlowResult[]> {
  const connector = await startStubConnector();
  const bot = await startTestBot({ serviceUrl: connector.serviceUrl, store: options.store });
  try {
    const results: FlowResult[] = [];
    results.push({ flow: 'new partnership, high significance', count: await newPartnership(bot, connector, 1, HIGH) });
    results.push({ flow: 'new partnership, low significance', count: await newPartnership(bot, connector, 2, LOW) });
    results.push({ flow: 'self-assessment', count: await selfAssessment(bot, connector) });
    results.push({ flow: 'exit interview', count: await exitInterview(bot, connector) });
    return results;
  } finally {
    await bot.close();
    await connector.close();
  }
}

async function newPartnership(bot: TestBot, connector: StubConnector, n: number, script: Record<string, ScriptedAnswer>): Promise<TurnCount> {
  const officer = testUser(`Turns Officer ${n}`, 91_000 + n);
  const chat = new CountingChat(bot, connector, officer);
  await chat.say('hi');
  chat.officerTurns = 0;
  await chat.say('I need to register a new partnership with Essex Police');
  await answerAndSubmit(chat, script);
  const drafts = await bot.app.store.query<{ id: string; status: string }>({ kind: 'draft', partition: `owner:${officer.objectId}` });
  const submitted = drafts.items.find((d) => d.body.status === 'submitted');
  if (!submitted) throw new Error(`The new partnership was not submitted: ${chat.texts.slice(-3).join(' | ')}`);
  return chat.count();
}

async function selfAssessment(bot: TestBot, connector: StubConnector): Promise<TurnCount> {
  const lead = testUser('Turns Lead', 91_100);
  const chat = new CountingChat(bot, connector, lead);
  await chat.say('hi');
  chat.officerTurns = 0;
  await seedLedPartnership(bot, lead, 'turns-sa', 'Rochford Youth Forum');
  await chat.say('self-assessment for the Rochford Youth Forum');
  // Mostly in place, one statement not in place (its action appears), one stage indicator.
  await answerAndSubmit(chat, ratedResponse('2', { F3: '1' }, { stages: ['functioning'] }));
  return chat.count();
}

async function exitInterview(bot: TestBot, connector: StubConnector): Promise<TurnCount> {
  const officer = testUser('Turns Exit Officer', 91_200);
  const director = testUser('Turns Director', 91_201);
  await new CountingChat(bot, connector, director).say('hello');
  await bot.app.people.setRoles(director.objectId, ['ad'], ['communities']);
  const chat = new CountingChat(bot, connector, officer);
  await chat.say('hi');
  chat.officerTurns = 0;
  const by = { objectId: officer.objectId, name: officer.name };
  const now = new Date().toISOString();
  const id = 'turns-exit';
  const partnership: Partnership = {
    id, name: 'Rochford Community Safety Partnership', purpose: 'Reduce anti-social behaviour', partners: [{ name: 'Essex Police', sector: 'public' }],
    leadOfficer: by, officerIds: [officer.objectId], ownerId: officer.objectId, serviceArea: 'communities',
    assistantDirector: { objectId: director.objectId, name: director.name }, statutory: false, priorities: ['communities'], councilCashPerYear: 15000,
    significance: 'high', startDate: '2023-04-01', nextReviewDue: '2027-01-31', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now,
  };
  await bot.app.register.createOnce(partnership, by);
  await bot.app.register.saveAssessmentOnce({
    id, partnershipId: id, bankId: 'new-partnership', bankVersion: 1, answers: { A1: 'Reduce anti-social behaviour', B1: 'Shared patrols and data' },
    outcome: 'green', reasons: [], actions: [], risks: [], riskCounts: {}, significance: 'high', significanceReasons: [], submittedBy: by, submittedAt: now,
  });
  await chat.say('exit interview for Rochford Community Safety Partnership');
  await answerAndSubmit(chat, EXIT);
  return chat.count();
}
