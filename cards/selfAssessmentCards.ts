import { actionButton, adaptiveCard, commandButton, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';
import { plain } from './markdown.js';

export interface AreaRow {
  label: string;
  percent?: number;
  bandLabel?: string;
  lowConfidence: boolean;
  /** e.g. "+7 improved" */
  change?: string;
}

export interface SelfAssessmentResultModel {
  partnershipName: string;
  year: string;
  /** Closed by the lead officer or SPO; otherwise provisional while responses come in. */
  final: boolean;
  respondents: string[];
  overall: { percent?: number; band?: 'green' | 'amber' | 'red'; bandLabel?: string; points: string; change?: string; lowConfidence?: boolean };
  areas: AreaRow[];
  /** Up to three years, earliest first, each with a percentage per area (same order as `areas`). */
  history: Array<{ year: string; percents: Array<number | undefined> }>;
  comparisonNote?: string;
  moved: string[];
  viewsDiffer: string[];
  /** Why the score rests on little evidence, when it does. */
  lowConfidenceNote?: string;
  /** Statements someone did not know, and who will find out. */
  evidenceGaps: string[];
  /** Officers' evidence and comments, one line per statement. */
  evidence: string[];
  stage: { suggested: string; reasons: string[]; tactics: string[]; confirmed?: string };
  /** Present when this reader may confirm the stage. */
  stageChoice?: { partnershipId: string; year: string; options: Array<{ value: string; label: string }>; selected: string };
  recommendation?: { label: string; reasons: string[]; celebrate: boolean };
  nextReviewDue?: string;
  actions: string[];
  buttons: Array<{ title: string; command: string; style?: 'positive' | 'destructive' }>;
}

const BAND_COLOUR = { green: 'Good', amber: 'Warning', red: 'Attention' } as const;
const MAX_LISTED = 8;

/** The year's result: scores per area, a chart of up to three years with a table beside it, stage and recommendation. */
export function selfAssessmentResultCard(model: SelfAssessmentResultModel): AdaptiveCardJson {
  const body: CardElement[] = [
    heading(`${plain(model.partnershipName)}: self-assessment ${model.year}`),
    paragraph(model.final ? `Closed. Responses from ${plain(model.respondents.join(', '))}.` : `Provisional: ${model.respondents.length} response${model.respondents.length === 1 ? '' : 's'} so far (${plain(model.respondents.join(', '))}).`, { isSubtle: true, spacing: 'None' }),
    paragraph(
      model.overall.percent === undefined
        ? 'Overall: not scored (every statement was not applicable)'
        : `Overall: ${model.overall.percent}% (${model.overall.bandLabel}${model.overall.lowConfidence ? ', low confidence' : ''}), ${model.overall.points} points${model.overall.change ? `, ${model.overall.change}` : ''}`,
      { size: 'Medium', weight: 'Bolder', ...(model.overall.band ? { color: BAND_COLOUR[model.overall.band] } : {}) },
    ),
  ];
  if (model.history.length > 0) body.push(scoreChart(model));
  body.push(scoreTable(model));
  if (model.areas.some((a) => a.lowConfidence)) body.push(paragraph('* Low confidence: more than 2 statements in that area were not applicable or not known.', { isSubtle: true, size: 'Small' }));
  if (model.lowConfidenceNote) body.push(paragraph(`${model.lowConfidenceNote}.`, { color: 'Warning', weight: 'Bolder' }));
  if (model.comparisonNote) body.push(paragraph(model.comparisonNote, { isSubtle: true }));
  if (model.moved.length > 0) body.push(subheading('Statements that moved by 2 or more'), ...bullets(model.moved));
  if (model.viewsDiffer.length > 0) body.push(subheading('Views differ'), paragraph("Officers' ratings are 2 or more apart on these; worth talking through:", { spacing: 'None' }), ...bullets(model.viewsDiffer));

  if (model.evidenceGaps.length > 0) body.push(subheading("Evidence gaps (don't know)"), ...bullets(model.evidenceGaps));
  if (model.evidence.length > 0) body.push(subheading('Evidence and comments'), ...bullets(model.evidence));

  body.push(subheading(`Suggested life-cycle stage: ${model.stage.suggested}`), ...bullets(model.stage.reasons.slice(0, 5)));
  if (model.stage.tactics.length > 0) body.push(paragraph(`Tactics: ${model.stage.tactics.join(' ')}`, { spacing: 'Small' }));
  if (model.stage.confirmed) body.push(paragraph(`Confirmed stage: ${model.stage.confirmed}`, { weight: 'Bolder' }));
  if (model.stageChoice) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'stage',
      label: 'Confirm or change the stage',
      style: 'compact',
      isRequired: true,
      errorMessage: 'Choose a stage.',
      value: model.stageChoice.selected,
      choices: model.stageChoice.options.map((o) => ({ title: o.label, value: o.value })),
    });
    body.push({
      type: 'ActionSet',
      actions: [actionButton('Confirm stage', 'confirmStage', { partnershipId: model.stageChoice.partnershipId, year: model.stageChoice.year })],
    });
  }
  if (model.recommendation) {
    body.push(subheading(`Recommendation: ${model.recommendation.label}`), ...bullets(model.recommendation.reasons));
    if (model.recommendation.celebrate) body.push(paragraph('Well done: the partnership achieved what it set out to do. Take time to celebrate it with the partners before closing it.', { color: 'Good' }));
  }
  if (model.actions.length > 0) {
    body.push(subheading('Actions'), ...bullets(model.actions.slice(0, MAX_LISTED)));
    if (model.actions.length > MAX_LISTED) body.push(paragraph(`…and ${model.actions.length - MAX_LISTED} more.`, { isSubtle: true }));
  }
  if (model.nextReviewDue) body.push(paragraph(`Next review due: ${model.nextReviewDue}`, { weight: 'Bolder', spacing: 'Medium' }));
  return adaptiveCard(body, model.buttons.map((b) => commandButton(b.title, b.command, b.style)));
}

