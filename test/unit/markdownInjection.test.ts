import { describe, expect, it } from 'vitest';
import { annualReportCard } from '../../cards/annualReportCard.js';
import { answeredCard } from '../../cards/answeredCard.js';
import type { AdaptiveCardJson } from '../../cards/cardTypes.js';
import { exitDocumentCard, exitSignOffRequestCard, exitSubmittedCard } from '../../cards/exitCards.js';
import { plain } from '../../cards/markdown.js';
import { assistantDirectorNoticeCard, newPartnershipResultCard, noticeCard } from '../../cards/newPartnershipCards.js';
import { partnershipDetailCard } from '../../cards/partnershipDetailCard.js';
import { partnershipListCard } from '../../cards/partnershipListCard.js';
import { questionCard } from '../../cards/questionCard.js';
import { reminderCard } from '../../cards/reminderCard.js';
import { resumeCard } from '../../cards/resumeCard.js';
import { scoreHistoryCard } from '../../cards/scoreHistoryCard.js';
import { annualRoundInvitationCard, selfAssessmentResultCard } from '../../cards/selfAssessmentCards.js';
import { summaryCard } from '../../cards/summaryCard.js';
import { unreachableOfficersCard } from '../../cards/unreachableOfficersCard.js';
import { welcomeCard } from '../../cards/welcomeCard.js';
import { whereYouAreCard } from '../../cards/whereYouAreCard.js';
import { actionListCard, addRiskCard, closeActionCard, noticeCard as governanceNotice, reportListCard, returnsCard } from '../../cards/governanceCards.js';

/**
 * Officer-typed text in every card builder that shows it (M6 in the December
 * 2026 security audit): a name such as "[Approve now](https://evil.example)"
 * must show as typed, never as a link, emphasis, a mention or a list.
 */
const EVIL = '[Approve now](https://evil.example/login) **Bold** _it_ <at>Sally Spo</at> ![img](https://evil.example/p.png)';
const ref = { draft: 'd1', seq: 1, nonce: 'n' };

