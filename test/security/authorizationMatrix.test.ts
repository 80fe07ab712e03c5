import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partnership } from '../../src/partnerships/partnership.js';
import type { Role } from '../../src/people/person.js';
import { assessmentYearOf, yearKey } from '../../src/domain/assessmentYear.js';
import { startTestBot, textsOf, type BotActivity, type TestBot } from '../support/botHarness.js';
import { startStubConnector, type StubConnector } from '../support/stubConnector.js';
import { testUser, type TestUser } from '../support/teamsActivities.js';
import { documentUrlOf } from '../support/documentLinks.js';
import { exitDocumentFrom } from '../../src/partnerships/exitDocument.js';
import { startFileServer, type FileServer } from '../support/fileServer.js';

/** Stands in for SharePoint: register files the SPO sends. */
let files: FileServer;

/**
 * Who may do what, asserted through real conversations over HTTP. Every verb in the bot's
 * route table has at least one row (a test below fails for a verb without one); every role
 * is a column. To cover a new verb, add a row: how to set it up, how to do it as the actor,
 * and how to tell whether it took effect.
 */

const ROLES: Role[] = ['officer', 'spo', 'ad', 'leadership'];
const EVERYONE = ROLES;
const NOBODY: Role[] = [];

interface MatrixContext {
  bot: TestBot;
  actor: TestUser;
  role: Role;
  /** A fresh officer who is not the actor, e.g. to own a draft or lead a partnership. */
  other: TestUser;
  /** Set by `setup` for `perform` and `tookEffect`. */
  state: Record<string, string>;
}

interface ActionRow {
  /** The route-table verb this row exercises. */
  verb: string;
  action: string;
  /** Roles for whom the action takes effect; every other role is refused. */
  allowed: Role[];
  /**
   * Words the refusal shows, so a refusal is a clear answer and not silence. A role
   * that may not see the partnership is told nothing about it (NOT_FOUND words).
   */
  refusal?: string | ((role: Role) => string);
  setup?(ctx: MatrixContext): Promise<void>;
  perform(ctx: MatrixContext): Promise<BotActivity[]>;
  tookEffect(ctx: MatrixContext, replies: BotActivity[]): Promise<boolean>;
}

const AREA = 'communities';

/** What a person who may not see a partnership is told when they name it: the same as for a name the register lacks. */
const NAME_NOT_FOUND = "I couldn't find a partnership called";
/** What they are told when a card names it by id. */
const NOT_FOUND = "I couldn't find that partnership among the ones you can see";
/** Officers are named on nothing here, so they may not see it; everyone else in these rows may. */
const unlessOfficer = (words: string) => (role: Role) => (role === 'officer' ? NAME_NOT_FOUND : words);
const unlessOfficerByCard = (words: string) => (role: Role) => (role === 'officer' ? NOT_FOUND : words);

/** A service area nobody is Assistant Director for in these tests. */
const VACANT_AREA = 'economy';

async function seedProposedPartnership(ctx: MatrixContext, director: TestUser | undefined, area = AREA): Promise<string> {
  const id = `p-${randomUUID()}`;
  const now = new Date().toISOString();
  const partnership: Partnership = {
    id, name: `Matrix Partnership ${id.slice(2, 8)}`, purpose: 'Testing who may decide', partners: [{ name: 'Essex Police' }],
    leadOfficer: { objectId: ctx.other.objectId, name: ctx.other.name }, officerIds: [ctx.other.objectId], ownerId: ctx.other.objectId,
    serviceArea: area, ...(director ? { assistantDirector: { objectId: director.objectId, name: director.name } } : {}),
    statutory: false, priorities: [], councilCashPerYear: 500, significance: 'low', startDate: '2026-04-01', nextReviewDue: '2027-04-01',
    stage: { suggested: 'forming' }, status: 'proposed', createdAt: now, updatedAt: now,
  };
  await ctx.bot.app.register.createOnce(partnership, { objectId: ctx.other.objectId, name: ctx.other.name });
  return id;
}

/** An active partnership led by `other`, with no director of its own. */
async function seedActivePartnership(ctx: MatrixContext): Promise<string> {
  const id = await seedProposedPartnership(ctx, undefined);
  await ctx.bot.app.register.update(id, { objectId: ctx.other.objectId, name: ctx.other.name }, 'partnership.approved', (p) => ({ ...p, status: 'active' }));
  return id;
}

const nameOf = async (ctx: MatrixContext) => (await ctx.bot.app.register.get(ctx.state['partnershipId']!))!.name;
const thisYear = () => assessmentYearOf(new Date().toISOString());

