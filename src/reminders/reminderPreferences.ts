import { changeRecord } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';

/** What an officer chose about their reminders. */
export interface ReminderSettings {
  /** Turned off: no reminders at all until turned back on. */
  off: boolean;
  /** Every reminder waits until this ISO day. */
  snoozedUntil?: string;
  changedAt: string;
}

/** One reminder put off from its card. */
export interface ReminderSnooze {
  reminderKey: string;
  /** The reminder comes again on this ISO day. */
  until: string;
  /** The notification whose card was pressed: pressing that card again changes nothing. */
  fromNotification: string;
  at: string;
}

const SETTINGS = 'reminder-settings';
const SNOOZE = 'reminder-snooze';

/** Officers' reminder choices, kept beside their other records (one partition per person). */
export class ReminderPreferences {
  constructor(private readonly store: RecordStore) {}

  async settings(objectId: string): Promise<ReminderSettings | undefined> {
    return (await this.store.read<ReminderSettings>(settingsKey(objectId)))?.body;
  }

  async changeSettings(objectId: string, change: (current: ReminderSettings | undefined) => ReminderSettings): Promise<ReminderSettings> {
    return this.write(settingsKey(objectId), change);
  }

  async snooze(objectId: string, reminderKey: string): Promise<ReminderSnooze | undefined> {
    return (await this.store.read<ReminderSnooze>(snoozeKey(objectId, reminderKey)))?.body;
  }

  async changeSnooze(objectId: string, reminderKey: string, change: (current: ReminderSnooze | undefined) => ReminderSnooze): Promise<ReminderSnooze> {
    return this.write(snoozeKey(objectId, reminderKey), change);
  }

  /** Create-or-replace with the record's etag, so two presses at once cannot lose one another. */
  private async write<T>(key: RecordKey, change: (current: T | undefined) => T): Promise<T> {
    return (await changeRecord<T>(this.store, key, change)).after as T;
  }
}

function settingsKey(objectId: string): RecordKey {
  return { kind: SETTINGS, partition: `person:${objectId}`, id: 'reminders' };
}

function snoozeKey(objectId: string, reminderKey: string): RecordKey {
  return { kind: SNOOZE, partition: `person:${objectId}`, id: reminderKey };
}
