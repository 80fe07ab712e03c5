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
import { actionReminderFor, addDays, ACTION_DUE_SOON_DAYS, daysBetween as daysFrom, daysOverdue, returnReminderFor, shouldRaiseMissingReturn, shouldRaiseWithDirector } from '../domain/actionRules.js';
import type { ActionLog, LoggedAction } from '../actions/actionLog.js';
import type { AnnualRounds } from '../assessments/annualRounds.js';
import type { SelfAssessmentResponse } from '../assessments/selfAssessment.js';
import type { GovernanceSettings } from '../config/config.js';
import type { OutboundMessage } from '../notifications/notifier.js';
import type { Partnership } from '../partnerships/partnership.js';
import { noticeCard } from '../../cards/governanceCards.js';
import { plain } from '../../cards/markdown.js';
import { formatUkDate } from '../util/ukFormat.js';
import { yearKey } from '../domain/assessmentYear.js';

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
  /** Overdue actions and missing returns raised with an Assistant Director this run (each only ever once); absent when none. */
  escalated?: number;
}

interface Candidate {
  recipient: { objectId: string; name: string };
  reminder: { type: string; key: string };
  /** The reminder card's model (review and draft reminders, with a snooze), or a plain message. */
  card: (notificationKey: string) => ReminderCardModel | OutboundMessage;
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
  /** The action log: owners reminded, long-overdue actions raised with the Assistant Director. */
  actions?: ActionLog;
  /** The annual rounds: officers yet to respond reminded, long-missing returns raised. */
  rounds?: AnnualRounds;
  responses?: { responses(partnershipId: string, year: string): Promise<SelfAssessmentResponse[]>; currentYear(): string };
  governance?: GovernanceSettings;
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
    const escalated = (await this.escalateActions(today)) + (await this.escalateReturns(today));
    if (escalated > 0) summary.escalated = escalated;
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

