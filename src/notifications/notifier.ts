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
  /** 'sending' while one instance holds it (until `claimUntil`): nobody else sends it meanwhile. */
  status: 'pending' | 'sending' | 'delivered';
  message: OutboundMessage;
  createdAt: string;
  deliveredAt?: string;
  /** Delivery attempts so far; the next proactive try waits longer each time. */
  attempts?: number;
  /** When the outbox sweep tries again (absent: only at the person's next message). */
  nextAttemptAt?: string;
  claimUntil?: string;
}

const KIND = 'notification';

/** How long a claim to send holds: longer than a send with its retries takes, so a live sender is never doubled. */
export const CLAIM_MS = 2 * 60 * 1000;
/** The outbox tries again after 30 s, then 1, 2, 4 ... minutes, at most hourly. */
const FIRST_RETRY_MS = 30 * 1000;
const LONGEST_RETRY_MS = 60 * 60 * 1000;

export type NotifyOutcome = 'delivered' | 'waiting' | 'unreachable' | 'alreadySent';

/**
 * The durable outbox for messages to other people. Every message is first stored
 * under its key (so the same event never notifies twice, however often the step that
 * sends it runs again), then claimed by one instance and sent; if Teams does not take
 * it, it stays in storage and is tried again with a growing delay by the outbox sweep
 * (`retryDue`), and delivered at the person's next message at the latest. A claim
 * (status `sending`) keeps two instances from sending the same message; one whose
 * sender died is taken over after CLAIM_MS. The one window left is a process killed
 * after Teams accepted a message and before it was marked delivered: that message is
 * sent again (never lost), as Teams has no idempotency key to offer.
 */
export class Notifier {
  constructor(
    private readonly store: RecordStore,
    private readonly people: PeopleDirectory,
    private readonly delivery: MessageDelivery,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** How long a claim to send holds (COMPLETION_LEASE_SECONDS): longer than a send with its retries takes. */
    private readonly claimMs = CLAIM_MS,
  ) {}

  /**
   * 'unreachable' when Teams refused it just now (the person is marked unreachable and the
   * message waits). With `once`, a key that already exists is never sent again, even while
   * pending ('alreadySent'): several instances may notify the same key at the same moment,
   * and only the one whose record was created delivers.
   */
  async notify(recipientId: string, notificationKey: string, message: OutboundMessage, options: { once?: boolean } = {}): Promise<NotifyOutcome> {
    const key = keyOf(recipientId, notificationKey);
    const now = this.clock.now();
    const record: NotificationRecord = { id: notificationKey, recipientId, status: 'pending', message, createdAt: now.toISOString(), attempts: 0, nextAttemptAt: now.toISOString() };
    try {
      await this.store.create(key, record);
    } catch (error) {
      if (!isRecordConflict(error)) throw error;
      if (options.once) return 'alreadySent';
    }
    return this.tryDeliver(recipientId, notificationKey);
  }

  /** Claims the notification, sends it, and marks it delivered; on failure it is released for a later try. */
  private async tryDeliver(recipientId: string, notificationKey: string): Promise<Exclude<NotifyOutcome, 'alreadySent'>> {
    const key = keyOf(recipientId, notificationKey);
    const claim = await this.claim(key);
    if (claim === 'delivered') return 'delivered';
    if (claim === 'busy') return 'waiting';
    const person = await this.people.find(recipientId);
    if (!person?.personalChat || !person.reachable) {
      await this.release(key, false);
      return this.leaveWaiting(recipientId, 'waiting');
    }
    try {
      const result = await this.delivery.deliver(person.personalChat, claim.message);
      if (result === 'unreachable') {
        await this.people.markUnreachable(recipientId);
        await this.release(key, false);
        return this.leaveWaiting(recipientId, 'unreachable');
      }
    } catch (error) {
      this.logger.warn({ err: error, recipientId, notificationKey }, 'notification not delivered; the outbox tries again');
      await this.release(key, true);
      return this.leaveWaiting(recipientId, 'waiting');
    }
    await this.recordDelivered(key, recipientId, notificationKey);
    return 'delivered';
  }

