import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/clock.js';
import { cardsOf, textsOf, type BotActivity, type TestChat } from '../support/botHarness.js';
import { documentUrlOf, visible } from '../support/documentLinks.js';
import { GOOD } from '../support/newPartnershipRun.js';
import { parseCsv } from '../support/parseCsv.js';
import { answerUntilSummary, buttonData, fillCard, questionIdsOnCard, type ScriptedAnswer } from '../support/questionnaireDriver.js';
import { closeYearFrom, ratedResponse, respondInChat } from '../support/selfAssessmentRun.js';
import { botOnStore } from '../support/storeBot.js';
import { testUser } from '../support/teamsActivities.js';

/**
 * Issue 17 item 5: words, not codes, everywhere an officer, an Assistant Director or Leadership
 * Team reads. Every id and option value in the banks and config/*.json is collected; the flows are
 * driven over HTTP as people use them (register with a high risk, the AD's card and decision, the
 * detail card, a self-assessment with low ratings and actions, the register export, the annual
 * report); then every reply, every proactive message, every CSV cell and the report's text are
 * scanned for those codes and for ISO dates.
 */

interface Codes {
  /** Codes that cannot be mistaken for words (F3, RCAT, accountable-body, R_financial_l): never in any text. */
  distinctive: Set<string>;
  /** Lower-case one-word codes (economy, mou, lead): never a whole shown value (a fact, a CSV cell, a table cell). */
  plain: Set<string>;
}

const HUMAN_KEYS = new Set(['prompt', 'help', 'label', 'title', 'description', 'intro', 'name', 'text', 'guidance', 'placeholder', 'itemName', 'unit', 'reason', 'unsureReason', 'warning', 'action', 'rule']);

function collectCodes(): Codes {
  const codes = new Set<string>();
  const words = new Set<string>();
  const walk = (node: unknown, key = ''): void => {
    if (Array.isArray(node)) return node.forEach((child) => walk(child, key));
    if (typeof node === 'string') {
      if (HUMAN_KEYS.has(key) || /\s/.test(node)) for (const word of node.match(/[A-Za-z0-9_-]+/g) ?? []) words.add(word);
      if (['id', 'value', 'group', 'ref', 'question', 'category', 'actionFor', 'exclusiveOption', 'includes', 'equals'].includes(key)) codes.add(node);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'conditions' && typeof v === 'object' && v !== null) Object.keys(v).forEach((name) => codes.add(name));
      walk(v, k);
    }
  };
  for (const dir of ['banks', 'config']) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')));
  }
  const distinctive = new Set<string>();
  const plain = new Set<string>();
  for (const code of codes) {
    if (code.length < 2 || /^\d+$/.test(code)) continue;
    // A code also used as a word in the banks' own text ("open-ended" in a help text) may be shown as that word.
    if (/[-_0-9A-Z]/.test(code)) {
      if (!words.has(code)) distinctive.add(code);
    } else plain.add(code);
  }
  return { distinctive, plain };
}

/** What a person sees of a card: text, labels, placeholders, facts, choice and button titles (never values or data). */
function shown(node: unknown, out: { texts: string[]; values: string[] }): void {
  if (Array.isArray(node)) return node.forEach((child) => shown(child, out));
  if (typeof node !== 'object' || node === null) return;
  const element = node as Record<string, unknown>;
  for (const key of ['text', 'label', 'placeholder', 'altText', 'fallbackText']) if (typeof element[key] === 'string') out.texts.push(element[key] as string);
  if (Array.isArray(element['facts'])) {
    for (const fact of element['facts'] as Array<{ title: string; value: string }>) {
      out.texts.push(`${fact.title}: ${fact.value}`);
      out.values.push(fact.value);
    }
  }
  if (Array.isArray(element['choices'])) for (const choice of element['choices'] as Array<{ title: string }>) out.texts.push(choice.title);
  if (typeof element['title'] === 'string' && (String(element['type'] ?? '').startsWith('Action.') || element['type'] === 'Input.Toggle')) out.texts.push(element['title'] as string);
  for (const [key, value] of Object.entries(element)) if (!['facts', 'choices', 'data', 'value', 'id', 'verb'].includes(key) && typeof value === 'object') shown(value, out);
}

function activityText(activity: BotActivity, out: { texts: string[]; values: string[] }): void {
  if (activity.text) out.texts.push(activity.text);
  if (typeof activity['summary' as keyof BotActivity] === 'string') out.texts.push(activity['summary' as keyof BotActivity] as string);
  for (const card of cardsOf([activity])) shown(card, out);
}

