import { actionButton, adaptiveCard, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';
import { plain } from './markdown.js';

const RATING: Record<'green' | 'amber' | 'red', { title: string; colour: string }> = {
  green: { title: 'Green: ready for approval', colour: 'Good' },
  amber: { title: 'Amber: proceed with conditions', colour: 'Warning' },
  red: { title: 'Red: do not proceed without an Assistant Director decision', colour: 'Attention' },
};

export interface RiskLine {
  category: string;
  description: string;
  band: string;
  score: number;
}

export interface NewPartnershipResultModel {
  partnershipName: string;
  rating: 'green' | 'amber' | 'red';
  reasons: string[];
  actions: string[];
  significance: string;
  significanceReasons: string[];
  riskCounts: Array<{ label: string; count: number }>;
  topRisks: RiskLine[];
  status: string;
  stage: string;
  nextReviewDue: string;
  /** What happened about telling the Assistant Director. */
  assistantDirectorNote: string;
  /** Offers "Change my answers" (reopen the proposal) while it is undecided. */
  reopen?: { partnershipId: string };
}

/** The officer's result: outcome, reasons, actions, risk summary and the register entry. */
export function newPartnershipResultCard(model: NewPartnershipResultModel): AdaptiveCardJson {
  const rating = RATING[model.rating];
  const body: CardElement[] = [
    heading(plain(model.partnershipName)),
    paragraph(rating.title, { size: 'Large', weight: 'Bolder', color: rating.colour }),
    paragraph('Why', { weight: 'Bolder', spacing: 'Medium' }),
    ...bullets(model.reasons),
  ];
  if (model.actions.length > 0) body.push(paragraph('Actions', { weight: 'Bolder', spacing: 'Medium' }), ...bullets(model.actions.slice(0, 15)));
  body.push(paragraph('Risk summary', { weight: 'Bolder', spacing: 'Medium' }));
  body.push({ type: 'FactSet', facts: model.riskCounts.map((c) => ({ title: c.label, value: String(c.count) })) });
  if (model.topRisks.length > 0) body.push(...bullets(model.topRisks.map((r) => `${r.band} (${r.score}): ${r.category} – ${r.description}`)));
  body.push(paragraph('Register entry', { weight: 'Bolder', spacing: 'Medium' }));
  body.push({
    type: 'FactSet',
    facts: [
      { title: 'Status', value: model.status },
      { title: 'Life-cycle stage', value: model.stage },
      { title: 'Significance', value: `${model.significance} (${model.significanceReasons.join('; ')})` },
      { title: 'Next review due', value: model.nextReviewDue },
    ],
  });
  body.push(paragraph(model.assistantDirectorNote, { isSubtle: true, spacing: 'Medium' }));
  if (!model.reopen) return adaptiveCard(body);
  body.push(paragraph('Until the Assistant Director decides, you can change your answers and submit again.', { isSubtle: true, spacing: 'Small' }));
  return adaptiveCard(body, [actionButton('Change my answers', 'reopenProposal', { partnershipId: model.reopen.partnershipId })]);
}

export interface AssistantDirectorNoticeModel {
  partnershipId: string;
  partnershipName: string;
  officerName: string;
  serviceArea: string;
  rating: 'green' | 'amber' | 'red';
  reasons: string[];
  overallRisk: string;
  veryHighRisks: RiskLine[];
  significance: string;
  councilCash: string;
  /** 1 for the first submission; 2 after the officer resubmitted with changes, and so on. */
  revision?: number;
  /** For a resubmission: each answer that changed since the revision before ("Question: old → new"). */
  changesSinceLast?: string[];
  /** Said first, e.g. to the SPO while the service area has no Assistant Director. */
  note?: string;
}

export const APPROVAL_COMMENTS_INPUT = 'approvalComments';
export const APPROVAL_CONDITIONS_INPUT = 'approvalConditions';

/** Sent to the Assistant Director: the summary, very high risks flagged, and a decision to make. */
export function assistantDirectorNoticeCard(model: AssistantDirectorNoticeModel): AdaptiveCardJson {
  const rating = RATING[model.rating];
  const body: CardElement[] = [
    paragraph(model.revision && model.revision > 1 ? `Resubmitted for your approval (revision ${model.revision})` : 'New partnership for your approval', { isSubtle: true }),
    heading(plain(model.partnershipName)),
    paragraph(
      model.revision && model.revision > 1
        ? `${plain(model.officerName)} has changed the proposal and resubmitted it; the card for the revision before no longer decides anything.`
        : `${plain(model.officerName)} has registered a proposed partnership in ${model.serviceArea}.`,
    ),
    paragraph(rating.title, { weight: 'Bolder', color: rating.colour }),
  ];
  if (model.note) body.splice(1, 0, paragraph(model.note, { isSubtle: true, spacing: 'Small' }));
  if (model.veryHighRisks.length > 0) {
    body.push(paragraph(`⚠ Very high risk${model.veryHighRisks.length > 1 ? 's' : ''}: a decision is needed before proceeding`, { weight: 'Bolder', color: 'Attention' }));
    body.push(...bullets(model.veryHighRisks.map((r) => `${r.category}: ${r.description} (score ${r.score})`)));
  }
  if (model.changesSinceLast) {
    body.push(paragraph(`What changed since revision ${(model.revision ?? 2) - 1}`, { weight: 'Bolder', spacing: 'Medium' }));
    body.push(...(model.changesSinceLast.length ? bullets(model.changesSinceLast.slice(0, 15)) : [paragraph('No answer changed.', { isSubtle: true })]));
  }
  body.push(...bullets(model.reasons.slice(0, 6)));
  body.push({
    type: 'FactSet',
    facts: [
      { title: 'Overall risk', value: model.overallRisk },
      { title: 'Significance', value: model.significance },
      { title: 'Council cash per year', value: model.councilCash },
    ],
  });
  body.push({
    type: 'Input.Text',
    id: APPROVAL_COMMENTS_INPUT,
    label: model.rating === 'red' ? 'Comments (needed to reject, to ask for changes, and to approve a red proposal)' : 'Comments (needed to reject or ask for changes)',
    isMultiline: true,
    maxLength: 1000,
  });
  body.push({ type: 'Input.Text', id: APPROVAL_CONDITIONS_INPUT, label: 'Conditions, one a line (for Approve with conditions; each becomes an action on the partnership)', isMultiline: true, maxLength: 2000 });
  const decide = (decision: string) => ({ partnershipId: model.partnershipId, decision, revision: model.revision ?? 1 });
  return adaptiveCard(body, [
    actionButton('Approve', 'decideProposal', decide('approve'), { style: 'positive', withInputs: true }),
    actionButton('Approve with conditions', 'decideProposal', decide('conditions'), { withInputs: true }),
    actionButton('Ask for changes', 'decideProposal', decide('changes'), { withInputs: true }),
    actionButton('Reject', 'decideProposal', decide('reject'), { style: 'destructive', withInputs: true }),
  ]);
}

export function noticeCard(title: string, lines: string[]): AdaptiveCardJson {
  return adaptiveCard([heading(plain(title)), ...lines.map((l) => paragraph(plain(l)))]);
}

function bullets(lines: string[]): CardElement[] {
  return lines.map((line) => paragraph(`• ${plain(line)}`, { spacing: 'Small' }));
}
