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
  return adaptiveCard(body);
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
}

export const APPROVAL_COMMENTS_INPUT = 'approvalComments';

/** Sent to the Assistant Director: the summary, very high risks flagged, and a decision to make. */
export function assistantDirectorNoticeCard(model: AssistantDirectorNoticeModel): AdaptiveCardJson {
  const rating = RATING[model.rating];
  const body: CardElement[] = [
    paragraph('New partnership for your approval', { isSubtle: true }),
    heading(plain(model.partnershipName)),
    paragraph(`${plain(model.officerName)} has registered a proposed partnership in ${model.serviceArea}.`),
    paragraph(rating.title, { weight: 'Bolder', color: rating.colour }),
  ];
  if (model.veryHighRisks.length > 0) {
    body.push(paragraph(`⚠ Very high risk${model.veryHighRisks.length > 1 ? 's' : ''}: a decision is needed before proceeding`, { weight: 'Bolder', color: 'Attention' }));
    body.push(...bullets(model.veryHighRisks.map((r) => `${r.category}: ${r.description} (score ${r.score})`)));
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
  body.push({ type: 'Input.Text', id: APPROVAL_COMMENTS_INPUT, label: 'Comments (needed if you ask for changes)', isMultiline: true, maxLength: 1000 });
  return adaptiveCard(body, [
    actionButton('Approve', 'decideProposal', { partnershipId: model.partnershipId, decision: 'approve' }, { style: 'positive', withInputs: true }),
    actionButton('Ask for changes', 'decideProposal', { partnershipId: model.partnershipId, decision: 'changes' }, { withInputs: true }),
  ]);
}

export function noticeCard(title: string, lines: string[]): AdaptiveCardJson {
  return adaptiveCard([heading(plain(title)), ...lines.map((l) => paragraph(plain(l)))]);
}

function bullets(lines: string[]): CardElement[] {
  return lines.map((line) => paragraph(`• ${plain(line)}`, { spacing: 'Small' }));
}
