import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partnership } from '../../src/partnerships/partnership.js';
import * as permissions from '../../src/permissions/permissions.js';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { testUser } from '../support/teamsActivities.js';
import { exitDocumentFrom } from '../../src/partnerships/exitDocument.js';
import { assessmentYearOf } from '../../src/domain/assessmentYear.js';

/**
 * A refusal never names a partnership or a person the asker may not see (M4 in
 * the December 2026 security audit): every refusal message, reached by its
 * name typed partly, by initials, and by a card carrying the partnership's id,
 * says nothing the asker could not already see.
 */
const LEAD = testUser('Alice Officer', 7601);
const BOB = testUser('Bob Officer', 7602);
const OTHER_AD = testUser('Olivia Director', 7603);

const HIDDEN = 'Alpha Youth Forum';
const HIDDEN_PROPOSED = 'Alpha Sports Network';

describe('refusals reveal nothing (over HTTP)', () => {
  let bot: TestBot;
  const ids = { active: 'ayf', proposed: 'asn' };

  beforeAll(async () => {
    bot = await startTestBot();
    for (const user of [LEAD, BOB, OTHER_AD]) await bot.chat(user).say('hi');
    await bot.app.people.setRoles(OTHER_AD.objectId, ['ad'], ['housing']);
    const now = new Date().toISOString();
    const base = (id: string, name: string, status: Partnership['status']): Partnership => ({
      id, name, purpose: 'Secret purpose', partners: [{ name: 'Hidden Partner Ltd' }], leadOfficer: { objectId: LEAD.objectId, name: LEAD.name },
      officerIds: [LEAD.objectId], ownerId: LEAD.objectId, serviceArea: 'communities', statutory: false, priorities: [], councilCashPerYear: 9000,
      significance: 'low', startDate: '2025-04-01', nextReviewDue: '2027-04-01', stage: { suggested: 'forming' }, status, createdAt: now, updatedAt: now,
    });
    await bot.app.register.createOnce(base(ids.active, HIDDEN, 'active'), { objectId: LEAD.objectId, name: LEAD.name });
    await bot.app.register.createOnce(base(ids.proposed, HIDDEN_PROPOSED, 'proposed'), { objectId: LEAD.objectId, name: LEAD.name });
    const lead = { objectId: LEAD.objectId, name: LEAD.name };
    await bot.app.register.saveExitDocument(
      exitDocumentFrom({ partnershipId: ids.active, partnershipName: HIDDEN, draftId: 'd-x', bankId: 'exit-interview', bankVersion: 1, answers: {}, leadOfficer: lead, completedBy: lead, completedAt: now }),
      lead,
    );
  }, 120_000);
  afterAll(async () => {
    await bot.close();
  });

  const typed = [
    'show Alpha Youth Forum', 'show AYF', 'tell me about youth', 'score history for alpha', 'who leads the youth forum', 'who are the partners in AYF',
    'how much do we put into the youth forum', 'self-assessment for alpha youth forum', 'close the self-assessment for alpha youth forum',
    'add Bob Officer to alpha youth forum', 'exit interview for the youth forum', 'show the exit document for alpha youth forum',
    'which partnerships work with Hidden Partner Ltd', 'partnerships led by Alice Officer', 'forum', 'youth',
  ];

  it.each(typed)('"%s" from someone on nothing, and from an Assistant Director of another area, says nothing about it', async (text) => {
    for (const asker of [BOB, OTHER_AD]) {
      const reply = textsOf(await bot.chat(asker).say(text));
      expect(reply.length).toBeGreaterThan(0);
      for (const secret of [HIDDEN, HIDDEN_PROPOSED, LEAD.name, 'Secret purpose', 'Hidden Partner Ltd', '9,000']) {
        // Words the asker typed themselves may come back; nothing else of it may.
        if (text.toLowerCase().includes(secret.toLowerCase())) continue;
        expect(reply, `${asker.name}: "${text}"`).not.toContain(secret);
      }
    }
  });

  it('a name they cannot see gets the same answer as a name that does not exist', async () => {
    const hidden = textsOf(await bot.chat(BOB).say('show the Alpha Youth Forum'));
    const missing = textsOf(await bot.chat(BOB).say('show the Omega Youth Forum'));
    expect(hidden.replace('Alpha', 'Omega')).toBe(missing);
  });

  it.each([
    ['decide on the proposal', { verb: 'decideProposal', partnershipId: 'asn', decision: 'approve' }],
    ['sign off the exit', { verb: 'signOffExit', partnershipId: 'ayf', revision: 1, decision: 'signOff' }],
    ['confirm the stage', { verb: 'confirmStage', partnershipId: 'ayf', year: assessmentYearOf(new Date().toISOString()), stage: 'flying' }],
  ])('a card to %s, carrying the id, names nothing', async (_what, card) => {
    for (const asker of [BOB, OTHER_AD]) {
      const reply = textsOf(await bot.chat(asker).submit(card));
      expect(reply).toContain(permissions.NOT_FOUND_FOR_YOU);
      for (const secret of [HIDDEN, HIDDEN_PROPOSED, LEAD.name]) expect(reply).not.toContain(secret);
    }
  });

  it('every refusal rule about a partnership names nothing to someone who may not see it', () => {
    const p = { name: HIDDEN, officerIds: [LEAD.objectId], serviceArea: 'communities', leadOfficer: { objectId: LEAD.objectId, name: LEAD.name } };
    const bob = { objectId: BOB.objectId, roles: ['officer' as const] };
    const director = { objectId: OTHER_AD.objectId, roles: ['officer' as const, 'ad' as const], areas: ['housing'] };
    for (const actor of [bob, director]) {
      const verdicts = [
        permissions.seePartnership(actor, p),
        permissions.respondToSelfAssessment({ ...actor, name: 'Bob' }, p),
        permissions.runExitInterview(actor, p),
        permissions.readExitDocument(actor, p),
        permissions.closeSelfAssessment(actor, p),
        permissions.confirmStage(actor, p),
        permissions.nameOfficer(actor, p),
        permissions.decideProposal(actor, p, []),
        permissions.decideProposal(actor, p, ['someone']),
        permissions.signOffExit(actor, p, []),
        permissions.signOffExit(actor, p, ['someone']),
      ];
      for (const verdict of verdicts) {
        expect(verdict.allowed).toBe(false);
        if (!verdict.allowed) {
          expect(verdict.refusal).toBe(permissions.NOT_FOUND_FOR_YOU);
          expect(verdict.refusal).not.toContain(HIDDEN);
          expect(verdict.refusal).not.toContain(LEAD.name);
        }
      }
    }
  });
});
