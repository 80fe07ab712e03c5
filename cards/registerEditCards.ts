import { actionButton, adaptiveCard, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';

export interface EditFieldModel {
  /** The input's id on the card. */
  id: string;
  label: string;
  value: string;
  /** A single choice from these values; absent: typed text. */
  choices?: string[];
  multiline?: boolean;
}

export interface EditCardModel {
  partnershipId: string;
  name: string;
  /** The entry's version when the card was made: a save from an older card changes nothing. */
  version: string;
  fields: EditFieldModel[];
}

export const EDIT_REASON_INPUT = 'editReason';

/** The editable fields of an entry with their current values, and a reason box. Pure. */
export function registerEditCard(model: EditCardModel): AdaptiveCardJson {
  const body: CardElement[] = [
    paragraph('Correct the register entry', { isSubtle: true }),
    heading(model.name),
    paragraph('Change what is wrong and press **Save changes**. Dates as 14/03/2027 or 14 March 2027; lists separated by semicolons. Every change is kept in its history with the old and the new value.', { spacing: 'Small' }),
  ];
  for (const field of model.fields) {
    if (field.choices) {
      body.push({ type: 'Input.ChoiceSet', id: field.id, label: field.label, style: 'compact', value: field.value, choices: [{ title: '(none)', value: '' }, ...field.choices.map((c) => ({ title: c, value: c }))] });
    } else {
      body.push({ type: 'Input.Text', id: field.id, label: field.label, value: field.value, maxLength: 4000, ...(field.multiline ? { isMultiline: true } : {}) });
    }
  }
  body.push({ type: 'Input.Text', id: EDIT_REASON_INPUT, label: 'Reason for the change (needed for money, significance and status)', isMultiline: true, maxLength: 1000 });
  return adaptiveCard(body, [actionButton('Save changes', 'saveRegisterEdit', { partnershipId: model.partnershipId, version: model.version }, { style: 'positive', withInputs: true })]);
}

export interface HistoryLine {
  when: string;
  who: string;
  what: string;
}

/** "What changed on …": the entry's audit trail, newest first. Pure. */
export function historyCard(model: { name: string; lines: HistoryLine[]; more: number }): AdaptiveCardJson {
  return adaptiveCard([
    paragraph('Change history', { isSubtle: true }),
    heading(model.name),
    ...(model.lines.length ? model.lines.map((l) => paragraph(`**${l.when}**, ${l.who}: ${l.what}`, { spacing: 'Small' })) : [paragraph('Nothing has changed since it was registered.')]),
    ...(model.more > 0 ? [paragraph(`…and ${model.more} earlier changes.`, { isSubtle: true })] : []),
  ]);
}

export const REMOVAL_REASON_INPUT = 'removalReason';

/** Confirms removing an entry made in error. Pure. */
export function removalCard(model: { partnershipId: string; name: string; facts: string; reason: string }): AdaptiveCardJson {
  return adaptiveCard(
    [
      heading(`Remove ${model.name} from the register?`),
      paragraph(model.facts),
      paragraph('Removing is for an entry made in error: it no longer counts in lists, reminders or reports, and stays in the audit trail. If the council is leaving a real partnership, use the exit interview instead.'),
      { type: 'Input.Text', id: REMOVAL_REASON_INPUT, label: 'Reason (needed)', value: model.reason, isMultiline: true, maxLength: 1000 },
    ],
    [actionButton('Remove it', 'removePartnership', { partnershipId: model.partnershipId, partnershipName: model.name, confirmed: true }, { style: 'destructive', withInputs: true })],
  );
}