/** A chat that keeps every reply, so each card in the flow is scanned, not only the last. */
function recording(chat: TestChat, replies: BotActivity[]): TestChat {
  const keep = async (p: Promise<BotActivity[]>) => {
    const got = await p;
    replies.push(...got);
    return got;
  };
  return {
    conversationId: chat.conversationId,
    say: (text) => keep(chat.say(text)),
    submit: (value, replyToId) => keep(chat.submit(value, replyToId)),
    mention: (text) => keep(chat.mention(text)),
    sendFile: (name, url) => keep(chat.sendFile(name, url)),
  };
}

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

/** What a card already holds (the exit interview's prefilled answers), sent back as a person leaves it. */
function prefilledInputs(card: Record<string, unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (String(element['type'] ?? '').startsWith('Input.') && typeof element['id'] === 'string' && element['value'] !== undefined) inputs[element['id'] as string] = element['value'];
    Object.values(element).forEach(walk);
  };
  walk(card['body']);
  return inputs;
}

/** An exit interview with something in every group, dated before the test's today (10 November 2026). */
const EXIT: Record<string, ScriptedAnswer> = {
  TYPE: 'achieved', REASONS: ['aims-achieved', 'funding-ended'], DEC_WHO: 'Cabinet', DEC_DATE: '2026-10-01', DEC_REF: 'Cabinet minute 45/26',
  NOTICE_DATE: '2026-10-02', NOTICE_PERIOD: 'Three months', EXIT_DATE: '2027-03-31', TERMS_FOLLOWED: 'yes', OUTCOME: 'partly',
  ACHIEVEMENTS: 'Patrols every month', BENEFITS: 'Residents feel safer',
  HAS_LIAB: 'yes', LIABILITIES: [{ what: 'Final invoice', amount: '£2,400', owner: 'Finance', settleBy: '2027-02-28' }], FUNDS: 'None', FINAL_ACCOUNTS: 'unsure',
  HAS_ASSETS: 'yes', ASSETS: [{ item: 'Two cameras', owner: 'The council', disposal: 'Transfer to Essex Police', date: '2027-03-31' }],
  HAS_STAFF: 'no', HAS_CONTRACTS: 'yes', CONTRACTS: [{ contract: 'Camera maintenance', action: 'transfer', to: 'Essex Police', by: '2027-03-31' }], LEGAL_ADVICE: 'yes',
  HAS_DATA: 'yes', DATA_RETURNED: 'yes', DSA_ENDED: 'yes', RECORDS: 'Shared drive, six years', CONTINUES: 'Police patrols', IMPACT: 'None expected', EQUALITY: 'yes',
  PARTNERS_TOLD: '2026-10-02', MEMBERS_TOLD: '2026-10-02', PUBLIC_MESSAGE: 'yes', COMMS_OWNER: 'Communications team',
  HAS_RISKS: 'yes', RISKS: [{ risk: 'Patrols lapse', owner: 'Essex Police', action: 'Quarterly check-in' }],
  WORKED: 'Shared data', DIDNT: 'Slow decisions', DIFFERENTLY: 'Agree data sharing first', ADVICE: 'Name a single lead', RECOGNITION: 'A thank-you letter',
  HAS_ACTIONS: 'yes', FOLLOW_ON: [{ action: 'Pay the final invoice', owner: 'Finance', due: '2027-02-28', status: 'not-started' }],
};