/** The partnership's Assistant Director: the actor when they hold that role, otherwise someone else. */
async function directorFor(ctx: MatrixContext): Promise<TestUser> {
  if (ctx.role === 'ad') return ctx.actor;
  const director = testUser(`Director for ${ctx.actor.name}`, Number(ctx.actor.objectId.slice(-6)) + 500_000);
  await ctx.bot.chat(director).say('hi');
  await ctx.bot.app.people.setRoles(director.objectId, ['ad'], [AREA]);
  return director;
}

/** True when the replies carry a link that opens a document. */
async function opensDocument(replies: BotActivity[]): Promise<boolean> {
  const url = documentUrlOf(replies);
  return url !== undefined && (await fetch(url)).status === 200;
}

/** One officer's response to this year's self-assessment of the partnership, as `other` gave it. */
async function seedResponse(ctx: MatrixContext): Promise<void> {
  const year = thisYear();
  const ratings = Object.fromEntries(['F', 'P', 'C', 'M'].flatMap((a) => [1, 2, 3, 4, 5, 6, 7].map((n) => [`${a}${n}`, 2])));
  await ctx.bot.app.store.upsert({ kind: 'sa-response', partition: ctx.state['partnershipId']!, id: `${yearKey(year)}:${ctx.other.objectId}` }, {
    id: `${yearKey(year)}:${ctx.other.objectId}`, partnershipId: ctx.state['partnershipId'], year, bankId: 'self-assessment', bankVersion: 1, draftId: 'd',
    officer: { objectId: ctx.other.objectId, name: ctx.other.name }, ratings, evidence: {}, actions: [], indicators: {}, submittedAt: new Date().toISOString(),
  });
}

/** An active partnership led by `other`, exiting, with an exit document waiting for sign-off (revision 1). */
async function seedExitAwaitingSignOff(ctx: MatrixContext, completedBy?: TestUser): Promise<string> {
  const id = await seedActivePartnership(ctx);
  const lead = { objectId: (completedBy ?? ctx.other).objectId, name: (completedBy ?? ctx.other).name };
  await ctx.bot.app.register.update(id, lead, 'partnership.exit-started', (p) => ({ ...p, status: 'exiting' }));
  const name = (await ctx.bot.app.register.get(id))!.name;
  const document = exitDocumentFrom({
    partnershipId: id, partnershipName: name, draftId: `d-${id}`, bankId: 'exit-interview', bankVersion: 1,
    answers: {}, leadOfficer: lead, completedBy: lead, completedAt: new Date().toISOString(),
  });
  await ctx.bot.app.register.saveExitDocument(document, lead);
  return id;
}

/** A proposal's assessment as submitted by `by` (so "their own proposal" can be tried). */
async function seedAssessment(ctx: MatrixContext, partnershipId: string, by: TestUser, outcome: 'green' | 'red' = 'green'): Promise<void> {
  await ctx.bot.app.register.saveAssessmentOnce({
    id: partnershipId, partnershipId, revision: 1, bankId: 'new-partnership', bankVersion: 2, answers: {}, outcome, reasons: [], actions: [], risks: [], riskCounts: {},
    significance: 'low', significanceReasons: [], submittedBy: { objectId: by.objectId, name: by.name }, submittedAt: new Date().toISOString(),
  });
}

/** An active partnership the actor leads (in `area`, by default the one whose Assistant Director is the actor when they are one). */
async function seedLedByActor(ctx: MatrixContext, area = AREA): Promise<string> {
  const id = await seedActivePartnership(ctx);
  const lead = { objectId: ctx.actor.objectId, name: ctx.actor.name };
  await ctx.bot.app.register.update(id, { objectId: ctx.other.objectId, name: ctx.other.name }, 'test.lead', (p) => ({ ...p, serviceArea: area, leadOfficer: lead, ownerId: lead.objectId, officerIds: [lead.objectId] }));
  return id;
}

/** A Strategic Partnership Officer other than the actor, for set-ups only the SPO can do. */
async function anotherSpo(ctx: MatrixContext): Promise<TestUser> {
  const spo = testUser(`Set-up SPO for ${ctx.actor.name}`, Number(ctx.actor.objectId.slice(-6)) + 700_000);
  await ctx.bot.chat(spo).say('hi');
  await ctx.bot.app.people.setRoles(spo.objectId, ['spo']);
  return spo;
}

/** The register file an SPO sends: one new row with a reference of its own. */
function registerCsv(reference: string, lead: TestUser): string {
  return [
    'Reference,Partnership,Status,Service area,Lead officer,Significance,Life-cycle stage,Start date,Next review',
    `${reference},Matrix Import ${reference},Active,Communities and Health,${lead.name},Low,Functioning,1 April 2020,30 June 2027`,
  ].join('\r\n');
}