/** Every text a person sees on the card (text blocks, facts, table cells), however deep. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) texts(child, out);
  else if (node && typeof node === 'object') {
    const element = node as Record<string, unknown>;
    for (const key of ['text', 'value']) if (typeof element[key] === 'string' && element['type'] !== 'Input.Text') out.push(element[key] as string);
    for (const [key, value] of Object.entries(element)) if (key !== 'data' && typeof value === 'object') texts(value, out);
  }
  return out;
}

const CARDS: Array<[string, () => AdaptiveCardJson]> = [
  ['annual report', () => annualReportCard({ title: 'Annual report', intro: 'x', byBand: [], byRecommendation: [], newPartnerships: [EVIL], exits: [EVIL], overdueReviews: [EVIL], url: 'https://bot/x', expiryNote: 'x' })],
  ['answered question', () => answeredCard({ questionnaireTitle: 'Q', sectionTitle: 'S', answers: [{ prompt: 'Name?', answer: EVIL }], status: 'Answer saved' })],
  ['exit document', () => exitDocumentCard({ partnershipName: EVIL, status: 'Exiting', identification: [{ title: 'Lead officer', value: EVIL }], sections: [{ title: 'Lessons', items: [{ label: 'What worked', value: EVIL }, { label: 'Assets', rows: [EVIL] }] }] })],
  ...(['sign-off request', 'exit submitted'] as const).map((kind): [string, () => AdaptiveCardJson] => [
    kind,
    () => {
      const model = { partnershipId: 'p', partnershipName: EVIL, revision: 1, officerName: EVIL, facts: [{ title: 'Outcome', value: EVIL }], objectives: [EVIL], lessons: [EVIL], recognition: EVIL, showCommand: 'show it' };
      return kind === 'sign-off request' ? exitSignOffRequestCard(model) : exitSubmittedCard({ ...model, directorNote: 'x' });
    },
  ]),
  ['new partnership result', () => newPartnershipResultCard({ partnershipName: EVIL, rating: 'red', reasons: ['r'], actions: [EVIL], significance: 'High', significanceReasons: [], riskCounts: [], topRisks: [{ category: 'Financial', description: EVIL, band: 'High', score: 9 }], status: 'Proposed', stage: 'Forming', nextReviewDue: '1 April 2027', assistantDirectorNote: 'x' } as never)],
  ['approval for the Assistant Director', () => assistantDirectorNoticeCard({ partnershipId: 'p', partnershipName: EVIL, officerName: EVIL, serviceArea: 'Communities', rating: 'amber', reasons: [], overallRisk: 'High', veryHighRisks: [{ category: 'Financial', description: EVIL, band: 'Very high', score: 12 }], significance: 'High', councilCash: '£1' })],
  ['notice', () => noticeCard(`Approved: ${EVIL}`, [EVIL])],
  ['partnership detail', () => partnershipDetailCard({ name: EVIL, purpose: EVIL, facts: [{ title: 'Partners', value: EVIL }], risks: [EVIL], actions: [EVIL], buttons: [] })],
  ['partnership list', () => partnershipListCard({ title: `Partnerships: with ${EVIL}`, intro: EVIL, entries: [{ title: EVIL, lines: [`Lead: ${EVIL}`] }], emptyText: 'none' })],
  ['question', () => questionCard({ questionnaireTitle: 'New partnership questions', subjectName: EVIL, sectionTitle: 'About', progress: { number: 1, total: 2 }, questions: [], ref, canGoBack: false, canSkip: false })],
  ['review reminder', () => reminderCard({ type: 'reviewDue', partnershipName: EVIL, reviewDate: '2027-01-01', reminderKey: 'k', notificationKey: 'k' })],
  ['draft reminder', () => reminderCard({ type: 'draftUnfinished', draftId: 'd', description: EVIL, lastChanged: '2026-11-01', reminderKey: 'k', notificationKey: 'k' })],
  ['resume', () => resumeCard({ lead: 'Carry on?', drafts: [{ draftId: 'd', description: EVIL }] })],
  ['score history', () => scoreHistoryCard({ name: EVIL, rows: [], emptyText: 'none', showCommand: 'show it' })],
  ['self-assessment result', () => selfAssessmentResultCard({ partnershipName: EVIL, year: '2026/27', final: true, respondents: [EVIL], overall: { points: '1 / 84' }, areas: [], history: [], moved: [], viewsDiffer: [], stage: { suggested: 'Forming', reasons: [], tactics: [] }, actions: [EVIL], evidenceGaps: [EVIL], evidence: [EVIL], buttons: [] })],
  ['annual round invitation', () => annualRoundInvitationCard({ partnershipName: EVIL, year: '2026/27', command: 'self-assessment' })],
  ['check your answers', () => summaryCard({ questionnaireTitle: 'Q', subjectName: EVIL, sections: [{ title: 'S', answers: [{ questionId: 'A', prompt: 'Name?', answer: EVIL }] }], missing: [], ref })],
  ['unreachable officers', () => unreachableOfficersCard({ names: [EVIL] })],
  ['welcome', () => welcomeCard({ firstName: EVIL })],
  ['where you are', () => whereYouAreCard({ questionnaireTitle: 'Self-assessment', subject: EVIL, position: 'question 2 of 48', ref })],
  ['action list', () => actionListCard({ title: `Open actions for ${EVIL}`, intro: 'x', actions: [{ partnershipId: 'p', actionId: 'a', partnershipName: EVIL, number: 1, text: EVIL, detail: `Owner ${EVIL}`, overdue: true, mayClose: true }] })],
  ['close an action', () => closeActionCard({ partnershipId: 'p', actionId: 'a', partnershipName: EVIL, number: 1, text: EVIL, detail: EVIL })],
  ['add a risk', () => addRiskCard({ partnershipId: 'p', partnershipName: EVIL, matrix: '4 x 4', actionFrom: 8, categories: [], likelihood: [], impact: [] })],
  ['who has responded', () => returnsCard({ title: 'Who has responded', intro: 'x', partnerships: [{ name: EVIL, responded: [EVIL], missing: [EVIL] }] })],
  ['reports kept', () => reportListCard({ title: 'Reports', intro: 'x', reports: [{ id: 'r', title: EVIL, detail: `Produced by ${EVIL}` }] })],
  // Its lines are markdown its callers build, each escaping the officer text in them; the title is escaped here.
  ['governance notice', () => governanceNotice(`Overdue action: ${EVIL}`, ['x'])],
];

describe('officer-typed text on every card shows as typed, never as markdown', () => {
  it.each(CARDS)('%s', (_name, build) => {
    const shown = texts(build()).filter((t) => t.includes('Approve now') || t.includes('Sally Spo'));
    expect(shown.length, 'the officer text is on the card').toBeGreaterThan(0);
    for (const text of shown) {
      expect(text).not.toMatch(/(?<!\\)\[Approve now(?<!\\)\]\(/);
      expect(text).not.toMatch(/(?<!\\)<at>/);
      expect(text).not.toMatch(/(?<!\\)\*\*Bold/);
      expect(text).not.toMatch(/(?<!\\)!(?<!\\)\[img/);
    }
  });

  it('plain escapes what makes links, emphasis, mentions, headings and lists', () => {
    expect(plain(EVIL)).toBe('\\[Approve now\\](https://evil.example/login) \\*\\*Bold\\*\\* \\_it\\_ \\<at\\>Sally Spo\\</at\\> !\\[img\\](https://evil.example/p.png)');
    expect(plain('- one\n2. two\n# three')).toBe('\\- one\n2\\. two\n\\# three');
    expect(plain('Community Safety Partnership (CSP)')).toBe('Community Safety Partnership (CSP)');
  });
});
