import { createHash } from 'node:crypto';
import { reminderCard, reminderSummary, type ReminderCardModel } from '../../cards/reminderCard.js';
import { unreachableOfficersCard } from '../../cards/unreachableOfficersCard.js';
import { daysBetween } from '../domain/reviewHorizon.js';
import type { Logger } from '../logging/logger.js';
import type { Notifier } from '../notifications/notifier.js';
import type { PartnershipRegister } from '../partnerships/partnershipRegister.js';
import type { PeopleDirectory } from '../people/peopleDirectory.js';
import type { BankCatalogue } from '../questionnaire/bankCatalogue.js';
import type { DraftRepository } from '../questionnaire/draftRepository.js';
import type { Clock } from '../util/clock.js';
import type { ReminderPreferences } from './reminderPreferences.js';
import { draftIdleCutoff, draftReminderFor, reviewReminderFor, reviewWindowEnd, ukDay, type DueReminder } from './reminderRules.js';

/** What one run did, returned to the scheduler as JSON. */
export interface ReminderRunSummary {
  /** The UK day the run judged due dates by. */
  day: string;
  /** Delivered to the officer's 1:1 chat now. */
  sent: number;
  /** Not sent: already sent this period (perhaps by another instance), snoozed, or turned off. */
  skipped: number;
  /** Kept for the officer's next message: they have not used the bot yet or are known to be unreachable. */
  waiting: number;
  /** Teams refused (blocked or removed); the officer is marked unreachable and the SPO told. */
  unreachable: number;
  skippedBecause: { alreadySent: number; snoozed: number; turnedOff: number };
}

interface Candidate {
  recipient: { objectId: string; name: string };
  reminder: DueReminder;
  card: (notificationKey: string) => ReminderCardModel;
}

export interface ReminderRunDependencies {
  register: PartnershipRegister;
  drafts: DraftRepository;
  banks: BankCatalogue;
  people: PeopleDirectory;
  notifier: Notifier;
  preferences: ReminderPreferences;
  clock: Clock;
  logger: Logger;
  /** Drafts of these banks are never nudged (the practice questionnaire). */
  ignoredBankIds: readonly string[];
  /** The recovery sweep (src/completion/recoverySweep.ts), run before the reminders. */
  recover?: () => Promise<unknown>;
}

/**
 * One pass over what is due: review reminders to lead officers, nudges for idle drafts.
 * Safe to run as often as anyone likes and on several instances at once: each
 * reminder's key is created once in storage, and only the run that created it sends it.
 */
export class ReminderRun {
  constructor(private readonly deps: ReminderRunDependencies) {}