async function importId(replies: BotActivity[]): Promise<string> {
  const card = replies.flatMap((a) => a.attachments ?? []).map((a) => a.content).at(-1) as { actions?: Array<{ data?: Record<string, unknown> }> } | undefined;
  return String(card?.actions?.find((a) => a.data?.['verb'] === 'confirmImport')?.data?.['importId']);
}

/** The rows. Keep them in the order a person meets the features. */
const ACTIONS: ActionRow[] = [
  {
    verb: 'registerTemplate',
    action: 'get the register template',
    allowed: ['spo'],
    refusal: 'Only the Strategic Partnership Officer can bring the register in',
    perform: ({ bot, actor }) => bot.chat(actor).say('register template'),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('The register template'),
  },
  {
    verb: 'importRegister',
    action: 'send a register file for a dry run',
    allowed: ['spo'],
    refusal: 'Only the Strategic Partnership Officer can bring the register in',
    perform: ({ bot, actor, other }) => bot.chat(actor).sendFile('register.csv', files.put('register.csv', registerCsv(`M-${randomUUID().slice(0, 8)}`, other))),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('Register import: nothing has been written yet'),
  },
  {
    verb: 'confirmImport',
    action: "confirm another SPO's register import",
    allowed: ['spo'],
    refusal: 'Only the Strategic Partnership Officer can bring the register in',
    setup: async (ctx) => {
      ctx.state['reference'] = `M-${randomUUID().slice(0, 8)}`;
      ctx.state['importId'] = await importId(await ctx.bot.chat(await anotherSpo(ctx)).sendFile('register.csv', files.put('register.csv', registerCsv(ctx.state['reference'], ctx.other))));
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'confirmImport', importId: state['importId'] }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.all()).some((p) => p.reference === state['reference']),
  },
  {
    verb: 'cancelImport',
    action: 'cancel a register import',
    allowed: ['spo'],
    refusal: 'Only the Strategic Partnership Officer can bring the register in',
    setup: async (ctx) => {
      ctx.state['importId'] = await importId(await ctx.bot.chat(await anotherSpo(ctx)).sendFile('register.csv', files.put('register.csv', registerCsv(`M-${randomUUID().slice(0, 8)}`, ctx.other))));
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'cancelImport', importId: state['importId'] }),
    tookEffect: async ({ bot, state }) => (await bot.app.store.read<{ status: string }>({ kind: 'register-import', partition: 'register-imports', id: state['importId']! }))?.body.status === 'cancelled',
  },
  {
    verb: 'editPartnership',
    action: "open another officer's entry for correction",
    // Its Assistant Director (of its area) and the SPO; Leadership Team reads but does not correct.
    allowed: ['spo', 'ad'],
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`edit ${await nameOf(ctx)}`),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('Correct the register entry'),
  },
  {
    verb: 'editPartnership',
    action: 'open their own entry for correction (as its lead officer)',
    allowed: EVERYONE,
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedLedByActor(ctx, VACANT_AREA);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`edit ${await nameOf(ctx)}`),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('Correct the register entry'),
  },
  {
    verb: 'saveRegisterEdit',
    action: "save a correction to another officer's entry",
    allowed: ['spo', 'ad'],
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: async ({ bot, actor, state }) => {
      const entry = (await bot.app.register.get(state['partnershipId']!))!;
      // f9 is the Lead member column on the edit card.
      return bot.chat(actor).submit({ verb: 'saveRegisterEdit', partnershipId: entry.id, version: entry.updatedAt, f9: 'Cllr Matrix' });
    },
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.leadMember === 'Cllr Matrix',
  },
  {
    verb: 'saveRegisterEdit',
    action: "change the review date of their own entry (an oversight field, as lead officer)",
    allowed: ['spo'],
    refusal: 'As lead officer you can correct the details of',
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedLedByActor(ctx, VACANT_AREA);
    },
    perform: async ({ bot, actor, state }) => {
      const entry = (await bot.app.register.get(state['partnershipId']!))!;
      // f31 is the Next review column.
      return bot.chat(actor).submit({ verb: 'saveRegisterEdit', partnershipId: entry.id, version: entry.updatedAt, f31: '30/09/2027' });
    },
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.nextReviewDue === '2027-09-30',
  },
  {
    verb: 'saveRegisterEdit',
    action: 'change the council cash of their own entry without a reason',
    allowed: NOBODY,
    refusal: 'is recorded with a reason',
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedLedByActor(ctx);
    },
    perform: async ({ bot, actor, state }) => {
      const entry = (await bot.app.register.get(state['partnershipId']!))!;
      // f20 is the Council cash per year column.
      return bot.chat(actor).submit({ verb: 'saveRegisterEdit', partnershipId: entry.id, version: entry.updatedAt, f20: '9999' });
    },
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.councilCashPerYear === 9999,
  },
  {
    verb: 'correctPartnership',
    action: "rename another officer's entry in words",
    allowed: ['spo', 'ad'],
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`rename ${await nameOf(ctx)} to Renamed ${ctx.state['partnershipId']!.slice(2, 8)}`),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.name.startsWith('Renamed') === true,
  },
  {
    verb: 'partnershipHistory',
    action: 'see what changed on a partnership one is not named on',
    allowed: ['spo', 'ad', 'leadership'],
    refusal: "I couldn't find a partnership called",
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`what changed on ${await nameOf(ctx)}`),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('Change history'),
  },
  {
    verb: 'removePartnership',
    action: 'remove an entry made in error',
    allowed: ['spo'],
    refusal: 'Only the Strategic Partnership Officer can remove an entry made in error',
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'removePartnership', partnershipId: state['partnershipId'], confirmed: true, removalReason: 'Made in error' }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.status === 'removed',
  },
  {
    verb: 'relinkPriorities',
    action: "re-link another officer's partnership to the current plan's priorities",
    allowed: ['spo', 'ad'],
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'relinkPriorities', partnershipId: state['partnershipId'], version: 1, priorities: 'assets' }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.priorities.includes('assets') === true,
  },
  {
    verb: 'removeRole',
    action: 'remove a role from someone',
    allowed: ['spo'],
    refusal: 'Only the Strategic Partnership Officer can give people roles.',
    setup: async (ctx) => {
      await ctx.bot.app.people.setRoles(ctx.other.objectId, ['leadership']);
    },
    perform: ({ bot, actor, other }) => bot.chat(actor).say(`remove ${other.name} as leadership team`),
    tookEffect: async ({ bot, other }) => !((await bot.app.people.find(other.objectId))?.roles ?? []).includes('leadership'),
  },
  {
    verb: 'listRoleHolders',
    action: 'ask who the Assistant Directors are',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('who are the assistant directors'),
    tookEffect: async (_ctx, replies) => /The Assistant Directors \(\d+\)|Nobody is Assistant Director/.test(textsOf(replies)),
  },
  {
    verb: 'confirmPartnershipName',
    action: "answer the same-name question on another officer's registration",
    allowed: NOBODY,
    refusal: 'That question has already been answered',
    perform: ({ bot, actor }) => bot.chat(actor).submit({ verb: 'confirmPartnershipName', draftId: `d-${randomUUID()}`, answer: 'different' }),
    tookEffect: async (_ctx, replies) => !textsOf(replies).includes('That question has already been answered'),
  },
  {
    verb: 'decideProposal',
    action: 'decide on a proposal they made themselves',
    allowed: NOBODY,
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedProposedPartnership(ctx, await directorFor(ctx));
      await seedAssessment(ctx, ctx.state['partnershipId'], ctx.actor);
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'decideProposal', partnershipId: state['partnershipId'], decision: 'approve', revision: 1 }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.status === 'active',
  },
  {
    verb: 'decideProposal',
    action: 'approve a red proposal without a reason',
    allowed: NOBODY,
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedProposedPartnership(ctx, await directorFor(ctx));
      await seedAssessment(ctx, ctx.state['partnershipId'], ctx.other, 'red');
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'decideProposal', partnershipId: state['partnershipId'], decision: 'approve', revision: 1, approvalComments: '' }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.status === 'active',
  },
  {
    verb: 'decideProposal',
    action: 'reject a proposal, with a reason',
    allowed: ['ad'],
    // An officer who cannot see the partnership is told nothing about it, as in the rows below.
    refusal: unlessOfficerByCard('Only the Assistant Director responsible for'),
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedProposedPartnership(ctx, await directorFor(ctx));
      await seedAssessment(ctx, ctx.state['partnershipId'], ctx.other);
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'decideProposal', partnershipId: state['partnershipId'], decision: 'reject', revision: 1, approvalComments: 'Duplicates another' }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.status === 'rejected',
  },
  {
    verb: 'signOffExit',
    action: 'sign off an exit interview they completed themselves',
    allowed: NOBODY,
    setup: async (ctx) => {
      await directorFor(ctx);
      ctx.state['partnershipId'] = await seedExitAwaitingSignOff(ctx, ctx.actor);
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'signOffExit', partnershipId: state['partnershipId'], revision: 1, decision: 'signOff' }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.status === 'closed',
  },
  {
    verb: 'help',
    action: 'see help',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('help'),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('What I can help with'),
  },
  {
    verb: 'startPractice',
    action: 'start a practice questionnaire',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('practice'),
    tookEffect: async ({ bot, actor }) => (await bot.app.drafts.inProgress(actor.objectId)).some((d) => d.bankId === 'practice'),
  },
  {
    verb: 'newPartnership',
    action: 'start registering a new partnership',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('new partnership'),
    tookEffect: async ({ bot, actor }) => (await bot.app.drafts.inProgress(actor.objectId)).some((d) => d.bankId === 'new-partnership'),
  },
  {
    verb: 'assignRole',
    action: 'give someone a role (Leadership Team)',
    allowed: ['spo'],
    refusal: 'Only the Strategic Partnership Officer can give people roles.',
    perform: ({ bot, actor, other }) => bot.chat(actor).say(`make ${other.name} leadership team`),
    tookEffect: async ({ bot, other }) => ((await bot.app.people.find(other.objectId))?.roles ?? []).includes('leadership'),
  },
  {
    verb: 'assignRole',
    action: 'give someone a role (Assistant Director for an area)',
    allowed: ['spo'],
    refusal: 'Only the Strategic Partnership Officer can give people roles.',
    perform: ({ bot, actor, other }) => bot.chat(actor).say(`make ${other.name} assistant director for ${AREA}`),
    tookEffect: async ({ bot, other }) => ((await bot.app.people.find(other.objectId))?.roles ?? []).includes('ad'),
  },
  {
    verb: 'decideProposal',
    action: 'approve a proposed partnership',
    // The Assistant Director of its area decides; the SPO only where the area has none (next row).
    allowed: ['ad'],
    refusal: unlessOfficerByCard('Only the Assistant Director responsible for'),
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedProposedPartnership(ctx, await directorFor(ctx));
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ approval: { partnershipId: state['partnershipId'], decision: 'approve' }, approvalComments: '' }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.status === 'active',
  },
  {
    verb: 'decideProposal',
    action: 'ask for changes to a proposed partnership',
    allowed: ['ad'],
    refusal: unlessOfficerByCard('Only the Assistant Director responsible for'),
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedProposedPartnership(ctx, await directorFor(ctx));
    },
    perform: ({ bot, actor, state }) =>
      bot.chat(actor).submit({ approval: { partnershipId: state['partnershipId'], decision: 'changes' }, approvalComments: 'Please add the exit strategy.' }),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes("I've asked"),
  },
  {
    verb: 'decideProposal',
    action: 'approve a proposal in a service area that has no Assistant Director',
    allowed: ['spo'],
    // The Assistant Director of another area may not see it either.
    refusal: (role) => (role === 'leadership' ? 'Only the Assistant Director responsible for' : NOT_FOUND),
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedProposedPartnership(ctx, undefined, VACANT_AREA);
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'decideProposal', partnershipId: state['partnershipId'], decision: 'approve' }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.status === 'active',
  },
  {
    verb: 'selfAssessment',
    action: "start the self-assessment of a partnership one is not named on",
    allowed: ['spo'],
    refusal: unlessOfficer("You aren't named as an officer on"),
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`self-assessment for ${await nameOf(ctx)}`),
    tookEffect: async ({ bot, actor }) => (await bot.app.drafts.inProgress(actor.objectId)).some((d) => d.bankId === 'self-assessment'),
  },
  {
    verb: 'closeSelfAssessment',
    action: "close another officer's partnership's self-assessment",
    allowed: ['spo'],
    refusal: unlessOfficer('Only the lead officer of'),
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
      await seedResponse(ctx);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`close the self-assessment for ${await nameOf(ctx)}`),
    tookEffect: async ({ bot, state }) =>
      (await bot.app.store.read<{ status: string }>({ kind: 'self-assessment', partition: state['partnershipId']!, id: yearKey(thisYear()) }))?.body.status === 'closed',
  },
  {
    verb: 'startAnnualRound',
    action: 'start the annual round',
    allowed: ['spo'],
    refusal: 'Only the Strategic Partnership Officer can start the annual round.',
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: ({ bot, actor }) => bot.chat(actor).say('start the annual round'),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.status === 'under-review',
  },
  {
    verb: 'addOfficer',
    action: "name an officer on another officer's partnership",
    allowed: ['spo'],
    refusal: unlessOfficer('Only the lead officer of'),
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`add ${ctx.actor.name} to ${await nameOf(ctx)}`),
    tookEffect: async ({ bot, actor, state }) => ((await bot.app.register.get(state['partnershipId']!))?.officerIds ?? []).includes(actor.objectId),
  },
  {
    verb: 'status',
    action: 'see everything about a partnership one is not named on',
    allowed: ['spo', 'ad', 'leadership'],
    refusal: NAME_NOT_FOUND,
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`show ${await nameOf(ctx)}`),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('Testing who may decide'),
  },
  {
    verb: 'status',
    action: 'see the score history of a partnership one is not named on',
    allowed: ['spo', 'ad', 'leadership'],
    refusal: NAME_NOT_FOUND,
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`score history for ${await nameOf(ctx)}`),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('Score history:'),
  },
  {
    verb: 'status',
    action: 'list a partnership one is not named on in the register',
    allowed: ['spo', 'ad', 'leadership'],
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
      // A stage no other row uses, so the list is short enough to fit on one page.
      await ctx.bot.app.register.update(ctx.state['partnershipId'], { objectId: ctx.other.objectId, name: ctx.other.name }, 'partnership.stage-confirmed', (p) => ({ ...p, stage: { suggested: 'flying' } }));
    },
    perform: ({ bot, actor }) => bot.chat(actor).say('partnerships in the flying stage'),
    tookEffect: async (ctx, replies) => textsOf(replies).includes(await nameOf(ctx)),
  },
  {
    verb: 'exitInterview',
    action: 'start the exit interview of a partnership one is not named on',
    allowed: ['spo'],
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`exit interview for ${await nameOf(ctx)}`),
    tookEffect: async ({ bot, actor }) => (await bot.app.drafts.inProgress(actor.objectId)).some((d) => d.bankId === 'exit-interview'),
  },
  {
    verb: 'exportRegister',
    action: 'export the register',
    allowed: ['spo', 'leadership'],
    refusal: 'Only the Strategic Partnership Officer and Leadership Team can export the whole register.',
    perform: ({ bot, actor }) => bot.chat(actor).say('export the register'),
    tookEffect: async (_ctx, replies) => opensDocument(replies),
  },
  {
    verb: 'annualReport',
    action: 'produce the annual report',
    allowed: ['spo', 'leadership'],
    refusal: 'Only the Strategic Partnership Officer and Leadership Team can see the annual report.',
    perform: ({ bot, actor }) => bot.chat(actor).say('produce the annual report for last year'),
    tookEffect: async (_ctx, replies) => opensDocument(replies),
  },
  {
    verb: 'resume',
    action: "open another officer's draft from a resume card",
    allowed: NOBODY,
    refusal: 'That draft has already been submitted or deleted.',
    setup: async (ctx) => {
      await ctx.bot.chat(ctx.other).say('practice');
      ctx.state['draftId'] = (await ctx.bot.app.drafts.inProgress(ctx.other.objectId))[0]!.id;
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ resume: state['draftId'] }),
    tookEffect: async (_ctx, replies) => !textsOf(replies).includes('That draft has already been submitted or deleted.'),
  },
  {
    verb: 'questionnaire',
    action: "answer on another officer's questionnaire card",
    allowed: NOBODY,
    refusal: 'no longer does anything',
    setup: async (ctx) => {
      await ctx.bot.chat(ctx.other).say('practice');
      ctx.state['draftId'] = (await ctx.bot.app.drafts.inProgress(ctx.other.objectId))[0]!.id;
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ qa: { draft: state['draftId'], seq: 1, nonce: 'n' }, nav: 'next', P1: 'yes' }),
    tookEffect: async ({ bot, other, state }) => {
      const found = await bot.app.drafts.get(other.objectId, state['draftId']!);
      return found?.draft.answers['P1'] !== undefined;
    },
  },
  {
    verb: 'snoozeReminder',
    action: "snooze another officer's reminder from its card",
    allowed: NOBODY,
    refusal: "That reminder isn't one of yours",
    setup: async (ctx) => {
      const id = await seedActivePartnership(ctx);
      const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      await ctx.bot.app.register.update(id, { objectId: ctx.other.objectId, name: ctx.other.name }, 'test.review-date', (p) => ({ ...p, nextReviewDue: due }));
      await ctx.bot.app.reminders.run();
      ctx.state['reminderKey'] = `review-due.${id}.${due}`;
      // The reminder really reached its officer, so a refusal is about ownership and not a missing reminder.
      expect(await ctx.bot.app.store.read({ kind: 'notification', partition: `person:${ctx.other.objectId}`, id: ctx.state['reminderKey'] })).toBeDefined();
    },
    perform: ({ bot, actor, state }) =>
      bot.chat(actor).submit({ action: 'snoozeReminder', reminder: state['reminderKey'], notification: state['reminderKey'], days: 7 }),
    tookEffect: async ({ bot, actor, other, state }) => {
      const snoozeOf = (objectId: string) => bot.app.store.read({ kind: 'reminder-snooze', partition: `person:${objectId}`, id: state['reminderKey']! });
      return (await snoozeOf(actor.objectId)) !== undefined || (await snoozeOf(other.objectId)) !== undefined;
    },
  },
  {
    verb: 'remindersOff',
    action: 'turn off their own reminders',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('turn off reminders'),
    tookEffect: async ({ bot, actor }) =>
      (await bot.app.store.read<{ off: boolean }>({ kind: 'reminder-settings', partition: `person:${actor.objectId}`, id: 'reminders' }))?.body.off === true,
  },
  {
    verb: 'confirmStage',
    action: "confirm the life-cycle stage of another officer's partnership",
    allowed: ['spo'],
    refusal: unlessOfficerByCard('Only the lead officer of'),
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
      await seedResponse(ctx);
      // Its lead officer closes the year, so there is a stage to confirm.
      await ctx.bot.chat(ctx.other).say(`close the self-assessment for ${await nameOf(ctx)}`);
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'confirmStage', partnershipId: state['partnershipId'], year: thisYear(), stage: 'flying' }),
    tookEffect: async ({ bot, state }) =>
      (await bot.app.store.read<{ stage: { confirmed?: string } }>({ kind: 'self-assessment', partition: state['partnershipId']!, id: yearKey(thisYear()) }))?.body.stage.confirmed === 'flying',
  },
  {
    verb: 'showExitDocument',
    action: 'read the exit document of a partnership one is not named on',
    allowed: ['spo', 'ad', 'leadership'],
    refusal: NAME_NOT_FOUND,
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedExitAwaitingSignOff(ctx);
    },
    perform: async (ctx) => ctx.bot.chat(ctx.actor).say(`show the exit document for ${await nameOf(ctx)}`),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('Exit document'),
  },
  {
    verb: 'signOffExit',
    action: 'sign off the exit of a partnership in an area with an Assistant Director',
    allowed: ['ad'],
    refusal: unlessOfficerByCard('Only the Assistant Director responsible for'),
    setup: async (ctx) => {
      await directorFor(ctx);
      ctx.state['partnershipId'] = await seedExitAwaitingSignOff(ctx);
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'signOffExit', partnershipId: state['partnershipId'], revision: 1, decision: 'signOff' }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.get(state['partnershipId']!))?.status === 'closed',
  },
  {
    verb: 'signOffExit',
    action: 'ask for changes to an exit (the old card shape, still in chats)',
    allowed: ['ad'],
    refusal: unlessOfficerByCard('Only the Assistant Director responsible for'),
    setup: async (ctx) => {
      await directorFor(ctx);
      ctx.state['partnershipId'] = await seedExitAwaitingSignOff(ctx);
    },
    perform: ({ bot, actor, state }) =>
      bot.chat(actor).submit({ exitSignOff: { partnershipId: state['partnershipId'], revision: 1, decision: 'changes' }, exitSignOffComments: 'Add the lease' }),
    tookEffect: async ({ bot, state }) => (await bot.app.register.exitDocument(state['partnershipId']!))?.status === 'changes-requested',
  },
  {
    verb: 'statusPage',
    action: 'page through a list that names a partnership one is not named on',
    allowed: ['spo', 'ad', 'leadership'],
    setup: async (ctx) => {
      ctx.state['partnershipId'] = await seedActivePartnership(ctx);
      await ctx.bot.app.register.update(ctx.state['partnershipId'], { objectId: ctx.other.objectId, name: ctx.other.name }, 'partnership.stage-confirmed', (p) => ({ ...p, stage: { suggested: 'frustration' } }));
    },
    perform: ({ bot, actor }) => bot.chat(actor).submit({ verb: 'statusPage', question: { kind: 'register', filter: { stages: ['frustration'] } }, page: 1 }),
    tookEffect: async (ctx, replies) => textsOf(replies).includes(await nameOf(ctx)),
  },
  {
    verb: 'clarify',
    action: 'be offered the likely readings of an unclear message',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('risk'),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('Did you mean one of these?'),
  },
  {
    verb: 'greeting',
    action: 'be greeted',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('good morning'),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('What can I do for you today?'),
  },
  {
    verb: 'smallTalk',
    action: 'be thanked back',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('thanks'),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes("You're welcome"),
  },
  {
    verb: 'helpTopic',
    action: 'open one line of the help card',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).submit({ verb: 'helpTopic', topic: 'exitInterview' }),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('the lessons learned'),
  },
  {
    verb: 'cancel',
    action: 'cancel with nothing in progress',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('cancel'),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes("There's nothing in progress to cancel"),
  },
  {
    verb: 'notNow',
    action: 'say not now',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('not now'),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('Your drafts are kept'),
  },
  {
    verb: 'unknown',
    action: 'be told plainly when not understood',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('purple monkey dishwasher'),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes("Sorry, I didn't understand"),
  },
  {
    verb: 'say',
    action: 'press a button that says words for them',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).submit({ verb: 'say', command: 'help' }),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('What I can help with'),
  },
  {
    verb: 'resume',
    action: 'carry on with their own draft from a resume card',
    allowed: EVERYONE,
    setup: async (ctx) => {
      await ctx.bot.chat(ctx.actor).say('practice');
      ctx.state['draftId'] = (await ctx.bot.app.drafts.inProgress(ctx.actor.objectId))[0]!.id;
      await ctx.bot.chat(ctx.actor).say('save for later');
    },
    perform: ({ bot, actor, state }) => bot.chat(actor).submit({ verb: 'resume', draftId: state['draftId'] }),
    tookEffect: async (_ctx, replies) => textsOf(replies).includes('Practice questionnaire'),
  },
  {
    verb: 'snoozeReminders',
    action: 'snooze their own reminders',
    allowed: EVERYONE,
    perform: ({ bot, actor }) => bot.chat(actor).say('snooze reminders for 2 weeks'),
    tookEffect: async ({ bot, actor }) =>
      (await bot.app.store.read<{ snoozedUntil?: string }>({ kind: 'reminder-settings', partition: `person:${actor.objectId}`, id: 'reminders' }))?.body.snoozedUntil !== undefined,
  },
  {
    verb: 'remindersOn',
    action: 'turn their own reminders back on',
    allowed: EVERYONE,
    setup: async (ctx) => {
      await ctx.bot.chat(ctx.actor).say('turn off reminders');
    },
    perform: ({ bot, actor }) => bot.chat(actor).say('turn reminders back on'),
    tookEffect: async ({ bot, actor }) =>
      (await bot.app.store.read<{ off: boolean }>({ kind: 'reminder-settings', partition: `person:${actor.objectId}`, id: 'reminders' }))?.body.off === false,
  },
];

