import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { testUser } from '../support/teamsActivities.js';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { Partnership } from '../../src/partnerships/partnership.js';

const LEAD = testUser('Lena Lead', 7401);
const AD = testUser('Helen Ward', 7402);
const SPO = testUser('Jo Bloggs', 7403);
const OTHER = testUser('Olu Other', 7404);
const SAM = testUser('Sam Patel', 7405);

/** The card's inputs as the person fills them: every input keeps its value unless changed (by label). */
function fillEditCard(replies: BotActivity[], changes: Record<string, string>, reason = ''): Record<string, unknown> {
  const card = cardsOf(replies).at(-1)!;
  const inputs = (card['body'] as Array<Record<string, unknown>>).filter((e) => String(e['type']).startsWith('Input.'));
  const values: Record<string, unknown> = {};
  for (const input of inputs) {
    const label = String(input['label']);
    values[String(input['id'])] = label in changes ? changes[label] : (input['value'] ?? '');
  }
  for (const label of Object.keys(changes)) if (!inputs.some((i) => i['label'] === label)) throw new Error(`No input labelled ${label}`);
  const save = ((card['actions'] ?? []) as Array<{ data: Record<string, unknown> }>)[0]!.data;
  return { ...save, ...values, editReason: reason };
}

describe.each(['sqlite', 'cosmos'] as const)('correcting the register, by card and by typed words (%s store)', (storeKind) => {
  let bot: TestBot;
  let cosmos: FakeCosmos | undefined;
  let store: RecordStore | undefined;
  const id = 'csp-correct';

  beforeAll(async () => {
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      store = await openCosmosRecordStore(cosmos.settings());
    }
    bot = await startTestBot({ store });
    for (const user of [LEAD, AD, SPO, OTHER, SAM]) await bot.chat(user).say('hello');
    await bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
    await bot.app.people.setRoles(SPO.objectId, ['spo'], []);
    const now = new Date().toISOString();
    const entry: Partnership = {
      id, name: 'Community Safety Partnership', purpose: 'Safer streets', partners: [{ name: 'Essex Police', sector: 'public' }], leadOfficer: { objectId: LEAD.objectId, name: LEAD.name },
      officerIds: [LEAD.objectId], ownerId: LEAD.objectId, serviceArea: 'communities', assistantDirector: { objectId: AD.objectId, name: AD.name }, statutory: true,
      priorities: ['early-intervention'], councilCashPerYear: 12000, significance: 'high', startDate: '2019-04-01', nextReviewDue: '2027-03-31',
      stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now,
    };
    await bot.app.register.createOnce(entry, { objectId: SPO.objectId, name: SPO.name });
    const other = { ...entry, id: 'made-in-error', name: 'Test Forum Please Ignore', partners: [] };
    await bot.app.register.createOnce(other, { objectId: SPO.objectId, name: SPO.name });
  }, 120_000);
  afterAll(async () => {
    await bot.close();
    await store?.close();
    await cosmos?.close();
  });

  const history = async () => textsOf(await bot.chat(LEAD).say('what changed on the Community Safety Partnership'));

  it('"edit" gives a card with the editable fields and their current values; the lead officer corrects the details', async () => {
    const card = await bot.chat(LEAD).say('edit Community Safety Partnership');
    const text = textsOf(card);
    for (const label of ['Partnership', 'Lead officer', 'Next review', 'Lead member', 'Governing document link', 'Reporting line', 'Total yearly budget (£)', 'Officer hours a month', 'Significance reasons']) {
      expect(text).toContain(label);
    }
    const saved = await bot.chat(LEAD).submit(fillEditCard(card, { 'Lead member': 'Cllr Jane Smith', 'Reporting line': 'Community Safety Board, quarterly', 'Governing document': 'Terms of reference' }));
    expect(textsOf(saved)).toContain('Saved');
    expect((await bot.app.register.get(id))).toMatchObject({ leadMember: 'Cllr Jane Smith', reportingLine: 'Community Safety Board, quarterly', governingDocument: { type: 'Terms of reference' } });
    const events = (await bot.app.register.auditTrail(id)).filter((e) => e.action === 'partnership.corrected');
    expect(events.map((e) => Object.keys(e.changes ?? {})[0]).sort()).toEqual(['governingDocument', 'leadMember', 'reportingLine']);
    expect(await history()).toContain('lead member: none → Cllr Jane Smith');
  });

  it('the objectives (issue 17: what the exit interview asks about) are corrected on the card, one each, semicolons between', async () => {
    const card = await bot.chat(LEAD).say('edit Community Safety Partnership');
    expect(textsOf(card)).toContain('Objectives');
    const saved = await bot.chat(LEAD).submit(fillEditCard(card, { Objectives: 'Anti-social behaviour down by a fifth, in Rayleigh first; Monthly joint patrols' }));
    expect(textsOf(saved)).toContain('Saved');
    expect((await bot.app.register.get(id))?.objectives).toEqual(['Anti-social behaviour down by a fifth, in Rayleigh first', 'Monthly joint patrols']);
    expect(await history()).toContain('objectives');
  });

  it('money needs a reason, audited with it; a card older than the entry changes nothing', async () => {
    const card = await bot.chat(LEAD).say('edit Community Safety Partnership');
    expect(textsOf(await bot.chat(LEAD).submit(fillEditCard(card, { 'Council cash per year (£)': '15000' })))).toContain('is recorded with a reason');
    expect((await bot.app.register.get(id))?.councilCashPerYear).toBe(12000);
    await bot.chat(LEAD).submit(fillEditCard(card, { 'Council cash per year (£)': '15000' }, 'Budget set by Council in February'));
    expect((await bot.app.register.get(id))?.councilCashPerYear).toBe(15000);
    expect(await history()).toContain('council cash per year: 12000 → 15000 (reason: Budget set by Council in February)');
    const stale = await bot.chat(LEAD).submit(fillEditCard(card, { Purpose: 'Something else' }));
    expect(textsOf(stale)).toContain('has changed since that card was made');
    expect((await bot.app.register.get(id))?.purpose).toBe('Safer streets');
  });

  it('typed corrections: the lead officer is refused an oversight field, the Assistant Director and the SPO make them', async () => {
    expect(textsOf(await bot.chat(LEAD).say('move the review of the Community Safety Partnership to 30 June 2027'))).toContain('As lead officer you can correct the details of Community Safety Partnership; its next review date is changed by its Assistant Director');
    expect(textsOf(await bot.chat(AD).say('move the review of the Community Safety Partnership to 30 June 2027'))).toContain('Saved');
    expect((await bot.app.register.get(id))?.nextReviewDue).toBe('2027-06-30');
    await bot.chat(LEAD).say('add Rochford CVS as a partner to the Community Safety Partnership');
    await bot.chat(LEAD).say('the Community Safety Partnership ends on 31 March 2029');
    await bot.chat(SPO).say('make Sam Patel lead officer of the Community Safety Partnership');
    await bot.chat(SPO).say('rename Community Safety Partnership to Rochford Community Safety Partnership');
    const entry = (await bot.app.register.get(id))!;
    expect(entry).toMatchObject({ name: 'Rochford Community Safety Partnership', endDate: '2029-03-31', leadOfficer: { objectId: SAM.objectId }, ownerId: SAM.objectId });
    expect(entry.partners).toEqual([{ name: 'Essex Police', sector: 'public' }, { name: 'Rochford CVS' }]);
    expect(entry.officerIds).toEqual([SAM.objectId, LEAD.objectId]);
    await bot.chat(AD).say('move the Rochford Community Safety Partnership to the Place service area');
    expect((await bot.app.register.get(id))?.serviceArea).toBe('place');
    const text = await history();
    for (const line of ['next review date: 31 March 2027 → 30 June 2027', 'partners: Essex Police → Essex Police; Rochford CVS', 'end date: none → 31 March 2029', 'lead officer: Lena Lead → Sam Patel', 'name: Community Safety Partnership → Rochford Community Safety Partnership', 'service area: communities → place']) {
      expect(text).toContain(line);
    }
  });

  it('someone who is not its lead officer, Assistant Director or SPO is refused, and nothing changes', async () => {
    expect(textsOf(await bot.chat(OTHER).say('edit Test Forum Please Ignore'))).toContain("I couldn't find a partnership called");
    expect(textsOf(await bot.chat(OTHER).say('rename Test Forum Please Ignore to Mine'))).toContain("I couldn't find a partnership called");
    expect((await bot.app.register.get('made-in-error'))?.name).toBe('Test Forum Please Ignore');
  });

  it('an entry made in error is removed by the SPO with a reason: kept in the audit trail, counted nowhere, not an exit', async () => {
    expect(textsOf(await bot.chat(LEAD).say('remove Test Forum Please Ignore from the register'))).toContain('Only the Strategic Partnership Officer can remove an entry made in error');
    const card = await bot.chat(SPO).say('remove Test Forum Please Ignore from the register because it was a test');
    const data = (cardsOf(card).at(-1)!['actions'] as Array<{ data: Record<string, unknown> }>)[0]!.data;
    const done = await bot.chat(SPO).submit({ ...data, removalReason: 'it was a test' });
    expect(textsOf(done)).toContain('Removed Test Forum Please Ignore from the register as made in error');
    const removed = (await bot.app.register.get('made-in-error'))!;
    expect(removed).toMatchObject({ status: 'removed', removal: { reason: 'it was a test', statusBefore: 'active' } });
    expect(removed.exitDate).toBeUndefined();
    expect((await bot.app.register.all()).map((p) => p.id)).not.toContain('made-in-error');
    expect(textsOf(await bot.chat(SPO).say('show the register'))).not.toContain('Test Forum Please Ignore');
    expect(textsOf(await bot.chat(SPO).say('which partnerships are due review in the next 12 months'))).not.toContain('Test Forum Please Ignore');
    expect((await bot.app.register.auditTrail('made-in-error')).find((e) => e.action === 'partnership.removed' && e.changes?.['status'])).toMatchObject({ reason: 'it was a test', changes: { status: { from: 'active', to: 'removed' } } });
  });
});