  async run(): Promise<ReminderRunSummary> {
    // Finished first: an interrupted completion's notices and the outbox's retries go out with the reminders.
    await this.deps.recover?.().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'recovery before the reminders run failed'));
    const today = ukDay(this.deps.clock.now());
    const summary: ReminderRunSummary = { day: today, sent: 0, skipped: 0, waiting: 0, unreachable: 0, skippedBecause: { alreadySent: 0, snoozed: 0, turnedOff: 0 } };
    const unreachable = new Map<string, string>();
    for await (const candidate of this.candidates(today)) {
      const outcome = await this.send(candidate, today);
      if (outcome === 'delivered') summary.sent++;
      else if (outcome === 'waiting') summary.waiting++;
      else if (outcome === 'unreachable') {
        summary.unreachable++;
        unreachable.set(candidate.recipient.objectId, candidate.recipient.name);
      } else {
        summary.skipped++;
        summary.skippedBecause[outcome]++;
      }
    }
    if (unreachable.size > 0) await this.tellSpos(today, unreachable);
    this.deps.logger.info({ ...summary }, 'reminders run');
    return summary;
  }

  private async *candidates(today: string): AsyncGenerator<Candidate> {
    let continuation: string | undefined;
    do {
      const page = await this.deps.register.reviewsDueBy(reviewWindowEnd(today), { pageSize: 100, ...(continuation ? { continuation } : {}) });
      for (const partnership of page.items) {
        const reminder = reviewReminderFor(partnership.id, partnership.nextReviewDue, today);
        if (!reminder) continue;
        yield {
          recipient: partnership.leadOfficer,
          reminder,
          card: (notificationKey) =>
            reminder.type === 'reviewOverdue'
              ? { type: 'reviewOverdue', partnershipName: partnership.name, reviewDate: partnership.nextReviewDue, daysOverdue: daysBetween(partnership.nextReviewDue, today), reminderKey: reminder.key, notificationKey }
              : { type: 'reviewDue', partnershipName: partnership.name, reviewDate: partnership.nextReviewDue, reminderKey: reminder.key, notificationKey },
        };
      }
      continuation = page.continuation;
    } while (continuation);

    continuation = undefined;
    do {
      const page = await this.deps.drafts.idleSince(draftIdleCutoff(today), { pageSize: 100, ...(continuation ? { continuation } : {}) });
      for (const draft of page.items) {
        if (this.deps.ignoredBankIds.includes(draft.bankId)) continue;
        const reminder = draftReminderFor(draft.id, draft.updatedAt, today);
        const bank = this.deps.banks.version(draft.bankId, draft.bankVersion);
        if (!reminder || !bank) continue;
        const description = `${bank.title}${draft.subject ? ` for ${draft.subject.name}` : ''}`;
        yield {
          recipient: { objectId: draft.ownerId, name: draft.ownerName },
          reminder,
          card: (notificationKey) => ({ type: 'draftUnfinished', draftId: draft.id, description, lastChanged: draft.updatedAt, reminderKey: reminder.key, notificationKey }),
        };
      }
      continuation = page.continuation;
    } while (continuation);
  }

  private async send(candidate: Candidate, today: string): Promise<'delivered' | 'waiting' | 'unreachable' | 'alreadySent' | 'snoozed' | 'turnedOff'> {
    const { recipient, reminder } = candidate;
    const settings = await this.deps.preferences.settings(recipient.objectId);
    if (settings?.off) return 'turnedOff';
    if (settings?.snoozedUntil && settings.snoozedUntil > today) return 'snoozed';
    const snooze = await this.deps.preferences.snooze(recipient.objectId, reminder.key);
    if (snooze && snooze.until > today) return 'snoozed';
    // After a snooze the reminder comes once more, under a key of its own.
    const notificationKey = snooze ? `${reminder.key}.after-${snooze.until}` : reminder.key;
    const model = candidate.card(notificationKey);
    const outcome = await this.deps.notifier.notify(recipient.objectId, notificationKey, { card: reminderCard(model), summary: reminderSummary(model) }, { once: true });
    if (outcome === 'delivered' || outcome === 'unreachable') {
      this.deps.logger.info({ reminderType: reminder.type, recipientId: recipient.objectId, outcome }, 'reminder sent');
    }
    return outcome;
  }

  /** One message per run to each SPO, listing who Teams refused; its key keeps it to one per day per list. */
  private async tellSpos(today: string, unreachable: Map<string, string>): Promise<void> {
    const ids = [...unreachable.keys()].sort();
    const key = `reminders-unreachable.${today}.${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}`;
    const names = ids.map((id) => unreachable.get(id)!);
    const spos = await this.deps.people.listWithRole('spo');
    if (spos.length === 0) this.deps.logger.warn({ count: ids.length }, 'reminders not delivered and no Strategic Partnership Officer to tell');
    for (const spo of spos) {
      if (unreachable.has(spo.objectId)) continue;
      await this.deps.notifier.notify(spo.objectId, key, {
        card: unreachableOfficersCard({ names }),
        summary: `Reminders could not be delivered to ${names.length} officer${names.length === 1 ? '' : 's'}`,
      });
    }
  }
}
