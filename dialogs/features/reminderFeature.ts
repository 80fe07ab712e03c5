import { z } from 'zod';
import { SNOOZE_REMINDER_ACTION } from '../../cards/reminderCard.js';
import { MAX_SNOOZE_DAYS, reminderTypeOfKey } from '../../src/reminders/reminderRules.js';
import { isRealDay, type FieldProblem } from '../../src/validation/cardFields.js';
import type { FeatureFactory } from '../conversationServices.js';
import { ReminderCommands } from '../reminderCommands.js';
import { defineRoute } from '../routing/route.js';

const NOTHING_CHANGED = "I don't recognise that button, so nothing was changed.";

/**
 * A reminder card's keys, checked by meaning: the reminder key is one the
 * reminders run makes, and the notification is that reminder or one of its repeats.
 */
// Letters, digits and . _ : - only: a subset of what a record id may hold, so a key that passes is one the stores take.
const reminderKey = z.string().min(1).max(200).regex(/^[A-Za-z0-9._:-]+$/, 'not a reminder key' satisfies FieldProblem);
const snoozeCard = z
  .object({ reminder: reminderKey, notification: reminderKey, days: z.number().int().min(1).max(MAX_SNOOZE_DAYS) })
  .refine(({ reminder, notification }) => reminderTypeOfKey(reminder) !== undefined && datesAreReal(reminder) && (notification === reminder || isRepeatOf(notification, reminder)), {
    message: 'not a reminder key' satisfies FieldProblem,
    path: ['notification'],
  });

/** The days a reminder key names (review-due.<id>.<day>) are days of the calendar. */
function datesAreReal(key: string): boolean {
  return [...key.matchAll(/\d{4}-\d{2}-\d{2}/g)].every(([day]) => isRealDay(day));
}

/** A repeat after a snooze is the reminder's key, then `.after-` and the real day the snooze ended. */
function isRepeatOf(notification: string, reminder: string): boolean {
  const after = notification.startsWith(`${reminder}.after-`) ? notification.slice(reminder.length + '.after-'.length) : undefined;
  return after !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(after) && isRealDay(after);
}

/** An officer's say over their own reminders. */
export const reminderFeature: FeatureFactory = ({ reminderPreferences, notifier, clock }) => {
  const reminders = new ReminderCommands(reminderPreferences, notifier, clock);
  return {
    routes: [
      defineRoute({
        verb: SNOOZE_REMINDER_ACTION,
        scope: 'anywhere',
        schema: snoozeCard,
        invalid: NOTHING_CHANGED,
        retryHint: 'You can say "snooze reminders for 2 weeks" instead.',
        help: {
          title: 'Reminders',
          detail:
            'I remind lead officers here when a review is due within 30 days or overdue, and when a questionnaire has been left for a week. Say "snooze reminders for 2 weeks", "turn off reminders" or "turn reminders back on".',
        },
        handle: (turn, request) => reminders.snoozeFromCard(turn.context, turn.person, request),
      }),
      defineRoute({
        verb: 'snoozeReminders',
        scope: 'anywhere',
        // Undefined when the period could not be read; the handler says what it can do.
        schema: z.object({ days: z.number().optional() }),
        handle: (turn, { days }) => reminders.snoozeAll(turn.context, turn.person, days),
      }),
      defineRoute({ verb: 'remindersOff', scope: 'anywhere', schema: z.object({}), handle: (turn) => reminders.turnOff(turn.context, turn.person) }),
      defineRoute({ verb: 'remindersOn', scope: 'anywhere', schema: z.object({}), handle: (turn) => reminders.turnOn(turn.context, turn.person) }),
    ],
  };
};