describe('authorization matrix: every action for every role, over HTTP', () => {
  let bot: TestBot;
  let connector: StubConnector;
  let n = 9000;

  beforeAll(async () => {
    connector = await startStubConnector();
    files = await startFileServer();
    bot = await startTestBot({ serviceUrl: connector.serviceUrl, env: { FILE_DOWNLOAD_TEST_ORIGIN: files.origin } });
  });
  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await files?.close();
  });

  /** A new person with exactly this role, known to the bot. */
  async function personWithRole(role: Role): Promise<TestUser> {
    const person = testUser(`Matrix ${role} ${++n}`, n);
    await bot.chat(person).say('hi');
    if (role !== 'officer') await bot.app.people.setRoles(person.objectId, [role], role === 'ad' ? [AREA] : undefined);
    return person;
  }

  const cases = ACTIONS.flatMap((row) => ROLES.map((role) => ({ row, role, allowed: row.allowed.includes(role) })));

  it.each(cases.map((c) => [c.row.action, c.role, c.allowed ? 'allowed' : 'refused', c] as const))('%s as %s: %s', async (_a, role, _v, { row, allowed }) => {
    const actor = await personWithRole(role);
    const other = await personWithRole('officer');
    const ctx: MatrixContext = { bot, actor, role, other, state: {} };
    await row.setup?.(ctx);
    const replies = await row.perform(ctx);
    expect(replies.length, 'the bot always answers').toBeGreaterThan(0);
    expect(await row.tookEffect(ctx, replies)).toBe(allowed);
    if (!allowed && row.refusal) expect(textsOf(replies)).toContain(typeof row.refusal === 'function' ? row.refusal(role) : row.refusal);
  });

  it('an Assistant Director of another area cannot decide on a partnership', async () => {
    const director = await personWithRole('ad');
    await bot.app.people.setRoles(director.objectId, ['ad'], ['planning']);
    const ctx: MatrixContext = { bot, actor: director, role: 'ad', other: await personWithRole('officer'), state: {} };
    const id = await seedProposedPartnership(ctx, await personWithRole('ad'));
    const replies = await bot.chat(director).submit({ verb: 'decideProposal', partnershipId: id, decision: 'approve' });
    // Another area's partnership is not one they may see: they are told nothing about it.
    expect(textsOf(replies)).toContain(NOT_FOUND);
    expect(textsOf(replies)).not.toContain((await bot.app.register.get(id))!.name);
    expect((await bot.app.register.get(id))?.status).toBe('proposed');
  });

  it('has rows for every verb in the route table, and names no verb the bot does not have', () => {
    const rowVerbs = new Set(ACTIONS.map((row) => row.verb));
    expect(bot.app.verbs.filter((verb) => !rowVerbs.has(verb)), 'verbs without matrix rows').toEqual([]);
    expect([...rowVerbs].filter((verb) => !bot.app.verbs.includes(verb)), 'rows for verbs the bot does not have').toEqual([]);
  });

  it('covers every role for every row', () => {
    expect(cases).toHaveLength(ACTIONS.length * ROLES.length);
  });
});
