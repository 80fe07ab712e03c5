import { adaptiveCard, heading, paragraph, type AdaptiveCardJson } from './cardTypes.js';
import { plain } from './markdown.js';

export interface UnreachableOfficersModel {
  names: string[];
}

/** Tells the Strategic Partnership Officer whose reminders Teams refused to deliver. */
export function unreachableOfficersCard(model: UnreachableOfficersModel): AdaptiveCardJson {
  const many = model.names.length > 1;
  return adaptiveCard([
    heading('Reminders not delivered'),
    paragraph(
      `Teams would not deliver reminders to ${plain(listOf(model.names))}: ${many ? 'they have' : 'this officer has'} blocked or removed the Partnership Toolkit app, or left the organisation.`,
    ),
    paragraph(
      'The reminders are kept and will reach them the next time they message the bot. Please check with them, or ask another officer to take over their partnerships.',
    ),
  ]);
}

function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'an officer';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
