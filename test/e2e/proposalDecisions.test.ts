import { describe, expect, it } from 'vitest';
import { textsOf, type BotActivity } from '../support/botHarness.js';
import { botOnStore } from '../support/storeBot.js';
import { answerUntilSummary, buttonData, type ScriptedAnswer } from '../support/questionnaireDriver.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { GOOD } from '../support/newPartnershipRun.js';

const AD = testUser('Helen Ward', 4301);
const SPO = testUser('Jo Bloggs', 4302);

describe.each(['sqlite', 'cosmos'] as const)('deciding proposals, with controls (%s store)', (storeKind) => {
  const run = botOnStore(storeKind, {}, async ({ bot }) => {
    await run.bot.chat(AD, 'a:ad-decisions').say('hello');
    await run.bot.app.people.setRoles(AD.objectId, ['ad'], ['communities']);
    await run.bot.chat(SPO).say('hello');
    await run.bot.app.people.setRoles(SPO.objectId, ['spo'], []);
  });
  let n = 4400;

  /** An officer registers a partnership; returns its id and the card the Assistant Director was sent. */
  async function propose(script: Record<string, ScriptedAnswer>, officer: TestUser = testUser(`Officer ${++n}`, n)) {
    const chat = run.bot.chat(officer, `a:officer-${officer.objectId}`);
    await chat.say('hi');
    const before = run.connector.sent().length;
    const opening = await chat.say('new partnership');
    const { summary } = await answerUntilSummary(chat, opening, script);
    const result = await chat.submit(buttonData(summary, 'Submit'));
    const drafts = await run.bot.app.store.query<{ id: string }>({ kind: 'draft', partition: `owner:${officer.objectId}` });
    const id = drafts.items.at(-1)!.body.id;
    const notice = run.connector.sent().slice(before).find((c) => c.path.includes('a:ad-decisions'))?.body as BotActivity | undefined;
    return { id, officer, chat, notice, result };
  }

  const decide = (card: BotActivity | undefined, title: string, inputs: Record<string, string> = {}, user = AD) =>
    run.bot.chat(user, user === AD ? 'a:ad-decisions' : undefined).submit({ ...buttonData([card!], title), approvalComments: '', approvalConditions: '', ...inputs });

  it('approve: the partnership becomes active; a second press is recognised and changes nothing', async () => {
    const { id, notice } = await propose({ ...GOOD, NAME: 'Approve Partnership' });
    expect(textsOf([notice!])).toContain('[Approve with conditions]');
    expect(textsOf(await decide(notice, 'Approve'))).toContain('Approved. Approve Partnership is now active');
    expect((await run.bot.app.register.get(id))?.status).toBe('active');
    expect(textsOf(await decide(notice, 'Reject', { approvalComments: 'Changed my mind' }))).toContain('has already been decided: Helen Ward approved it on');
    expect((await run.bot.app.register.get(id))?.status).toBe('active');
  });

  it('approve with conditions: each condition becomes an action on the partnership', async () => {
    const { id, notice } = await propose({ ...GOOD, NAME: 'Conditions Partnership' });
    const replies = await decide(notice, 'Approve with conditions', { approvalConditions: '- Report to me each quarter\n2. Agree the exit plan by March' });
    expect(textsOf(replies)).toContain('Approved with 2 conditions, each now an action on the partnership');
    const p = (await run.bot.app.register.get(id))!;
    expect(p.status).toBe('active');
    expect(p.actions?.map((a) => a.text)).toEqual(['Report to me each quarter', 'Agree the exit plan by March']);
    const assessment = (await run.bot.app.register.assessments(id))[0]!;
    expect(assessment.adDecision).toMatchObject({ decision: 'approved-with-conditions', by: { name: 'Helen Ward' }, conditions: ['Report to me each quarter', 'Agree the exit plan by March'] });
  });

  it('reject: a reason is required; the status is then rejected, with the reason audited', async () => {
    const { id, notice } = await propose({ ...GOOD, NAME: 'Reject Partnership' });
    expect(textsOf(await decide(notice, 'Reject'))).toContain('Please say in the comments box why you are rejecting it');
    expect((await run.bot.app.register.get(id))?.status).toBe('proposed');
    expect(textsOf(await decide(notice, 'Reject', { approvalComments: 'Duplicates the existing youth offer' }))).toContain('Rejected. Reject Partnership is recorded as rejected');
    expect((await run.bot.app.register.get(id))?.status).toBe('rejected');
    const event = (await run.bot.app.register.auditTrail(id)).find((e) => e.action === 'partnership.rejected')!;
    expect(event).toMatchObject({ changes: { status: { from: 'proposed', to: 'rejected' } }, reason: 'Duplicates the existing youth offer' });
  });

  it('ask for changes, then the officer resubmits as revision 2, and the Assistant Director sees what changed and approves', async () => {
    const { id, officer, chat, notice } = await propose({ ...GOOD, NAME: 'Revision Partnership', E1: '£15,000' });
    expect(textsOf(await decide(notice, 'Ask for changes'))).toContain('Please say in the comments box what needs to change');
    const before = run.connector.sent().length;
    expect(textsOf(await decide(notice, 'Ask for changes', { approvalComments: 'Please confirm the council cash: I expected £12,000' }))).toContain("I've given");
    const toOfficer = run.connector.sent().slice(before).find((c) => c.path.includes(`a:officer-${officer.objectId}`))!.body as BotActivity;
    expect(textsOf([toOfficer])).toContain('Please confirm the council cash');
    // The officer gets their answers back, changes what was asked and submits again.
    const summary = await chat.submit(buttonData([toOfficer], 'Change my answers'));
    expect(textsOf(summary)).toContain('Check your answers');
    expect(textsOf(summary)).toContain('Revision Partnership');
    const cashNumber = /(\d+)\. How much council cash will go into it each year/.exec(textsOf(summary))?.[1];
    expect(cashNumber).toBeDefined();
    await chat.say(`change ${cashNumber}`);
    const back = await chat.say('£12,000');
    const sentBefore = run.connector.sent().length;
    await chat.submit(buttonData(back, 'Submit'));
    const revision2 = run.connector.sent().slice(sentBefore).find((c) => c.path.includes('a:ad-decisions'))!.body as BotActivity;
    const text = textsOf([revision2]);
    expect(text).toContain('Resubmitted for your approval (revision 2)');
    expect(text).toContain('What changed since revision 1');
    expect(text).toContain('£15,000 a year → £12,000 a year');
    expect((await run.bot.app.register.get(id))).toMatchObject({ status: 'proposed', councilCashPerYear: 12000 });
    // The revision 1 card is recognised as out of date.
    expect(textsOf(await decide(notice, 'Approve'))).toContain('That card is for revision 1 of Revision Partnership; it has since been resubmitted as revision 2');
    expect(textsOf(await decide(revision2, 'Approve'))).toContain('Approved. Revision Partnership is now active');
    const assessments = await run.bot.app.register.assessments(id);
    expect(assessments.map((a) => [a.revision ?? 1, a.adDecision?.decision])).toEqual([[1, 'changes-requested'], [2, 'approved']]);
  });

  it('nobody decides on a proposal they made', async () => {
    const { id } = await propose({ ...GOOD, NAME: 'Own Proposal' }, AD);
    const replies = await run.bot.chat(AD, 'a:ad-decisions').submit({ verb: 'decideProposal', partnershipId: id, decision: 'approve', revision: 1 });
    expect(textsOf(replies)).toContain('You proposed Own Proposal, so someone else must decide on it');
    expect((await run.bot.app.register.get(id))?.status).toBe('proposed');
  });

  it('approving a red outcome needs a reason', async () => {
    const { id, notice } = await propose({ ...GOOD, NAME: 'Red Proposal', A2: ['none'] });
    expect(textsOf(await decide(notice, 'Approve'))).toContain('This proposal is red');
    expect((await run.bot.app.register.get(id))?.status).toBe('proposed');
    expect(textsOf(await decide(notice, 'Approve', { approvalComments: 'Statutory duty; priority link to follow' }))).toContain('Approved.');
    expect((await run.bot.app.register.assessments(id))[0]!.adDecision?.comments).toBe('Statutory duty; priority link to follow');
  });

  it('the SPO decides only where the area has no Assistant Director, and that is recorded', async () => {
    const { id } = await propose({ ...GOOD, NAME: 'Vacant Area Proposal', AREA: 'economy' });
    const refused = await run.bot.chat(SPO).submit({ verb: 'decideProposal', partnershipId: (await propose({ ...GOOD, NAME: 'Staffed Area Proposal' })).id, decision: 'approve' });
    expect(textsOf(refused)).toContain('Only the Assistant Director responsible for Staffed Area Proposal');
    const replies = await run.bot.chat(SPO).submit({ verb: 'decideProposal', partnershipId: id, decision: 'approve', revision: 1 });
    expect(textsOf(replies)).toContain('recorded as decided by the Strategic Partnership Officer');
    expect((await run.bot.app.register.assessments(id))[0]!.adDecision).toMatchObject({ decision: 'approved', inPlaceOfDirector: true });
  });

  // Issue 17 item 4: no dead ends.
  it('a proposal in an area with no Assistant Director waits in a queue the SPO sees, and reaches the Assistant Director once when one is appointed', async () => {
    await run.bot.chat(SPO, 'a:spo-queue').say('hello');
    const before = run.connector.sent().length;
    const first = await propose({ ...GOOD, NAME: 'Queue One Partnership', AREA: 'housing' });
    const second = await propose({ ...GOOD, NAME: 'Queue Two Partnership', AREA: 'housing' });
    expect(textsOf(first.result)).toContain('No Assistant Director is set up for Housing yet, so your proposal waits for one');
    expect(textsOf(first.result)).toContain('pending approvals');
    // The SPO is told at once.
    const toSpo = run.connector.sent().slice(before).filter((c) => c.path.includes('a:spo-queue'));
    expect(toSpo.map((c) => JSON.stringify(c.body)).join()).toContain('Queue One Partnership');
    expect(toSpo.map((c) => JSON.stringify(c.body)).join()).toContain('Queue Two Partnership');
    expect(textsOf(toSpo.map((c) => c.body as BotActivity))).toContain('No Assistant Director is set up for Housing yet, so this proposal waits under "pending approvals"');
    // ... and sees the queue, with what each waits for.
    const queue = textsOf(await run.bot.chat(SPO, 'a:spo-queue').say('pending approvals'));
    expect(queue).toContain('Queue One Partnership');
    expect(queue).toContain('Waiting for an Assistant Director for Housing to be appointed');
    const detail = textsOf(await run.bot.chat(SPO, 'a:spo-queue').say('tell me about Queue One Partnership'));
    expect(detail).toContain('Waiting for');
    expect(detail).toContain('an Assistant Director for Housing to be appointed');
    // An officer may not see the queue.
    expect(textsOf(await first.chat.say('pending approvals'))).toContain('Only the Strategic Partnership Officer and Assistant Directors');

    const newDirector = testUser('Megan Bowen', 4303);
    await run.bot.chat(newDirector, 'a:new-ad').say('hello');
    const sentBefore = run.connector.sent().length;
    const appointed = await run.bot.chat(SPO, 'a:spo-queue').say('make Megan Bowen assistant director for housing');
    expect(textsOf(appointed)).toContain("I've sent them the 2 proposals that waited for an Assistant Director there");
    const delivered = () => run.connector.sent().slice(sentBefore).filter((c) => c.path.includes('a:new-ad')).map((c) => c.body as BotActivity);
    expect(delivered()).toHaveLength(2);
    expect(textsOf(delivered())).toContain('Queue One Partnership');
    expect(textsOf(delivered())).toContain('Queue Two Partnership');
    // Exactly once: appointing again (or anything else) sends nothing more.
    expect(textsOf(await run.bot.chat(SPO, 'a:spo-queue').say('make Megan Bowen assistant director for housing'))).toContain('Nothing has changed');
    expect(delivered()).toHaveLength(2);
    const entry = (await run.bot.app.register.get(first.id))!;
    expect(entry.assistantDirector?.name).toBe('Megan Bowen');
    expect((await run.bot.app.register.assessments(first.id))[0]!.adNotifiedAt).toBeDefined();
    // The card that reached her decides.
    const card = delivered().find((a) => textsOf([a]).includes('Queue One Partnership'));
    expect(textsOf(await run.bot.chat(newDirector, 'a:new-ad').submit({ ...buttonData([card!], 'Approve'), approvalComments: '', approvalConditions: '' }))).toContain('Approved. Queue One Partnership is now active');
    const after = textsOf(await run.bot.chat(newDirector, 'a:new-ad').say('pending approvals'));
    expect(after).not.toContain('Queue One Partnership');
    expect(after).toContain("Queue Two Partnership");
    expect(after).toContain("Megan Bowen's decision, sent on");
  });

  // Issue 17 item 3: until the Assistant Director decides, the officer can change their answers.
  it('the officer reopens a submitted proposal, changes an answer and resubmits: the earlier card is superseded; after the decision reopening is refused', async () => {
    const { id, officer, chat, notice, result } = await propose({ ...GOOD, NAME: 'Reopened Partnership', E1: '£15,000' });
    const summary = await chat.submit(buttonData(result, 'Change my answers'));
    expect(textsOf(summary)).toContain('are open to change');
    expect(textsOf(summary)).toContain('Check your answers');
    const cashNumber = /(\d+)\. How much council cash will go into it each year/.exec(textsOf(summary))?.[1];
    await chat.say(`change ${cashNumber}`);
    const back = await chat.say('£12,000');
    const sentBefore = run.connector.sent().length;
    await chat.submit(buttonData(back, 'Submit'));
    const revision2 = run.connector.sent().slice(sentBefore).find((c) => c.path.includes('a:ad-decisions'))!.body as BotActivity;
    expect(textsOf([revision2])).toContain('£15,000 a year → £12,000 a year');
    expect(await run.bot.app.register.get(id)).toMatchObject({ status: 'proposed', councilCashPerYear: 12000 });
    expect(textsOf(await decide(notice, 'Approve'))).toContain('it has since been resubmitted as revision 2');
    expect((await run.bot.app.register.get(id))?.status).toBe('proposed');
    expect(textsOf(await decide(revision2, 'Approve'))).toContain('Approved. Reopened Partnership is now active');
    const refused = await chat.say('change my answers for Reopened Partnership');
    expect(textsOf(refused)).toContain('Reopened Partnership has already been decided (Helen Ward approved it on');
    expect(await run.bot.app.drafts.get(officer.objectId, `${id}.r3`)).toBeUndefined();
  });

  it('reopened, the changes deleted, and reopened again by typing: it opens again from the answers as submitted', async () => {
    const { id, officer, chat, result } = await propose({ ...GOOD, NAME: 'Twice Reopened Partnership', E1: '£15,000' });
    await chat.submit(buttonData(result, 'Change my answers'));
    expect(textsOf(await chat.say('cancel'))).toContain('delete');
    await chat.say('delete');
    expect((await run.bot.app.drafts.get(officer.objectId, `${id}.r2`))?.draft.status).toBe('discarded');
    const again = await chat.say('change my answers for Twice Reopened Partnership');
    expect(textsOf(again)).toContain('are open to change');
    expect(textsOf(again)).toContain('Check your answers');
    expect((await run.bot.app.drafts.get(officer.objectId, `${id}.r2`))?.draft.status).toBe('inProgress');
  });

  it('a proposal reopened and decided before it is resubmitted: the decision stands and the changes are not sent', async () => {
    const { id, chat, notice, result } = await propose({ ...GOOD, NAME: 'Decided Meanwhile Partnership', E1: '£15,000' });
    const summary = await chat.submit(buttonData(result, 'Change my answers'));
    expect(textsOf(await decide(notice, 'Approve'))).toContain('Approved. Decided Meanwhile Partnership is now active');
    const sentBefore = run.connector.sent().length;
    const submitted = await chat.submit(buttonData(summary, 'Submit'));
    expect(textsOf(submitted)).toContain('Decided Meanwhile Partnership was decided while you were changing its answers');
    expect(run.connector.sent().slice(sentBefore).filter((c) => c.path.includes('a:ad-decisions'))).toHaveLength(0);
    expect((await run.bot.app.register.assessments(id)).map((a) => a.revision ?? 1)).toEqual([1]);
    expect((await run.bot.app.register.get(id))?.status).toBe('active');
  });
});
