import { describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf } from '../support/botHarness.js';
import { GOOD, registerPartnership } from '../support/newPartnershipRun.js';
import { answerUntilSummary, buttonData, loadBank, seedDraft, type ScriptedAnswer } from '../support/questionnaireDriver.js';
import { closeYearFrom, ratedResponse, respondInChat } from '../support/selfAssessmentRun.js';
import { botOnStore } from '../support/storeBot.js';
import { testUser } from '../support/teamsActivities.js';
import { ManualClock } from '../../src/util/clock.js';
import type { SelfAssessment } from '../../src/assessments/selfAssessment.js';

const AD = testUser('Helen Ward', 6001);
const RISK_SCALE_5X5 = 'test/fixtures/config/risk-scale-5x5.json';

/** The choices a card offers for one question, as [value, title]. */
function choicesOf(card: Record<string, unknown> | undefined, questionId: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (element['id'] === `answer:${questionId}` && Array.isArray(element['choices'])) {
      for (const c of element['choices'] as Array<{ value: string; title: string }>) found.push([c.value, c.title]);
    }
    Object.values(element).forEach(walk);
  };
  walk(card);
  return found;
}

/**
 * The shipped new-partnership bank at its edges (issue 18): every gate answered
 * badly, risk after controls, "not sure" about personal data and liabilities,
 * the short path, and the partnership's real start date.
 */
