import { actionButton, adaptiveCard, commandButton, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';
import { plain } from './markdown.js';

/**
 * Cards of the governance cycle (issue 19): the action log, closing an action,
 * adding a risk, who has responded, the notices to owners and Assistant
 * Directors, and the reports kept. Pure functions of view models whose words
 * are already UK English; officer-typed text is escaped here.
 */

export interface ActionLine {
  partnershipId: string;
  actionId: string;
  partnershipName: string;
  number: number;
  text: string;
  /** "Owner Sam Patel; due 14 March 2027 (overdue by 3 days); from the 2026/27 self-assessment (F3)". */
  detail: string;
  overdue: boolean;
  /** Whether the person looking may close it (a button is shown). */
  mayClose: boolean;
}

/** A list of open actions: "my actions", or one partnership's log. */
export function actionListCard(model: { title: string; intro: string; actions: ActionLine[]; more?: string }): AdaptiveCardJson {
  const body: CardElement[] = [heading(plain(model.title)), paragraph(model.intro, { spacing: 'Small' })];
  for (const a of model.actions) {
    body.push({
      type: 'Container',
      spacing: 'Medium',
      separator: true,
      items: [
        paragraph(`**${a.number}. ${plain(a.text)}**${a.overdue ? ' (overdue)' : ''}`, a.overdue ? { color: 'Attention' } : {}),
        paragraph(plain(a.detail), { isSubtle: true, spacing: 'None' }),
      ],
      ...(a.mayClose ? { selectAction: { type: 'Action.Submit', title: 'Close this action', data: { verb: 'closeActionCard', partnershipId: a.partnershipId, actionId: a.actionId } } } : {}),
    });
  }
  if (model.more) body.push(paragraph(model.more, { isSubtle: true }));
  const buttons = model.actions.filter((a) => a.mayClose).slice(0, 5).map((a) => actionButton(`Close action ${a.number}${model.actions.some((b) => b.partnershipName !== a.partnershipName) ? ` (${a.partnershipName.slice(0, 30)})` : ''}`, 'closeActionCard', { partnershipId: a.partnershipId, actionId: a.actionId }));
  return adaptiveCard(body, buttons);
}

export const ACTION_OUTCOME_INPUT = 'actionOutcome';
export const ACTION_NOTE_INPUT = 'actionNote';

/** Closing one action: done with a note of the evidence, or dropped with a reason. */
export function closeActionCard(model: { partnershipId: string; actionId: string; partnershipName: string; number: number; text: string; detail: string }): AdaptiveCardJson {
  return adaptiveCard(
    [
      paragraph(`Close an action on ${plain(model.partnershipName)}`, { isSubtle: true }),
      heading(`${model.number}. ${plain(model.text)}`),
      paragraph(plain(model.detail), { isSubtle: true, spacing: 'None' }),
      {
        type: 'Input.ChoiceSet', id: ACTION_OUTCOME_INPUT, label: 'What happened?', style: 'expanded', value: 'done',
        choices: [{ title: 'Done', value: 'done' }, { title: 'Dropped: it is no longer needed', value: 'dropped' }],
      },
      { type: 'Input.Text', id: ACTION_NOTE_INPUT, label: 'The evidence that it is done (e.g. "minutes of 3 May, item 4"), or why it is dropped', isMultiline: true, maxLength: 1000 },
    ],
    [actionButton('Close the action', 'saveActionClose', { partnershipId: model.partnershipId, actionId: model.actionId }, { style: 'positive', withInputs: true })],
  );
}

export const RISK_INPUTS = {
  category: 'riskCategory',
  description: 'riskDescription',
  likelihood: 'riskLikelihood',
  impact: 'riskImpact',
  controls: 'riskControls',
  adequacy: 'riskAdequacy',
  residualLikelihood: 'riskResidualLikelihood',
  residualImpact: 'riskResidualImpact',
  owner: 'riskOwner',
  action: 'riskAction',
  due: 'riskDue',
} as const;

type Choice = { title: string; value: string };

/** "Add a risk to <partnership>": the risk on the council's matrix, before and after controls. */
export function addRiskCard(model: { partnershipId: string; partnershipName: string; matrix: string; actionFrom: number; categories: Choice[]; likelihood: Choice[]; impact: Choice[] }): AdaptiveCardJson {
  const choice = (id: string, label: string, choices: Choice[]): CardElement => ({ type: 'Input.ChoiceSet', id, label, style: 'compact', isRequired: true, errorMessage: 'Please choose one', choices });
  return adaptiveCard(
    [
      paragraph(`Add a risk to ${plain(model.partnershipName)}`, { isSubtle: true }),
      heading('A new risk'),
      paragraph(`Score it on the ${plain(model.matrix)}, before and after controls. A score of ${model.actionFrom} or more after controls needs an action with a date, and the Assistant Director is told at once.`, { spacing: 'Small' }),
      choice(RISK_INPUTS.category, 'Kind of risk', model.categories),
      { type: 'Input.Text', id: RISK_INPUTS.description, label: 'What could happen, and what would it lead to?', isMultiline: true, maxLength: 500, isRequired: true, errorMessage: 'Please describe the risk' },
      choice(RISK_INPUTS.likelihood, 'How likely, before controls?', model.likelihood),
      choice(RISK_INPUTS.impact, 'How bad, before controls?', model.impact),
      { type: 'Input.Text', id: RISK_INPUTS.controls, label: 'Controls in place or planned', isMultiline: true, maxLength: 1000 },
      choice(RISK_INPUTS.adequacy, 'How good are the controls?', [{ title: 'Poor', value: 'poor' }, { title: 'Fair', value: 'fair' }, { title: 'Good', value: 'good' }, { title: 'Excellent', value: 'excellent' }]),
      choice(RISK_INPUTS.residualLikelihood, 'With those controls, how likely?', model.likelihood),
      choice(RISK_INPUTS.residualImpact, 'With those controls, how bad?', model.impact),
      { type: 'Input.Text', id: RISK_INPUTS.owner, label: 'Who owns it?', maxLength: 150 },
      { type: 'Input.Text', id: RISK_INPUTS.action, label: `If it scores ${model.actionFrom} or more after controls: what more will be done?`, isMultiline: true, maxLength: 1000 },
      { type: 'Input.Date', id: RISK_INPUTS.due, label: 'By when?' },
    ],
    [actionButton('Add the risk', 'saveRisk', { partnershipId: model.partnershipId }, { style: 'positive', withInputs: true })],
  );
}

/** A notice to a person, with an optional button. */
export function noticeCard(title: string, lines: string[], buttons: Array<{ title: string; command: string }> = []): AdaptiveCardJson {
  return adaptiveCard([heading(plain(title)), ...lines.map((line) => paragraph(line, { spacing: 'Small' }))], buttons.map((b) => commandButton(b.title, b.command)));
}

/** Who has and has not responded to the year's self-assessment, per partnership. */
export function returnsCard(model: { title: string; intro: string; partnerships: Array<{ name: string; responded: string[]; missing: string[]; rate?: number }> }): AdaptiveCardJson {
  const body: CardElement[] = [heading(plain(model.title)), paragraph(model.intro, { spacing: 'Small' })];
  for (const p of model.partnerships) {
    body.push({
      type: 'Container', spacing: 'Medium', separator: true,
      items: [
        paragraph(`**${plain(p.name)}**${p.rate === undefined ? '' : `: ${p.rate}% returned`}`),
        paragraph(`Not yet responded: ${p.missing.length ? p.missing.map(plain).join(', ') : 'nobody'}`, { spacing: 'None', ...(p.missing.length ? { color: 'Attention' } : {}) }),
        paragraph(`Responded: ${p.responded.length ? p.responded.map(plain).join(', ') : 'nobody yet'}`, { spacing: 'None', isSubtle: true }),
      ],
    });
  }
  return adaptiveCard(body);
}

/** The reports kept this year, each with a button that makes a fresh link from the archived copy. */
export function reportListCard(model: { title: string; intro: string; reports: Array<{ id: string; title: string; detail: string }> }): AdaptiveCardJson {
  const body: CardElement[] = [heading(plain(model.title)), paragraph(model.intro, { spacing: 'Small' })];
  for (const r of model.reports) {
    body.push({
      type: 'Container', spacing: 'Medium', separator: true,
      items: [paragraph(`**${plain(r.title)}**`), paragraph(plain(r.detail), { spacing: 'None', isSubtle: true })],
      selectAction: { type: 'Action.Submit', title: 'Open', data: { verb: 'openReport', reportId: r.id } },
    });
  }
  return adaptiveCard(body, model.reports.slice(0, 6).map((r, i) => actionButton(`Open ${i + 1}: ${r.title.slice(0, 40)}`, 'openReport', { reportId: r.id })));
}