describe.each(['sqlite', 'cosmos'] as const)('words, not codes, in everything people read (%s store)', (storeKind) => {
  const AD = testUser('Helen Ward', 7101);
  const SPO = testUser('Jo Bloggs', 7102);
  const OFFICER = testUser('Wendy Cole', 7110);
  const clock = new ManualClock(new Date('2026-11-10T09:00:00Z'));
  const run = botOnStore(storeKind, { clock }, async ({ bot }) => {
    await bot.chat(AD, 'a:words-ad').say('hello');
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
    await bot.chat(SPO, 'a:words-spo').say('hello');
    await bot.app.people.setRoles(SPO.objectId, ['spo'], []);
  });

  it('no card, message, CSV cell or report text shows an internal code or an ISO date', async () => {
    const codes = collectCodes();
    // The collection itself is sound: the codes the audit found are in it.
    for (const code of ['F3', 'RCAT', 'accountable-body', 'not-sought']) expect(codes.distinctive, code).toContain(code);
    for (const code of ['economy', 'mou', 'observer']) expect(codes.plain, code).toContain(code);

    const replies: BotActivity[] = [];
    const officer = recording(run.bot.chat(OFFICER, 'a:words-officer'), replies);
    const spo = recording(run.bot.chat(SPO, 'a:words-spo'), replies);
    const ad = recording(run.bot.chat(AD, 'a:words-ad'), replies);

    // A new partnership with a risk still very high after controls: an action with a due date.
    await officer.say('hi');
    const script: Record<string, ScriptedAnswer> = {
      ...GOOD, NAME: 'Wording Check Partnership', C5: 'member', D1: 'mou',
      R_financial_l: '4', R_financial_i: '4', R_financial_rl: '4', R_financial_ri: '4', R_financial_action: 'Find match funding', R_financial_due: '2027-04-01',
    };
    const opening = await officer.say('I want to register a partnership with Essex Police');
    const { summary } = await answerUntilSummary(officer, opening, script);
    let result = await officer.submit(buttonData(summary, 'Submit'));
    if (textsOf(result).includes('already on the register')) result = await officer.submit(buttonData(result, 'No, a different partnership: register it'));
    expect(textsOf(result)).toContain('by 1 April 2027');
    const notice = run.connector.sent().map((c) => c.body as BotActivity).filter((b) => textsOf([b]).includes('Wording Check Partnership')).at(-1);
    expect(notice).toBeDefined();
    await ad.submit({ ...buttonData([notice!], 'Approve'), approvalComments: 'Agreed, with the funding action', approvalConditions: '' });
    await officer.say('tell me about Wording Check Partnership');

    // A self-assessment with low ratings: actions, a suggested stage and a recommendation.
    const response = ratedResponse('2', { F3: '0', P2: '1' });
    for (const key of Object.keys(response)) {
      if (key.endsWith('_evidence')) response[key] = 'Minutes of the last board meeting';
      if (key.endsWith('_action')) response[key] = 'Write simple terms of reference';
    }
    const submitted = await respondInChat(officer, 'self-assessment for Wording Check Partnership', response);
    await closeYearFrom(officer, submitted, '2026/27');

    // Questions typed about it, each answered in a sentence or a card.
    for (const question of ['who leads Wording Check Partnership', 'what stage is Wording Check Partnership at', 'risks of Wording Check Partnership', 'open actions for Wording Check Partnership', 'my partnerships', 'status of Wording Check Partnership', 'partnerships in communities']) {
      await officer.say(question);
    }

    // The exit interview, the Assistant Director's sign-off card and the document shown again.
    let exit = await officer.say('exit interview for Wording Check Partnership');
    for (let step = 0; step < 60 && !textsOf(exit).includes('Check your answers'); step++) {
      const card = cardsOf(exit).at(-1)!;
      const ids = questionIdsOnCard(card);
      exit = await officer.submit({ ...buttonData(exit, 'Next'), ...prefilledInputs(card), ...fillCard(ids, { ...EXIT, OBJECTIVES: [{ objective: 'Anti-social behaviour down by a fifth', result: 'achieved' }, { objective: 'Monthly joint patrols in Rayleigh', result: 'partly', comment: 'Only in summer' }] }) });
    }
    expect(textsOf(exit)).toContain('Check your answers');
    await officer.submit(buttonData(exit, 'Submit'));
    await officer.say('show the exit document for Wording Check Partnership');

    // The register export and the annual report, as the SPO gets them.
    const exported = await spo.say('export the register');
    const csv = (await (await fetch(documentUrlOf(exported)!)).text()).replace(/^\uFEFF/, '');
    const [header, ...rows] = parseCsv(csv);
    const report = await spo.say('annual report for 2026/27');
    const html = await (await fetch(documentUrlOf(report)!)).text();
    await spo.say('pending approvals');

    const seen = { texts: [] as string[], values: [] as string[] };
    for (const activity of [...replies, ...run.connector.sent().map((c) => c.body as BotActivity)]) activityText(activity, seen);
    // The CSV's Reference column is the re-import's key (a code column on purpose); every other cell is read by people.
    const referenceColumn = header!.indexOf('Reference');
    const cells = rows.flatMap((row) => row.filter((_, i) => i !== referenceColumn));
    const cellsOfReport = [...html.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => visible(m[1]!));
    const reportText = visible(html);

    const problems: string[] = [];
    const tokens = (text: string) => text.match(/[A-Za-z0-9_-]+/g) ?? [];
    for (const [where, texts] of [['reply', seen.texts], ['CSV', cells], ['report', [reportText]]] as const) {
      for (const text of texts) {
        for (const token of tokens(text)) if (codes.distinctive.has(token)) problems.push(`${where}: code "${token}" in "${text.slice(0, 160)}"`);
        if (ISO_DATE.test(text)) problems.push(`${where}: ISO date in "${text.slice(0, 160)}"`);
      }
    }
    for (const [where, values] of [['card fact', seen.values], ['CSV cell', cells], ['report cell', cellsOfReport]] as const) {
      for (const value of values) for (const part of value.split(/;\s*/)) if (codes.plain.has(part.trim())) problems.push(`${where}: code "${part.trim()}" shown as "${value.slice(0, 160)}"`);
    }
    expect([...new Set(problems)]).toEqual([]);
    // It looked at real material.
    expect(seen.texts.length).toBeGreaterThan(50);
    expect(cells.some((c) => c === 'Memorandum of understanding (MoU)' || /Memorandum/.test(c))).toBe(true);
    expect(reportText).toContain('Wording Check Partnership');
  });
});