describe.each(['sqlite', 'cosmos'] as const)('new partnership rules, over HTTP with the shipped bank (%s store)', (storeKind) => {
  let officerNumber = 6100;
  const clock = new ManualClock(new Date('2026-11-10T09:00:00Z'));
  const run = botOnStore(storeKind, { clock }, async ({ bot }) => {
    await run.bot.chat(AD, 'a:ad-rules').say('hello');
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
  });
  const register = (script: Record<string, ScriptedAnswer>) => registerPartnership(run.bot, testUser(`Officer ${officerNumber}`, ++officerNumber), script);

  it.each([
    ['A5', { A5: 'one-could' }, 'One body could do this alone, so a partnership may not add value.'],
    ['C2', { C2: 'no' }, 'Partners do not share the same main aims, so the partnership is unlikely to hold together.'],
    ['D3', { D3: 'no' }, 'It is not clear how decisions will be made, recorded, followed up and scrutinised.'],
    ['E6', { E6: 'not-sought' }, "The council's money or other liabilities have not been put forward for authorisation."],
  ])('gate %s answered badly turns the outcome red', async (gate, change, reason) => {
    const { result, assessment, asked } = await register({ ...GOOD, NAME: `Gate ${gate} Partnership`, ...change });
    expect(asked).toContain(gate);
    expect(textsOf(result)).toContain('Red: do not proceed without an Assistant Director decision');
    expect(textsOf(result)).toContain(reason);
    expect(assessment.outcome).toBe('red');
  });

  // Issue 17 item 3: a gate that is not agreed yet is said so, and gives amber with an action, never a silent red.
  it.each([
    ['H2A', 'It is not yet agreed what happens if the partnership ends or the council leaves.', 'Agree and record an exit strategy covering notice, liabilities, assets and staff.'],
    ['B1A', 'Partners have not yet agreed what they will achieve together that they could not achieve alone.', 'Agree with partners, and record, what the partnership will achieve that no partner could alone.'],
  ])('"not agreed yet" at %s gives amber and an action, not red', async (gate, reason, action) => {
    const { result, assessment, asked } = await register({ ...GOOD, NAME: `Not Yet ${gate} Partnership`, [gate]: 'not-yet' });
    expect(asked).toContain(gate);
    // The description sits beside the gate on the same card ("If agreed: …", optional): the gate alone decides the outcome.
    expect(asked).toContain(gate.slice(0, 2));
    expect(textsOf(result)).not.toContain('Red: do not proceed');
    expect(textsOf(result)).toContain(reason);
    expect(assessment.outcome).toBe('amber');
    expect(assessment.actions).toContain(action);
  });

  it('a draft started on bank version 3 (before the redeploy that brought version 4) finishes on version 3', async () => {
    const officer = testUser(`Officer ${officerNumber}`, ++officerNumber);
    await run.bot.chat(officer).say('hi');
    const v3 = loadBank('banks', 'new-partnership', 3);
    const order = v3.sections.flatMap((section) => section.questions.map((q) => q.id));
    const before = Object.fromEntries(order.slice(0, order.indexOf('B1')).filter((id) => GOOD[id] !== undefined && !['C1'].includes(id)).map((id) => [id, id === 'E1' ? 15000 : GOOD[id]]));
    const draft = await seedDraft(run.bot, officer, v3, 'B1', { ...before, NAME: 'Version Three Partnership', START: undefined } as never);
    const chat = run.bot.chat(officer);
    const resumed = await chat.submit({ resume: draft.id });
    const { summary, asked } = await answerUntilSummary(chat, resumed, GOOD);
    expect(asked).not.toContain('B1A');
    expect(asked).not.toContain('H2A');
    expect(asked).toContain('H2');
    let result = await chat.submit(buttonData(summary, 'Submit'));
    if (textsOf(result).includes('already on the register')) result = await chat.submit(buttonData(result, 'No, a different partnership: register it'));
    const assessment = (await run.bot.app.register.assessment(draft.id, draft.id))!;
    expect(assessment).toMatchObject({ bankVersion: 3 });
    expect(textsOf(result)).toContain('Version Three Partnership');
    expect(textsOf(result)).toContain('Green: ready for approval');
  });

  it('a gate question cannot be skipped: the card says it needs an answer, nothing is recorded as blank', async () => {
    const { result } = await register({ ...GOOD, NAME: 'Skipped Gate Partnership', H2A: '' }).catch((error: Error) => ({ result: [{ type: 'message', text: error.message }] }));
    // The card (one per section since issue 17) comes back with H2A among its questions, marked as needing an answer.
    expect(textsOf(result as never)).toMatch(/Re-asked [^:]*\bH2A\b/);
  });

  it('item 9: a risk higher after controls than before, even with excellent controls, is queried and the explanation kept', async () => {
    const { asked, result, assessment } = await register({
      ...GOOD, NAME: 'Rising Risk Partnership', R_financial_l: '1', R_financial_i: '1', R_financial_adequacy: 'excellent', R_financial_rl: '3', R_financial_ri: '2',
      R_financial_rise: "The new funder's clawback rules start next year",
    });
    expect(asked).toContain('R_financial_rise');
    expect(asked).not.toContain('R_financial_poorfall');
    expect(assessment.risks[0]).toMatchObject({ inherentScore: 1, residualScore: 6, scoreNote: "The new funder's clawback rules start next year" });
    expect(textsOf(result)).toContain("The financial risk scores higher after controls (6) than before them (1): “The new funder's clawback rules start next year”");
  });

  it('item 9: a large fall with poor controls is queried too; a fall with good controls is not', async () => {
    const { asked, assessment } = await register({
      ...GOOD, NAME: 'Falling Risk Partnership', R_financial_l: '4', R_financial_i: '4', R_financial_adequacy: 'poor', R_financial_rl: '1', R_financial_ri: '1',
      R_financial_poorfall: 'A signed funding agreement removes the risk',
    });
    expect(asked).toContain('R_financial_poorfall');
    expect(assessment.risks[0]).toMatchObject({ inherentScore: 16, residualScore: 1, scoreNote: 'A signed funding agreement removes the risk' });
    const sound = await register({ ...GOOD, NAME: 'Sound Controls Partnership' });
    expect(sound.asked).not.toContain('R_financial_rise');
    expect(sound.asked).not.toContain('R_financial_poorfall');
  });

  it('item 10: "not sure" whether personal data will be shared asks about the sharing agreement and DPIA, and "not sure" about either counts as weak', async () => {
    const { asked, result, assessment } = await register({ ...GOOD, NAME: 'Unsure Data Partnership', G3: 'unsure', G3b: 'no', E5: 'unsure', E5d: 'Possible grant clawback' });
    expect(asked).toContain('G3b');
    expect(textsOf(result)).toContain('3 other answers were no or not sure.');
    expect(assessment.outcome).toBe('amber');
    expect(assessment.actions).toEqual(expect.arrayContaining([
      'Find out whether personal data will be shared between partners; if it will, put a data sharing agreement and a data protection impact assessment (DPIA) in place first.',
      'Find out what liabilities the council could be left with, such as debts, grant clawback, redundancy costs or claims, and get them authorised before committing.',
    ]));
  });

  it('item 11: the council as accountable body takes the full set of questions, even with no cash and information sharing only', async () => {
    const { asked, partnership, assessment } = await register({ ...GOOD, NAME: 'Accountable Body Network', C5: 'accountable-body', E1: '0', INFO: 'yes', E5: 'no', E4: 'no', STAT: 'no' });
    for (const gate of ['A5', 'B2', 'C2', 'D3']) expect(asked).toContain(gate);
    expect(partnership.significance).toBe('high');
    expect(assessment.significanceReasons).toContain('the council is the accountable body');
  });

  it('item 11: a partnership essential to a council priority is of high significance and takes the full set', async () => {
    const { asked, partnership, assessment } = await register({ ...GOOD, NAME: 'Essential Network', C5: 'member', E1: '0', INFO: 'yes', E5: 'no', E4: 'no', STAT: 'no', ESS: 'yes' });
    expect(asked).toContain('ESS');
    expect(asked).toContain('B2');
    expect(partnership.significance).toBe('high');
    expect(assessment.significanceReasons).toContain('it is essential to delivering a council priority');
  });

  it('item 12: "under 12 months old" reads the real start date given when registering, not the day it was entered', async () => {
    const { officer, chat, partnership } = await register({ ...GOOD, NAME: 'Long Standing Partnership', START: '2019-06-01' });
    expect(partnership.startDate).toBe('2019-06-01');
    await run.bot.chat(AD, 'a:ad-rules').submit({ approval: { partnershipId: partnership.id, decision: 'approve' }, approvalComments: '' });
    // One forming indicator: with a wrong "under 12 months" signal Forming would tie with Functioning and win.
    const replies = await respondInChat(chat, 'self-assessment for the Long Standing Partnership', { ...ratedResponse('2'), S_forming_1: 'yes' });
    const closed = await closeYearFrom(chat, replies, '2026/27');
    expect(textsOf(closed)).toContain('Suggested life-cycle stage: Functioning');
    const year = (await run.bot.app.store.read<SelfAssessment>({ kind: 'self-assessment', partition: partnership.id, id: '2026-27' }))!.body;
    expect(year.stage.scores.forming).toBeCloseTo(1 / 5);
    expect(year.stage.reasons).not.toContain('It is less than 12 months old');
    expect(officer.objectId).toBe(partnership.leadOfficer.objectId);

    // Left blank, the start date is the day it was proposed.
    expect((await register({ ...GOOD, NAME: 'Brand New Partnership' })).partnership.startDate).toBe('2026-11-10');
  }, 120_000);
});

