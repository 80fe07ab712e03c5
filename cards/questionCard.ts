import type { AnswerValue, ListRow, Question } from '../src/questionnaire/bankSchema.js';
import { plain } from './markdown.js';
import { alternativeInputId, inputId, listInputId } from '../src/questionnaire/inputIds.js';
import { adaptiveCard, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';
import { submitAction, type QuestionnaireCardRef } from './questionnaireCardRef.js';

export interface QuestionCardModel {
  questionnaireTitle: string;
  subjectName?: string;
  sectionTitle: string;
  /** Shown when the step opens a section. */
  sectionIntro?: string;
  progress: { number: number; total: number };
  /** "Section 3 of 10" (a card per section); without, "question 7 of 18". */
  progressText?: string;
  /** Shown on the first card, before anything is answered: "About 20 minutes, 10 sections". */
  estimate?: string;
  questions: Array<{ question: Question; current?: AnswerValue; error?: string; comment?: string }>;
  /** On a card of several sections: where each section's questions start (question id → section title and intro). */
  sectionStarts?: Record<string, { title: string; intro?: string }>;
  /** Number the questions ("1.", "2."), so an officer can type "1 yes, 3 no". */
  numbered?: boolean;
  /** Why the last answer was not accepted. */
  error?: string;
  ref: QuestionnaireCardRef;
  canGoBack: boolean;
  canSkip: boolean;
}

export function questionCard(model: QuestionCardModel): AdaptiveCardJson {
  const body: CardElement[] = [
    paragraph(`${model.questionnaireTitle}${model.subjectName ? `: ${plain(model.subjectName)}` : ''}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
    paragraph(`${model.sectionTitle} · ${model.progressText ?? `question ${model.progress.number} of ${model.progress.total}`}`, { weight: 'Bolder', spacing: 'Small' }),
  ];
  if (model.estimate) body.push(paragraph(model.estimate, { isSubtle: true, spacing: 'None' }));
  if (model.sectionIntro) body.push(paragraph(model.sectionIntro, { isSubtle: true }));
  if (model.error) body.push(paragraph(model.error, { color: 'Attention', weight: 'Bolder' }));
  model.questions.forEach(({ question, current, error, comment }, index) => {
    const start = model.sectionStarts?.[question.id];
    if (start && index > 0) body.push(paragraph(start.title, { weight: 'Bolder', spacing: 'Large', separator: true }));
    if (start?.intro && index > 0) body.push(paragraph(start.intro, { isSubtle: true, spacing: 'None' }));
    const numberedQuestion = model.numbered ? { ...question, prompt: `${index + 1}. ${question.prompt}` } : question;
    body.push(...questionElements(numberedQuestion, current));
    if (comment) body.push(paragraph(`Your comment: ${plain(comment)}`, { isSubtle: true, size: 'Small', spacing: 'None' }));
    // The error is shown on its field, on this same card.
    if (error) body.push(paragraph(error, { color: 'Attention', size: 'Small', spacing: 'None' }));
  });

  const helpTexts = model.questions.filter((q) => q.question.help).map((q) => paragraph(q.question.help!));
  const actions: CardElement[] = [submitAction('Next', model.ref, 'next', { withInputs: true, style: 'positive' })];
  if (model.canGoBack) actions.push(submitAction('Back', model.ref, 'back'));
  if (model.canSkip) actions.push(submitAction('Skip', model.ref, 'skip'));
  actions.push(submitAction('Save for later', model.ref, 'save'));
  if (helpTexts.length > 0) actions.push({ type: 'Action.ShowCard', title: 'Help', card: { type: 'AdaptiveCard', body: helpTexts } });
  return adaptiveCard(body, actions);
}

/** Teams shows this under a required input left empty; the validator expects one on every required input. */
const REQUIRED_MESSAGE = 'This needs an answer.';

function questionElements(question: Question, current: AnswerValue | undefined): CardElement[] {
  return inputsFor(question, current).map((element) => (element['isRequired'] === true ? { ...element, errorMessage: REQUIRED_MESSAGE } : element));
}

function inputsFor(question: Question, current: AnswerValue | undefined): CardElement[] {
  // Some prompts say so themselves ("Evidence or comment (optional)"): said once, not twice.
  const label = question.required || /\(optional\)/i.test(question.prompt) ? question.prompt : `${question.prompt} (optional)`;
  const id = inputId(question.id);
  switch (question.type) {
    case 'yesNoUnsure':
      return [
        {
          type: 'Input.ChoiceSet', id, label, style: 'expanded', isRequired: question.required,
          choices: [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }, { title: 'Not sure', value: 'unsure' }],
          ...valueOf(current),
        },
      ];
    case 'text':
      return [
        {
          type: 'Input.Text', id, label, isRequired: question.required, maxLength: question.maxLength,
          isMultiline: question.maxLength > 200, ...(question.placeholder ? { placeholder: question.placeholder } : {}),
          ...valueOf(current),
        },
      ];
    case 'choice':
      return [
        {
          type: 'Input.ChoiceSet', id, label, isRequired: question.required, style: question.options.length > 5 ? 'compact' : 'expanded',
          choices: question.options.map((o) => ({ title: o.label, value: o.value })),
          ...valueOf(current),
        },
      ];
    case 'multiChoice':
      return [
        {
          type: 'Input.ChoiceSet', id, label, isRequired: question.required, isMultiSelect: true, style: 'expanded',
          choices: question.options.map((o) => ({ title: o.label, value: o.value })),
          ...(Array.isArray(current) ? { value: (current as string[]).join(',') } : {}),
        },
      ];
    case 'number':
      return [
        {
          type: 'Input.Number', id, label: question.unit ? `${label} (${question.unit})` : label, isRequired: question.required,
          ...(question.min !== undefined ? { min: question.min } : {}), ...(question.max !== undefined ? { max: question.max } : {}),
          ...(typeof current === 'number' ? { value: current } : {}),
        },
      ];
    case 'money':
      // Text, not Input.Number, so "£12,500" or "12.5k" can be typed as officers write them.
      return [{ type: 'Input.Text', id, label: `${label} (£${question.unit ? ` ${question.unit}` : ''})`, isRequired: question.required, placeholder: 'for example £12,500', ...(typeof current === 'number' ? { value: String(current) } : {}) }];
    case 'date': {
      const isAlternative = question.alternative && current === question.alternative.value;
      const elements: CardElement[] = [
        { type: 'Input.Date', id, label, isRequired: question.required && !question.alternative, ...(typeof current === 'string' && !isAlternative ? { value: current } : {}) },
      ];
      if (question.alternative) {
        elements.push({ type: 'Input.Toggle', id: alternativeInputId(question.id), title: question.alternative.label, value: isAlternative ? 'true' : 'false', valueOn: 'true', valueOff: 'false' });
      }
      return elements;
    }
    case 'list':
      return listElements(question, label, Array.isArray(current) ? (current as ListRow[]) : []);
  }
}

function listElements(question: Extract<Question, { type: 'list' }>, label: string, rows: ListRow[]): CardElement[] {
  const rowCount = Math.min(question.maxRows, Math.max(rows.length + 2, question.minRows, 3));
  const name = question.itemName.charAt(0).toUpperCase() + question.itemName.slice(1);
  const elements: CardElement[] = [paragraph(label, { weight: 'Bolder' }), paragraph(`Fill in one row per ${question.itemName}; leave spare rows empty.`, { isSubtle: true, size: 'Small', spacing: 'None' })];
  for (let row = 0; row < rowCount; row++) {
    const existing = rows[row] ?? {};
    // Each row is a stack of full-width inputs, not a 3-4 column grid: at phone width (320 px) columns cut labels.
    elements.push(paragraph(`${name} ${row + 1}`, { weight: 'Bolder', size: 'Small', spacing: 'Medium' }));
    elements.push({
      type: 'Container',
      spacing: 'Small',
      items: question.columns.map((column) => {
        const id = listInputId(question.id, row, column.id);
        const value = existing[column.id];
        const input: CardElement =
          column.type === 'choice' && column.options
            ? { type: 'Input.ChoiceSet', id, label: `${name} ${row + 1}: ${column.label}`, style: 'compact', placeholder: column.label, choices: column.options.map((o) => ({ title: o.label, value: o.value })), ...(value !== undefined ? { value: String(value) } : {}) }
            : column.type === 'date'
              ? { type: 'Input.Date', id, label: `${name} ${row + 1}: ${column.label}`, ...(value !== undefined ? { value: String(value) } : {}) }
              : { type: 'Input.Text', id, label: `${name} ${row + 1}: ${column.label}`, placeholder: column.label, maxLength: column.maxLength, ...(value !== undefined ? { value: String(value) } : {}) };
        return input;
      }),
    });
  }
  return elements;
}

function valueOf(current: AnswerValue | undefined): { value?: string } {
  return typeof current === 'string' ? { value: current } : {};
}