  /**
   * Teams has the message: recording that must not fail the caller (the message is out), and a
   * brief outage is waited out, since a record left 'sending' is sent again once its claim ends.
   */
  private async recordDelivered(key: RecordKey, recipientId: string, notificationKey: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.markDelivered(key);
        return;
      } catch (error) {
        if (attempt >= 4) {
          this.logger.error({ err: error, recipientId, notificationKey }, 'notification delivered but not recorded as delivered; it may be sent once more');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  /** Takes the notification for this instance to send: 'busy' while another holds it. */
  private async claim(key: RecordKey): Promise<NotificationRecord | 'delivered' | 'busy'> {
    const now = this.clock.now();
    const { after, written, before } = await changeRecord<NotificationRecord>(this.store, key, (current) => {
      if (!current || current.status === 'delivered') return undefined;
      if (current.status === 'sending' && current.claimUntil && current.claimUntil > now.toISOString()) return undefined;
      return { ...current, status: 'sending', claimUntil: new Date(now.getTime() + this.claimMs).toISOString(), attempts: (current.attempts ?? 0) + 1 };
    });
    if (written) return after!;
    return before?.status === 'delivered' || !before ? 'delivered' : 'busy';
  }

  /** Back to pending; `retry`: the outbox sweep tries again after a growing delay, else it waits for the person's next message. */
  private async release(key: RecordKey, retry: boolean): Promise<void> {
    const now = this.clock.now().getTime();
    await changeRecord<NotificationRecord>(this.store, key, (current) => {
      if (!current || current.status !== 'sending') return undefined;
      const delay = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, (current.attempts ?? 1) - 1), LONGEST_RETRY_MS);
      const { claimUntil: _claim, nextAttemptAt: _next, ...rest } = current;
      return { ...rest, status: 'pending', ...(retry ? { nextAttemptAt: new Date(now + delay).toISOString() } : {}) };
    });
  }

  /**
   * The outbox sweep: every notification whose next try is due (a delivery that failed, one
   * whose sender was killed mid-send) is tried again. Returns how many were delivered now.
   */
  async retryDue(limit = 200): Promise<{ delivered: number; tried: number }> {
    const now = this.clock.now().toISOString();
    const page = await this.store.query<NotificationRecord>({
      kind: KIND,
      where: [
        { field: 'status', op: 'in', value: ['pending', 'sending'] },
        { field: 'nextAttemptAt', op: '<=', value: now },
      ],
      orderBy: { field: 'nextAttemptAt' },
      pageSize: Math.min(limit, 1000),
    });
    let delivered = 0;
    for (const record of page.items) {
      if (record.body.status === 'sending' && record.body.claimUntil && record.body.claimUntil > now) continue;
      try {
        if ((await this.tryDeliver(record.body.recipientId, record.body.id)) === 'delivered') delivered++;
      } catch (error) {
        this.logger.warn({ err: error, notificationKey: record.body.id }, 'outbox retry failed; it is tried again later');
      }
    }
    return { delivered, tried: page.items.length };
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
   * Hands waiting notifications to `send` (the current turn), oldest first, each claimed
   * first so the outbox sweep on another instance does not send it too.
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
      where: [{ field: 'status', op: 'in', value: ['pending', 'sending'] }],
      orderBy: { field: 'createdAt' },
      pageSize: 20,
    });
    let sent = 0;
    for (const record of page.items) {
      const key = keyOf(recipientId, record.id);
      const claim = await this.claim(key);
      if (claim === 'delivered') continue;
      if (claim === 'busy') {
        // Another instance is sending it right now; look again next turn in case it fails.
        await this.people.setWaitingNotifications(recipientId, true);
        continue;
      }
      await send(claim.message);
      await this.recordDelivered(key, recipientId, record.id);
      sent++;
    }
    // More than one turn's worth: look again next time.
    if (page.continuation) await this.people.setWaitingNotifications(recipientId, true);
    return sent;
  }

  /** Messages waiting for a placeholder (someone named by email) move to the person once linked; they arrive at this turn. */
  async moveWaiting(fromId: string, toId: string): Promise<number> {
    const page = await this.store.query<NotificationRecord>({ kind: KIND, partition: partitionOf(fromId), where: [{ field: 'status', op: 'in', value: ['pending', 'sending'] }], pageSize: 100 });
    for (const record of page.items) {
      try {
        await this.store.create(keyOf(toId, record.id), { ...record.body, recipientId: toId, status: 'pending' });
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
    await changeRecord<NotificationRecord>(this.store, key, (current) => {
      if (!current || current.status === 'delivered') return undefined;
      const { claimUntil: _claim, nextAttemptAt: _next, ...rest } = current;
      return { ...rest, status: 'delivered', deliveredAt: this.clock.now().toISOString() };
    });
  }
}

function partitionOf(recipientId: string): string {
  return `person:${recipientId}`;
}

function keyOf(recipientId: string, notificationKey: string): RecordKey {
  return { kind: KIND, partition: partitionOf(recipientId), id: notificationKey };
}