describe.each(['sqlite', 'cosmos'] as const)('a 5 x 5 risk matrix is configuration only: RISK_SCALE_FILE changed, no bank touched (%s store)', (storeKind) => {
  const run = botOnStore(storeKind, { env: { RISK_SCALE_FILE: RISK_SCALE_5X5 } });

  it('item 8: a whole new partnership on the 5 x 5 matrix: levels 1 to 5 with its labels, its bands, and an action only where its bands ask for one', async () => {
    const { asked, result, assessment, partnership } = await registerPartnership(run.bot, testUser('Five By Five', 6501), {
      ...GOOD, NAME: 'Five By Five Partnership', RCAT: ['financial', 'partner'],
      // 5 x 4 before, 3 x 3 = 9 after: medium on this matrix, so no mitigation plan is asked for.
      R_financial_l: '5', R_financial_i: '4', R_financial_rl: '3', R_financial_ri: '3',
      // 4 x 5 before, 4 x 3 = 12 after: high on this matrix.
      R_partner_desc: 'The main partner withdraws', R_partner_l: '4', R_partner_i: '5', R_partner_controls: 'Partnership agreement with notice period',
      R_partner_adequacy: 'fair', R_partner_rl: '4', R_partner_ri: '3', R_partner_owner: 'Partnership manager',
      R_partner_action: 'Agree a second delivery partner', R_partner_due: '2031-06-30',
    });
    expect(asked).not.toContain('R_financial_action');
    expect(asked).toContain('R_partner_action');
    expect(assessment.risks.map((r) => [r.category, r.inherentScore, r.inherentBand, r.residualScore, r.residualBand])).toEqual([
      ['financial', 20, 'very-high', 9, 'medium'],
      ['partner', 20, 'very-high', 12, 'high'],
    ]);
    expect(partnership.overallRisk).toBe('high');
    expect(assessment.outcome).toBe('amber');
    expect(textsOf(result)).toContain('The overall risk is high: Mitigate.');
    expect(textsOf(result)).toContain('High risks: 1');

    // The card offers the matrix's own levels and labels, read from the configuration.
    const officer = testUser('Five By Five Again', 6502);
    const bank = loadBank('banks', 'new-partnership', undefined, RISK_SCALE_5X5);
    const draft = await seedDraft(run.bot, officer, bank, 'R_financial_desc', { NAME: 'Card Check', AREA: 'communities', A1: 'Testing', RCAT: ['financial'] });
    const card = cardsOf(await run.bot.chat(officer).submit({ resume: draft.id })).at(-1);
    expect(choicesOf(card, 'R_financial_l')).toEqual([['1', '1 – Rare'], ['2', '2 – Unlikely'], ['3', '3 – Possible'], ['4', '4 – Likely'], ['5', '5 – Almost certain']]);
    expect(choicesOf(card, 'R_financial_ri').map(([, title]) => title)).toEqual(['1 – Negligible', '2 – Minor', '3 – Moderate', '4 – Major', '5 – Catastrophic']);
    const other = testUser('Five By Five Intro', 6503);
    const atIntro = await seedDraft(run.bot, other, bank, 'RCAT', { NAME: 'Intro Check', AREA: 'communities', A1: 'Testing' });
    const intro = textsOf(await run.bot.chat(other).submit({ resume: atIntro.id }));
    expect(intro).toContain("score it on the council's risk matrix (5 x 5 matrix)");
    expect(intro).toContain('a score of 10 or more after controls is high and needs an action with a date');
  }, 120_000);

  it('item 8: start-up refuses a bank whose risk questions do not fit the configured scale, in one line naming the file and the question', async () => {
    const starting = startTestBot({ env: { BANKS_DIR: 'test/fixtures/banks-risk-misfit', RISK_SCALE_FILE: RISK_SCALE_5X5 } });
    await expect(starting).rejects.toThrow(
      'test/fixtures/banks-risk-misfit/risk-demo.v1.json: question R_demo_l offers likelihood levels 1 to 4, but the risk scale "5 x 5 matrix" has 1 to 5: list the same levels, or take them from the scale with "optionsFrom": "likelihood"',
    );
    await expect(starting).rejects.toThrow(/^[^\n]+$/);
  });
});
