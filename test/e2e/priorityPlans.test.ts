import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { answerUntilSummary, buttonData, questionIdsOnCard } from '../support/questionnaireDriver.js';
import { testUser } from '../support/teamsActivities.js';
import { GOOD } from '../support/newPartnershipRun.js';
import type { Partnership } from '../../src/partnerships/partnership.js';
import { loadConfig } from '../../src/config/config.js';
import { ReferenceData, ReferenceDataError } from '../../src/config/referenceData.js';

const OFFICER = testUser('Olu Officer', 7601);

/** The council adds its current plan as version 2; the Business Plan 2016-2020 stays as version 1. */
const PRIORITIES = {
  current: 2,
  plans: [
    {
      version: 1,
      name: 'Business Plan 2016-2020',
      priorities: [
        { id: 'self-sufficient', label: 'Become financially self-sufficient' },
        { id: 'early-intervention', label: 'Early intervention' },
        { id: 'assets', label: 'Maximise our assets' },
        { id: 'communities', label: 'Enable communities' },
      ],
    },
    {
      version: 2,
      name: 'Council Plan 2024-2028',
      priorities: [
        { id: 'greener-district', label: 'A greener district' },
        { id: 'healthy-lives', label: 'Healthy, independent lives' },
        { id: 'thriving-economy', label: 'A thriving local economy' },
      ],
    },
  ],
};

describe('a new council plan in configuration', () => {
  let bot: TestBot;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'priorities-'));
    writeFileSync(join(dir, 'priorities.json'), JSON.stringify(PRIORITIES));
    bot = await startTestBot({ env: { PRIORITIES_FILE: join(dir, 'priorities.json') } });
    await bot.chat(OFFICER).say('hello');
    const now = new Date().toISOString();
    // Registered under the 2016-2020 plan, before plans were versioned: no priorityPlan on the record.
    const old: Partnership = {
      id: 'old-record', name: 'Early Years Network', purpose: 'Support families early', partners: [], leadOfficer: { objectId: OFFICER.objectId, name: OFFICER.name },
      officerIds: [OFFICER.objectId], ownerId: OFFICER.objectId, serviceArea: 'communities', statutory: false, priorities: ['early-intervention', 'communities'],
      councilCashPerYear: 0, significance: 'low', startDate: '2018-04-01', nextReviewDue: '2027-04-01', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now,
    };
    await bot.app.register.createOnce(old, { objectId: OFFICER.objectId, name: OFFICER.name });
  }, 60_000);
  afterAll(async () => bot.close());

  it('new drafts ask the new plan\'s priorities, and the record keeps the version and labels it was judged on', async () => {
    const chat = bot.chat(OFFICER);
    const opening = await chat.say('new partnership');
    let asked = '';
    const { summary } = await answerUntilSummary(
      { submit: async (value) => {
        const replies = await chat.submit(value);
        const card = cardsOf(replies).at(-1);
        if (card && questionIdsOnCard(card).includes('A2')) asked = JSON.stringify(card);
        return replies;
      } },
      opening,
      { ...GOOD, NAME: 'Green Spaces Partnership', A2: ['greener-district', 'healthy-lives'] },
    );
    expect(asked).toContain('A greener district');
    expect(asked).toContain('None of these');
    expect(asked).not.toContain('Maximise our assets');
    await chat.submit(buttonData(summary, 'Submit'));
    const created = (await bot.app.register.all()).find((p) => p.name === 'Green Spaces Partnership')!;
    expect(created.priorities).toEqual(['greener-district', 'healthy-lives']);
    expect(created.priorityPlan).toEqual({ version: 2, labels: { 'greener-district': 'A greener district', 'healthy-lives': 'Healthy, independent lives' } });
    expect(textsOf(await chat.say('show Green Spaces Partnership'))).toContain('Council priorities: A greener district, Healthy, independent lives');
  });

  it('an old record still shows the labels it was judged on', async () => {
    expect(textsOf(await bot.chat(OFFICER).say('show Early Years Network'))).toContain('Council priorities: Early intervention, Enable communities');
  });

  it('its lead officer is asked to re-link it to the new plan at its next review', async () => {
    const replies = await bot.chat(OFFICER).say('self-assessment for Early Years Network');
    expect(textsOf(replies)).toContain('The council now works to the Council Plan 2024-2028');
    const card = cardsOf(replies).find((c) => JSON.stringify(c).includes('relinkPriorities'))!;
    const data = ((card['actions'] as Array<{ data: Record<string, unknown> }>)[0]!).data;
    expect(textsOf(await bot.chat(OFFICER).submit({ ...data, priorities: 'healthy-lives' }))).toContain('Linked Early Years Network to the Council Plan 2024-2028: Healthy, independent lives.');
    const entry = (await bot.app.register.get('old-record'))!;
    expect(entry.priorityPlan).toEqual({ version: 2, labels: { 'healthy-lives': 'Healthy, independent lives' } });
    const event = (await bot.app.register.auditTrail('old-record')).find((e) => e.changes?.['priorities'])!;
    expect(event.changes!['priorities']).toEqual({ from: ['early-intervention', 'communities'], to: ['healthy-lives'] });
  });

  it('a plan file that removes the first version, or names an unknown current one, stops start-up with one line naming the file and the entry', () => {
    const bad = join(dir, 'bad.json');
    const files = { ...loadConfig({}).referenceData, prioritiesFile: bad };
    writeFileSync(bad, JSON.stringify({ current: 2, plans: [PRIORITIES.plans[1]] }));
    expect(() => ReferenceData.load(files)).toThrow(ReferenceDataError);
    expect(() => ReferenceData.load(files)).toThrow(`${bad}: plan 1 says version 2`);
    writeFileSync(bad, JSON.stringify({ current: 1, plans: [{ ...PRIORITIES.plans[0], priorities: [{ id: 'Bad Id', label: 'x' }] }] }));
    expect(() => ReferenceData.load(files)).toThrow(`${bad}: plan 1 (version 1), priority 1 (Bad Id), field id: must be lower-case`);
  });
});
