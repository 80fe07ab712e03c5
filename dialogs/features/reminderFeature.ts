import { z } from 'zod';
import { SNOOZE_REMINDER_ACTION } from '../../cards/reminderCard.js';
import { MAX_SNOOZE_DAYS, reminderTypeOfKey } from '../../src/reminders/reminderRules.js';
import { recordId } from '../../src/validation/cardFields.js';
import type { FeatureFactory } from '../conversationServices.js';
import { ReminderCommands } from '../reminderCommands.js';
import { defineRoute } from '../routing/route.js';

const NOTHING_CHANGED = "I don't recognise that button, so nothing was changed.";

/**
 * A reminder card's keys, checked by meaning: the reminder key is one the
 * reminders run makes, and the notification is that reminder or one of its repeats.
 */
const snoozeCard = z
  .object({ reminder: recordId, notification: recordId, days: z.number().int().min(1).max(MAX_SNOOZE_DAYS) })
  .refine(({ reminder, notification }) => reminderTypeOfKey(reminder) !== undefined && (notification === reminder || notification.startsWith(`${reminder}.after-`)));

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