/** Teams draws this; other clients drop it and still have the table below. */
function scoreChart(model: SelfAssessmentResultModel): CardElement {
  return {
    type: 'Chart.VerticalBar.Grouped',
    title: 'Score by area (%)',
    xAxisTitle: 'Area',
    yAxisTitle: 'Score %',
    fallback: 'drop',
    data: model.history.map((h) => ({
      legend: h.year,
      values: model.areas.map((a, i) => ({ x: a.label, y: h.percents[i] ?? 0 })),
    })),
  };
}

function scoreTable(model: SelfAssessmentResultModel): CardElement {
  const years = model.history.map((h) => h.year);
  const text = (t: string, bold = false): CardElement => ({ type: 'TableCell', items: [{ type: 'TextBlock', text: t, wrap: true, ...(bold ? { weight: 'Bolder' } : {}) }] });
  const header = { type: 'TableRow', cells: [text('Area', true), ...years.map((y) => text(y, true)), text('Band', true), text('Change', true)] };
  const rows = model.areas.map((area, i) => ({
    type: 'TableRow',
    cells: [
      text(`${area.label}${area.lowConfidence ? ' *' : ''}`),
      ...model.history.map((h) => text(h.percents[i] === undefined ? '–' : `${h.percents[i]}%`)),
      text(area.bandLabel ?? '–'),
      text(area.change ?? '–'),
    ],
  }));
  return {
    type: 'Table',
    firstRowAsHeader: true,
    showGridLines: true,
    columns: [{ width: 3 }, ...years.map(() => ({ width: 2 })), { width: 2 }, { width: 3 }],
    rows: [header, ...rows],
  };
}

function subheading(text: string): CardElement {
  return paragraph(text, { weight: 'Bolder', spacing: 'Medium' });
}

function bullets(lines: string[]): CardElement[] {
  return lines.map((line) => paragraph(`• ${plain(line)}`, { spacing: 'None' }));
}

/** The invitation sent to a lead officer when the SPO starts the annual round. */
export function annualRoundInvitationCard(model: { partnershipName: string; year: string; dueBy?: string; command: string }): AdaptiveCardJson {
  return adaptiveCard(
    [
      heading('Annual self-assessment'),
      paragraph(`It's time for the ${model.year} self-assessment of **${plain(model.partnershipName)}**. It takes about 20 minutes: 28 statements in four areas, then a few questions on how the partnership feels now. Other officers on the partnership can add their own view.`),
      ...(model.dueBy ? [paragraph(`Its review is due by ${model.dueBy}.`)] : []),
    ],
    [commandButton('Start the self-assessment', model.command, 'positive')],
  );
}
