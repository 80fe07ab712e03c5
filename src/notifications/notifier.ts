import type { AdaptiveCardJson } from '../../cards/cardTypes.js';
import type { Logger } from '../logging/logger.js';
import type { ConversationAddress, Person } from '../people/person.js';
import type { PeopleDirectory } from '../people/peopleDirectory.js';
import { changeRecord } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import { isRecordConflict } from '../storage/storageErrors.js';
import type { Clock } from '../util/clock.js';

export interface OutboundMessage {
  card: AdaptiveCardJson;
  /** Plain text for the Teams notification and activity feed. */
  summary: string;
}

/** Sends a message into someone's 1:1 chat without them writing first (Teams proactive messaging). */
export interface MessageDelivery {
  /** 'unreachable' when Teams says the person blocked or removed the bot. */
  deliver(address: ConversationAddress, message: OutboundMessage): Promise<'delivered' | 'unreachable'>;
}

interface NotificationRecord {
  id: string;
  recipientId: string;
  status: 'pending' | 'delivered';
  message: OutboundMessage;
  createdAt: string;
  deliveredAt?: string;
}

const KIND = 'notification';

/**
 * Tells people things proactively. A message that cannot be delivered now
 * (the person has never talked to the bot, or Teams refused) waits and is
 * delivered the next time they write. Each notification has a key, so the
 * same event never notifies twice.
 */
export class Notifier {
  constructor(
    private readonly store: RecordStore,
    private readonly people: PeopleDirectory,
    private readonly delivery: MessageDelivery,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * 'unreachable' when Teams refused it just now (the person is marked unreachable and the
   * message waits). With `once`, a key that already exists is never sent again, even while
   * pending ('alreadySent'): several instances may notify the same key at the same moment,
   * and only the one whose record was created delivers.
   */
  async notify(
    recipientId: string,
    notificationKey: string,
    message: OutboundMessage,
    options: { once?: boolean } = {},
  ): Promise<'delivered' | 'waiting' | 'unreachable' | 'alreadySent'> {
    const key = keyOf(recipientId, notificationKey);
    const record: NotificationRecord = { id: notificationKey, recipientId, status: 'pending', message, createdAt: this.clock.now().toISOString() };
    try {
      await this.store.create(key, record);
    } catch (error) {
      if (!isRecordConflict(error)) throw error;
      if (options.once) return 'alreadySent';
      const existing = await this.store.read<NotificationRecord>(key);
      if (existing?.body.status === 'delivered') return 'delivered';
    }
    const person = await this.people.find(recipientId);
    if (!person?.personalChat || !person.reachable) return this.leaveWaiting(recipientId, 'waiting');
    try {
      const result = await this.delivery.deliver(person.personalChat, message);
      if (result === 'unreachable') {
        await this.people.markUnreachable(recipientId);
        return this.leaveWaiting(recipientId, 'unreachable');
      }
    } catch (error) {
      this.logger.warn({ err: error, recipientId, notificationKey }, 'notification not delivered; it waits for the next message');
      return this.leaveWaiting(recipientId, 'waiting');
    }
    await this.markDelivered(key);
    return 'delivered';
  }

  /** Flags the person so their next turn looks for what waits; set after the record exists, so a turn that clears the flag first never misses it. */
  private async leaveWaiting<T extends 'waiting' | 'unreachable'>(recipientId: string, outcome: T): Promise<T> {
    await this.people.setWaitingNotifications(recipientId, true);
    return outcome;
  }

  /** Whether this notification was ever made for this person (delivered or waiting). */
  async exists(recipientId: string, notificationKey: string): Promise<boolean> {
    return (await this.store.read<NotificationRecord>(keyOf(recipientId, notificationKey))) !== undefined;
  }

  /**
   * Hands waiting notifications to `send` (the current turn), oldest first.
   * Most turns have nothing waiting: the person's flag says so without a query.
   */
  async deliverWaiting(recipient: Pick<Person, 'objectId' | 'waitingNotifications'>, send: (message: OutboundMessage) => Promise<void>): Promise<number> {
    if (recipient.waitingNotifications === false) return 0;
    const recipientId = recipient.objectId;
    // Cleared before the query: a notification stored meanwhile sets it again, so nothing is missed.
    await this.people.setWaitingNotifications(recipientId, false);
    const page = await this.store.query<NotificationRecord>({
      kind: KIND,
      partition: partitionOf(recipientId),
      where: [{ field: 'status', op: '=', value: 'pending' }],
      orderBy: { field: 'createdAt' },
      pageSize: 20,
    });
    for (const record of page.items) {
      await send(record.body.message);
      await this.markDelivered(keyOf(recipientId, record.id));
    }
    // More than one turn's worth: look again next time.
    if (page.continuation) await this.people.setWaitingNotifications(recipientId, true);
    return page.items.length;
  }

  /** Messages waiting for a placeholder (someone named by email) move to the person once linked; they arrive at this turn. */
  async moveWaiting(fromId: string, toId: string): Promise<number> {
    const page = await this.store.query<NotificationRecord>({ kind: KIND, partition: partitionOf(fromId), where: [{ field: 'status', op: '=', value: 'pending' }], pageSize: 100 });
    for (const record of page.items) {
      try {
        await this.store.create(keyOf(toId, record.id), { ...record.body, recipientId: toId });
      } catch (error) {
        if (!isRecordConflict(error)) throw error;
      }
      await this.store.delete(keyOf(fromId, record.id));
    }
    if (page.items.length > 0) await this.people.setWaitingNotifications(toId, true);
    return page.items.length;
  }

  /** Someone else marking it meanwhile (another instance, another turn) is no change to make. */
  private async markDelivered(key: RecordKey): Promise<void> {
    await changeRecord<NotificationRecord>(this.store, key, (current) =>
      !current || current.status === 'delivered' ? undefined : { ...current, status: 'delivered', deliveredAt: this.clock.now().toISOString() },
    );
  }
}

function partitionOf(recipientId: string): string {
  return `person:${recipientId}`;
}

function keyOf(recipientId: string, notificationKey: string): RecordKey {
  return { kind: KIND, partition: partitionOf(recipientId), id: notificationKey };
}
