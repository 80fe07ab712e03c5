import type { TurnContext } from 'botbuilder';
import type { Notifier } from '../src/notifications/notifier.js';
import type { Person } from '../src/people/person.js';
import type { ReminderPreferences } from '../src/reminders/reminderPreferences.js';
import * as permissions from '../src/permissions/permissions.js';
import { addDays, isSensibleSnooze, MAX_SNOOZE_DAYS, ukDay } from '../src/reminders/reminderRules.js';
import type { Clock } from '../src/util/clock.js';
import { formatUkDate } from '../src/util/ukFormat.js';

const TURN_ON = 'Type **turn reminders back on** whenever you want them again.';

/** An officer's say over their own reminders: snooze one from its card, snooze all, turn off and on. */
export class ReminderCommands {
  constructor(
    private readonly preferences: ReminderPreferences,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  /** "Remind me in 7 days" on a reminder card; the route has checked the keys' shape and the days. */
  async snoozeFromCard(context: TurnContext, person: Person, request: { reminder: string; notification: string; days: number }): Promise<void> {
    const { reminder: reminderKey, notification: notificationKey, days } = request;
    // Only a reminder this officer was sent exists in their records, so another's card finds nothing.
    const verdict = permissions.snoozeReminder(await this.notifier.exists(person.objectId, notificationKey));
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const today = ukDay(this.clock.now());
    let repeated = false;
    const snooze = await this.preferences.changeSnooze(person.objectId, reminderKey, (current) => {
      if (current?.fromNotification === notificationKey) {
        repeated = true;
        return current;
      }
      return { reminderKey, until: addDays(today, days), fromNotification: notificationKey, at: this.clock.now().toISOString() };
    });
    if (repeated) {
      await context.sendActivity(`You've already snoozed this reminder: it comes back on ${formatUkDate(snooze.until)} if it still needs doing.`);
      return;
    }
    await context.sendActivity(`Done: I'll remind you again on ${formatUkDate(snooze.until)} if it still needs doing.`);
  }

  async snoozeAll(context: TurnContext, person: Person, days: number | undefined): Promise<void> {
    if (!isSensibleSnooze(days)) {
      await context.sendActivity(`I can pause reminders for between 1 day and ${MAX_SNOOZE_DAYS / 30} months, for example **snooze reminders for 2 weeks**.`);
      return;
    }
    const until = addDays(ukDay(this.clock.now()), days);
    const settings = await this.preferences.changeSettings(person.objectId, (current) => ({ off: current?.off ?? false, snoozedUntil: until, changedAt: this.clock.now().toISOString() }));
    if (settings.off) {
      await context.sendActivity(`Your reminders are turned off, so you won't get any until you turn them back on. ${TURN_ON}`);
      return;
    }
    await context.sendActivity(`Reminders paused: you won't get any until ${formatUkDate(until)}. ${TURN_ON.replace('whenever you want them again', 'to have them sooner')}`);
  }

  async turnOff(context: TurnContext, person: Person): Promise<void> {
    await this.preferences.changeSettings(person.objectId, () => ({ off: true, changedAt: this.clock.now().toISOString() }));
    await context.sendActivity(`Reminders turned off: you won't get reminders about reviews that are due or overdue, or about unfinished questionnaires. ${TURN_ON}`);
  }

  async turnOn(context: TurnContext, person: Person): Promise<void> {
    await this.preferences.changeSettings(person.objectId, () => ({ off: false, changedAt: this.clock.now().toISOString() }));
    await context.sendActivity("Reminders are on: I'll tell you here when a review is due within 30 days or overdue, and when a questionnaire has been left unfinished for a week.");
  }
}
