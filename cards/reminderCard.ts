import { formatUkDate } from '../src/util/ukFormat.js';
import { plain } from './markdown.js';
import { actionButton, adaptiveCard, commandButton, heading, paragraph, type AdaptiveCardJson, type CardElement } from './cardTypes.js';

export const SNOOZE_REMINDER_ACTION = 'snoozeReminder';
/** The snooze the card offers; an officer can type a longer one. */
export const CARD_SNOOZE_DAYS = 7;

export type ReminderCardModel = (
  | { type: 'reviewDue'; partnershipName: string; reviewDate: string }
  | { type: 'reviewOverdue'; partnershipName: string; reviewDate: string; daysOverdue: number }
  | { type: 'draftUnfinished'; draftId: string; description: string; lastChanged: string }
) & {
  /** Which reminder this is and which message carried it, so a snooze press can be checked. */
  reminderKey: string;
  notificationKey: string;
};

/** A reminder in the officer's 1:1 chat, with the next step and a snooze. */
export function reminderCard(model: ReminderCardModel): AdaptiveCardJson {
  const body: CardElement[] = [];
  const actions: CardElement[] = [];
  if (model.type === 'draftUnfinished') {
    body.push(heading('Unfinished questionnaire'));
    body.push(paragraph(`Your questionnaire **${plain(model.description)}** has not changed since ${formatUkDate(model.lastChanged)}. Your answers are saved: carry on where you left off.`));
    actions.push(actionButton('Carry on', 'resume', { draftId: model.draftId }, { style: 'positive' }));
  } else {
    const name = plain(withArticle(model.partnershipName));
    if (model.type === 'reviewDue') {
      body.push(heading('Review due soon'));
      body.push(paragraph(`${capitalise(name)} is due for review on ${formatUkDate(model.reviewDate)}.`));
    } else {
      body.push(heading('Review overdue'));
      body.push(
        paragraph(`The review of ${name} was due on ${formatUkDate(model.reviewDate)} and is ${model.daysOverdue} day${model.daysOverdue === 1 ? '' : 's'} overdue.`, { color: 'Attention' }),
      );
    }
    body.push(paragraph('The annual self-assessment is the review: start it when you are ready, and other officers named on the partnership can add their views.'));
    actions.push({ ...commandButton('Start the self-assessment', `self-assessment for ${model.partnershipName}`), style: 'positive' });
  }
  body.push(paragraph('Type **snooze reminders for 2 weeks** to pause all reminders, or **turn off reminders** to stop them.', { isSubtle: true, spacing: 'Medium' }));
  actions.push({
    type: 'Action.Submit',
    title: `Remind me in ${CARD_SNOOZE_DAYS} days`,
    data: { verb: SNOOZE_REMINDER_ACTION, reminder: model.reminderKey, notification: model.notificationKey, days: CARD_SNOOZE_DAYS },
  });
  return adaptiveCard(body, actions);
}

/** The plain text Teams shows in the notification. */
export function reminderSummary(model: ReminderCardModel): string {
  if (model.type === 'draftUnfinished') return `Reminder: ${model.description} is unfinished`;
  if (model.type === 'reviewDue') return `Reminder: ${model.partnershipName} is due for review on ${formatUkDate(model.reviewDate)}`;
  return `Reminder: the review of ${model.partnershipName} is overdue`;
}

function withArticle(name: string): string {
  return /^the\s/i.test(name) ? name : `the ${name}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
