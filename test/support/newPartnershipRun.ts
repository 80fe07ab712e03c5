import type { NewPartnershipAssessment, Partnership } from '../../src/partnerships/partnership.js';
import { cardsOf, textsOf, type BotActivity, type TestBot, type TestChat } from './botHarness.js';
import { cardProblems } from './cardValidation.js';
import { answerUntilSummary, buttonData, type ScriptedAnswer } from './questionnaireDriver.js';
import type { TestUser } from './teamsActivities.js';

/** A sound partnership: every gate met, nothing weak, one low risk. */
export const GOOD: Record<string, ScriptedAnswer> = {
  NAME: 'Rochford Community Safety Partnership', AREA: 'communities', A1: 'Reduce anti-social behaviour in the district',
  STAT: 'no', INFO: 'no', ESS: 'no', E1: '£15,000', E4: 'no', E5: 'no',
  A2: ['early-intervention', 'communities'], A3: 'Earlier youth outreach', A4: 'no', A5: 'several', A6: 'Residents of Rayleigh and Rochford',
  B1A: 'agreed', B1: 'Shared patrols and data', B2: 'yes', B3: 'no', B4: 'Incident numbers each quarter',
  C1: [{ name: 'Essex Police', sector: 'public', contact: 'inspector@essex.police.uk' }, { name: 'Rochford CVS', sector: 'voluntary' }],
  C5: 'member', C2: 'yes', C3: 'yes', C4: 'yes', C6: 'yes',
  D1: 'mou', D2: 'mou', D3: 'yes', D4: 'Reports to the Community Safety committee', D5: 'yes', D6: 'Declared at each meeting',
  E2: 'Two officers for a day a month', E2h: '16', E3: '£40,000', E3w: 'The council and the Police', E6: 'authorised', E7: 'The board', E8: 'Quarterly statement',
  F1: 'yes', OBJ: [{ objective: 'Anti-social behaviour down by a fifth' }, { objective: 'Monthly joint patrols in Rayleigh' }], F2: 'quarterly', F2w: 'The board', F3: 'The chair',
  G2: 'Monthly dashboard', G3: 'yes', G3b: 'yes',
  H1: '2027-03-31', H2A: 'agreed', H2: 'Three months notice; assets returned to their owners', H3: 'Shared by contribution', H4: 'yes',
  RCAT: ['financial'],
  R_financial_desc: 'Police funding ends', R_financial_l: '2', R_financial_i: '2', R_financial_controls: 'Annual budget review',
  R_financial_adequacy: 'good', R_financial_rl: '1', R_financial_ri: '2', R_financial_owner: 'Finance manager',
  I1: 'Council website and newsletter', I2: 'yes', I3: 'yes',
};


export interface Registered {
  officer: TestUser;
  chat: TestChat;
  result: BotActivity[];
  /** Question ids in the order they were asked. */
  asked: string[];
  partnership: Partnership;
  assessment: NewPartnershipAssessment;
}

/**
 * An officer registers a new partnership over HTTP: asks in words, answers every card from the
 * script, submits, and every card the bot sends back is valid. Returns the register entry and
 * the assessment as stored.
 */
export async function registerPartnership(bot: TestBot, officer: TestUser, script: Record<string, ScriptedAnswer>): Promise<Registered> {
  const chat = bot.chat(officer);
  await chat.say('hi');
  const opening = await chat.say('I want to register a partnership with Essex Police');
  if (!textsOf(opening).includes("Let's register the new partnership")) throw new Error(`Registration did not start: ${textsOf(opening).slice(0, 300)}`);
  const { summary, asked } = await answerUntilSummary(chat, opening, script);
  let result = await chat.submit(buttonData(summary, 'Submit'));
  // A name like one already registered is asked about first; these runs register a different partnership.
  if (textsOf(result).includes('already on the register')) result = await chat.submit(buttonData(result, 'No, a different partnership: register it'));
  for (const card of cardsOf(result)) {
    const problems = cardProblems(card);
    if (problems.length > 0) throw new Error(`Invalid card: ${problems.join('; ')}`);
  }
  const drafts = await bot.app.store.query<{ id: string; status: string }>({ kind: 'draft', partition: `owner:${officer.objectId}` });
  const id = drafts.items[0]!.body.id;
  return { officer, chat, result, asked, partnership: (await bot.app.register.get(id))!, assessment: (await bot.app.register.assessment(id, id))! };
}