    yield* this.actionCandidates(today);
    yield* this.returnCandidates(today);

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
    const message = 'card' in model ? model : { card: reminderCard(model), summary: reminderSummary(model) };
    const outcome = await this.deps.notifier.notify(recipient.objectId, notificationKey, message, { once: true });
    if (outcome === 'delivered' || outcome === 'unreachable') {
      this.deps.logger.info({ reminderType: reminder.type, recipientId: recipient.objectId, outcome }, 'reminder sent');
    }
    return outcome;
  }

  /** Owners of open actions due within a week or overdue: once before, then every 14 days after. */
  private async *actionCandidates(today: string): AsyncGenerator<Candidate> {
    if (!this.deps.actions) return;
    for (const action of await this.deps.actions.openDueBy(addDays(today, ACTION_DUE_SOON_DAYS))) {
      const reminder = actionReminderFor(`${action.partnershipId}.${action.id}`, action, today);
      if (!reminder) continue;
      const overdue = daysOverdue(action, today);
      yield {
        recipient: action.owner,
        reminder,
        card: () => ({
          card: noticeCard(
            overdue ? `Overdue action: ${action.partnershipName}` : `Action due soon: ${action.partnershipName}`,
            [
              `Action ${action.number}: **${plain(action.text)}**`,
              overdue ? `It was due on ${formatUkDate(action.due)}, ${overdue} day${overdue === 1 ? '' : 's'} ago.` : `It is due on ${formatUkDate(action.due)}.`,
              `It came from ${plain(action.origin)}. When it is done, close it with a note of the evidence.`,
            ],
            [{ title: 'My actions', command: 'my actions' }],
          ),
          summary: overdue ? `Overdue action on ${action.partnershipName}` : `Action due on ${action.partnershipName}`,
        }),
      };
    }
  }

  /** Officers invited to this year's round who have not responded: every 14 days from a fortnight in. */
  private async *returnCandidates(today: string): AsyncGenerator<Candidate> {
    for (const { partnership, year, days, missing } of await this.missingReturns(today)) {
      for (const officerId of missing) {
        const reminder = returnReminderFor(yearKey(year), partnership.id, officerId, days);
        if (!reminder) continue;
        const person = await this.deps.people.find(officerId);
        yield {
          recipient: { objectId: officerId, name: person?.name ?? 'an officer' },
          reminder: { type: 'returnMissing', key: reminder.key },
          card: () => ({
            card: noticeCard(`Self-assessment for ${partnership.name}`, [`The ${year} annual self-assessment for **${plain(partnership.name)}** is still waiting for your response. Everyone named on a partnership is asked, so that every view is heard.`], [{ title: 'Respond now', command: `self-assessment for ${partnership.name}` }]),
            summary: `Your ${year} self-assessment for ${partnership.name} is waiting`,
          }),
        };
      }
    }
  }

  /** This year's round: each partnership not yet closed, how long since the round started, and who has not responded. */
  private async missingReturns(today: string): Promise<Array<{ partnership: Partnership; year: string; days: number; missing: string[] }>> {
    const { rounds, responses } = this.deps;
    if (!rounds || !responses) return [];
    const year = responses.currentYear();
    const round = await rounds.get(year);
    if (!round) return [];
    const days = daysFrom(ukDay(new Date(round.startedAt)), today);
    const found = [];
    for (const [partnershipId, invited] of Object.entries(round.invited)) {
      const partnership = await this.deps.register.get(partnershipId);
      if (!partnership || (partnership.status !== 'active' && partnership.status !== 'under-review')) continue;
      const responded = new Set((await responses.responses(partnershipId, year)).map((r) => r.officer.objectId));
      const missing = invited.filter((id) => !responded.has(id));
      if (missing.length > 0) found.push({ partnership, year, days, missing });
    }
    return found;
  }

  /** An action overdue by more than the threshold goes to the partnership's Assistant Director, once ever (the key has no period). */
  private async escalateActions(today: string): Promise<number> {
    const { actions, governance } = this.deps;
    if (!actions || !governance) return 0;
    let raised = 0;
    for (const action of await actions.openDueBy(addDays(today, -governance.actionEscalationDays - 1))) {
      if (!shouldRaiseWithDirector(action, today, governance.actionEscalationDays)) continue;
      const partnership = await this.deps.register.get(action.partnershipId);
      if (!partnership) continue;
      if (await this.tellDirector(partnership, `action-escalated.${action.partnershipId}.${action.id}`, this.escalationMessage(partnership, action, today))) {
        raised++;
        await actions.markEscalated(action.partnershipId, action.id);
      }
    }
    return raised;
  }

  private escalationMessage(partnership: Partnership, action: LoggedAction, today: string): OutboundMessage {
    const overdue = daysOverdue(action, today);
    return {
      card: noticeCard(`Action overdue by ${overdue} days: ${partnership.name}`, [
        `Action ${action.number} on **${plain(partnership.name)}** is ${overdue} days overdue, more than the ${this.deps.governance!.actionEscalationDays} days after which the toolkit raises it with you.`,
        `**${plain(action.text)}** (owner ${plain(action.owner.name)}; due ${formatUkDate(action.due)}; from ${plain(action.origin)}).`,
        `Its owner has been reminded. ${plain(partnership.leadOfficer.name)} leads the partnership.`,
      ], [{ title: 'Open actions', command: `open actions for ${partnership.name}` }]),
      summary: `Overdue action on ${partnership.name}`,
    };
  }

  /** A return still missing the configured number of days after the round started goes to the Assistant Director, once per partnership and year. */
  private async escalateReturns(today: string): Promise<number> {
    const { governance } = this.deps;
    if (!governance) return 0;
    let raised = 0;
    for (const { partnership, year, days, missing } of await this.missingReturns(today)) {
      if (!shouldRaiseMissingReturn(days, governance.returnEscalationDays)) continue;
      const names = await Promise.all(missing.map(async (id) => (await this.deps.people.find(id))?.name ?? 'an officer'));
      const message = {
        card: noticeCard(`Self-assessment returns missing: ${partnership.name}`, [
          `${days} days after the ${year} annual round started, ${names.length === 1 ? 'one officer has' : `${names.length} officers have`} not responded to the self-assessment for **${plain(partnership.name)}**: ${names.map(plain).join(', ')}.`,
          `They have been reminded every 14 days. ${plain(partnership.leadOfficer.name)} leads the partnership.`,
        ]),
        summary: `Self-assessment returns missing for ${partnership.name}`,
      };
      if (await this.tellDirector(partnership, `return-escalated.${yearKey(year)}.${partnership.id}`, message)) raised++;
    }
    return raised;
  }

  /** The partnership's Assistant Director (or, with none, the SPOs) is told once under `key`; true when this run told them. */
  private async tellDirector(partnership: Partnership, key: string, message: OutboundMessage): Promise<boolean> {
    const director = partnership.assistantDirector ?? (await this.deps.people.assistantDirectorFor(partnership.serviceArea));
    const recipients = director ? [director] : await this.deps.people.listWithRole('spo');
    let told = false;
    for (const recipient of recipients) {
      const outcome = await this.deps.notifier.notify(recipient.objectId, key, message, { once: true });
      if (outcome !== 'alreadySent') told = true;
    }
    if (told) this.deps.logger.info({ partnershipId: partnership.id, key: key.split('.')[0] }, 'raised with the Assistant Director');
    return told;
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
