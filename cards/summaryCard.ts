import { adaptiveCard, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';
import { plain } from './markdown.js';
import { submitAction, type QuestionnaireCardRef } from './questionnaireCardRef.js';
import { truncate } from '../src/util/truncate.js';

export interface SummaryCardModel {
  questionnaireTitle: string;
  subjectName?: string;
  /** `changeKey`: what the section's Change button sends (a card per section); without, one change list for every answer. */
  sections: Array<{ title: string; answers: Array<{ questionId: string; prompt: string; answer: string }>; changeKey?: string }>;
  /** Required questions still unanswered: submitting waits for them. */
  missing: Array<{ questionId: string; prompt: string }>;
  ref: QuestionnaireCardRef;
}

export const CHANGE_INPUT_ID = 'change';

export function summaryCard(model: SummaryCardModel): AdaptiveCardJson {
  if (model.sections.some((s) => s.changeKey)) return collapsedSummaryCard(model);
  const body: CardElement[] = [
    heading('Check your answers'),
    paragraph(`${model.questionnaireTitle}${model.subjectName ? `: ${plain(model.subjectName)}` : ''}`, { isSubtle: true, spacing: 'None' }),
  ];
  for (const section of model.sections) {
    if (section.answers.length === 0) continue;
    body.push(paragraph(section.title, { weight: 'Bolder', spacing: 'Medium' }));
    body.push({ type: 'FactSet', facts: section.answers.map((a) => ({ title: truncate(a.prompt, 80), value: plain(truncate(a.answer, 400)) })) });
  }
  if (model.missing.length > 0) {
    body.push(paragraph(`Still needed before you can submit: ${model.missing.map((m) => m.prompt).join('; ')}`, { color: 'Attention' }));
  }
  const all = model.sections.flatMap((s) => s.answers);
  body.push({
    type: 'Input.ChoiceSet',
    id: CHANGE_INPUT_ID,
    label: 'Change an answer',
    style: 'compact',
    placeholder: 'Choose a question',
    choices: [...model.missing, ...all].map((a) => ({ title: truncate(a.prompt, 90), value: a.questionId })),
  });
  const actions: CardElement[] = [
    ...(model.missing.length === 0 ? [submitAction('Submit', model.ref, 'submit', { style: 'positive' })] : []),
    submitAction('Change this answer', model.ref, 'change', { withInputs: true }),
    submitAction('Save for later', model.ref, 'save'),
  ];
  return adaptiveCard(body, actions);
}

/**
 * A screen or two however long the questionnaire: each section is one line
 * with its answers behind Show (ToggleVisibility, no round trip) and a Change
 * button that opens that section's card; skipped optional answers are left out.
 */
function collapsedSummaryCard(model: SummaryCardModel): AdaptiveCardJson {
  const body: CardElement[] = [
    heading('Check your answers'),
    paragraph(`${model.questionnaireTitle}${model.subjectName ? `: ${plain(model.subjectName)}` : ''}`, { isSubtle: true, spacing: 'None' }),
    paragraph('Show a section to read its answers; Change opens it again. Or type **change** and a section or question, for example "change finance".', { isSubtle: true, size: 'Small' }),
  ];
  model.sections.forEach((section, index) => {
    if (section.answers.length === 0) return;
    const id = `summary-section-${index}`;
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Small',
      items: [
        paragraph(`**${section.title}** · ${section.answers.length} ${section.answers.length === 1 ? 'answer' : 'answers'}`, { spacing: 'None' }),
        {
          type: 'ActionSet',
          actions: [
            { type: 'Action.ToggleVisibility', title: 'Show', targetElements: [id] },
            ...(section.changeKey ? [submitAction('Change', model.ref, 'change', { extra: { [CHANGE_INPUT_ID]: section.changeKey } })] : []),
          ],
        },
        {
          type: 'Container',
          id,
          isVisible: false,
          items: section.answers.flatMap((a) => [paragraph(truncate(a.prompt, 160), { weight: 'Bolder', size: 'Small', spacing: 'Small' }), paragraph(plain(truncate(a.answer, 400)), { size: 'Small', spacing: 'None' })]),
        },
      ],
    });
  });
  if (model.missing.length > 0) {
    body.push(paragraph(`Still needed before you can submit: ${model.missing.map((m) => m.prompt).join('; ')}`, { color: 'Attention' }));
  }
  const actions: CardElement[] = [
    ...(model.missing.length === 0 ? [submitAction('Submit', model.ref, 'submit', { style: 'positive' })] : []),
    submitAction('Save for later', model.ref, 'save'),
  ];
  return adaptiveCard(body, actions);
}
