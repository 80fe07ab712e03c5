import { createHash } from 'node:crypto';
import { actionCounts, addDays, DEFAULT_ACTION_DAYS, type ActionCounts, type ActionFacts, type ActionSource } from '../domain/actionRules.js';
import { changeRecord, createOnce } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { Clock } from '../util/clock.js';
import { normaliseText } from '../conversation/normaliseText.js';
import type { PartnershipRegister } from '../partnerships/partnershipRegister.js';
import type { Partnership, PersonRef } from '../partnerships/partnership.js';
import type { PeopleDirectory } from '../people/peopleDirectory.js';

const ACTION = 'action';

/** One entry in a partnership's action log. */
export interface LoggedAction extends ActionFacts {
  id: string;
  partnershipId: string;
  partnershipName: string;
  /** Its number in the partnership's log (1, 2, 3…), the officer's way to name it ("close action 2 on CSP"). */
  number: number;
  text: string;
  source: ActionSource;
  /** Where it came from, in words: "the 2026/27 self-assessment (F3)". */
  origin: string;
  /** A person by identity: the person named, when the bot knows them, otherwise the lead officer. */
  owner: PersonRef;
  /** The owner as typed, when it was not a person the bot knows ("Partnership manager"). */
  ownerNamed?: string;
  createdAt: string;
  closedBy?: PersonRef;
  /** Done: the note of the evidence. */
  evidence?: string;
  /** Dropped: why. */
  reason?: string;
  /** When it was raised with the Assistant Director for being overdue. */
  escalatedAt?: string;
}

/** An action a source wants in the log; `key` makes raising it twice add it once. */
export interface NewAction {
  key: string;
  text: string;
  source: ActionSource;
  origin: string;
  /** The owner by identity, when the source knows them (the lead officer, the proposer). */
  owner?: PersonRef;
  /** The owner as an officer typed them; matched against the people the bot knows. */
  ownerText?: string;
  due?: string;
}

export type CloseOutcome = { status: 'done'; evidence: string } | { status: 'dropped'; reason: string };

/**
 * The action log: one record per action in its partnership's partition, raised
 * once per source key, closed through the one change helper, with an audit event
 * for every change on the partnership's trail.
 */
export class ActionLog {
  constructor(
    private readonly store: RecordStore,
    private readonly register: PartnershipRegister,
    private readonly people: PeopleDirectory,
    private readonly clock: Clock,
  ) {}

  /** Adds the actions not already in the log; returns those it added. */
  async raise(partnership: Partnership, actions: readonly NewAction[], by: PersonRef): Promise<LoggedAction[]> {
    if (actions.length === 0) return [];
    const everyone = await this.people.everyone();
    const added: LoggedAction[] = [];
    const today = this.clock.now().toISOString().slice(0, 10);
    for (const action of actions) {
      const id = actionId(partnership.id, action.key);
      if (await this.store.read(key(partnership.id, id))) continue;
      const owner = action.owner ? { person: action.owner } : ownerFor(action.ownerText, everyone, partnership);
      // Numbers are for officers to name actions by; two sources raising at the same instant could share one, and the id still tells them apart.
      const number = (await this.forPartnership(partnership.id)).length + 1;
      const entry: LoggedAction = {
        id, partnershipId: partnership.id, partnershipName: partnership.name, number, text: action.text.slice(0, 1000), source: action.source, origin: action.origin,
        owner: owner.person, ...("named" in owner && owner.named ? { ownerNamed: owner.named } : {}),
        due: action.due && /^\d{4}-\d{2}-\d{2}/.test(action.due) ? action.due.slice(0, 10) : addDays(today, DEFAULT_ACTION_DAYS),
        status: 'open', createdAt: this.clock.now().toISOString(),
      };
      const { created } = await createOnce(this.store, key(partnership.id, id), entry);
      if (!created) continue;
      added.push(entry);
      await this.register.recordEvent({ partnershipId: partnership.id, by, action: 'action.raised', recordKind: ACTION, recordId: id, note: `Action ${number} (${action.origin}) for ${owner.person.name}, due ${entry.due}` });
    }
    return added;
  }

  /** The partnership's log in the order its actions were raised. */
  async forPartnership(partnershipId: string): Promise<LoggedAction[]> {
    const page = await this.store.query<LoggedAction>({ kind: ACTION, partition: partnershipId, pageSize: 1000 });
    return page.items.map((r) => r.body).sort((a, b) => a.number - b.number || a.createdAt.localeCompare(b.createdAt));
  }

  /** Open actions a person owns, across partnerships, soonest due first. */
  async openOwnedBy(objectId: string): Promise<LoggedAction[]> {
    const page = await this.store.query<LoggedAction>({ kind: ACTION, where: [{ field: 'owner.objectId', op: '=', value: objectId }, { field: 'status', op: '=', value: 'open' }], pageSize: 1000 });
    return page.items.map((r) => r.body).sort((a, b) => a.due.localeCompare(b.due));
  }

  /** Open actions due on or before the day, across partnerships, for the reminders run. */
  async openDueBy(day: string): Promise<LoggedAction[]> {
    const found: LoggedAction[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.store.query<LoggedAction>({ kind: ACTION, where: [{ field: 'status', op: '=', value: 'open' }, { field: 'due', op: '<=', value: day }], pageSize: 1000, ...(continuation ? { continuation } : {}) });
      found.push(...page.items.map((r) => r.body));
      continuation = page.continuation;
    } while (continuation);
    return found;
  }

  /** Every action in the register, for the export and the reports. */
  async all(): Promise<LoggedAction[]> {
    const found: LoggedAction[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.store.query<LoggedAction>({ kind: ACTION, pageSize: 1000, ...(continuation ? { continuation } : {}) });
      found.push(...page.items.map((r) => r.body));
      continuation = page.continuation;
    } while (continuation);
    return found;
  }

  /** Counts per partnership id on `today`. */
  async countsByPartnership(today: string): Promise<Map<string, ActionCounts>> {
    const byPartnership = new Map<string, LoggedAction[]>();
    for (const action of await this.all()) byPartnership.set(action.partnershipId, [...(byPartnership.get(action.partnershipId) ?? []), action]);
    return new Map([...byPartnership].map(([id, actions]) => [id, actionCounts(actions, today)]));
  }

  async get(partnershipId: string, id: string): Promise<LoggedAction | undefined> {
    return (await this.store.read<LoggedAction>(key(partnershipId, id)))?.body;
  }

  /** Closes an open action; an action already closed is left as it is (`changed` false). */
  async close(partnershipId: string, id: string, by: PersonRef, outcome: CloseOutcome): Promise<{ action: LoggedAction | undefined; changed: boolean }> {
    const at = this.clock.now().toISOString();
    const { after, written } = await changeRecord<LoggedAction>(this.store, key(partnershipId, id), (current) =>
      !current || current.status !== 'open'
        ? undefined
        : { ...current, status: outcome.status, closedAt: at, closedBy: by, ...(outcome.status === 'done' ? { evidence: outcome.evidence } : { reason: outcome.reason }) },
    );
    if (written && after) {
      await this.register.recordEvent({
        partnershipId, by, action: outcome.status === 'done' ? 'action.done' : 'action.dropped', recordKind: ACTION, recordId: id,
        changes: { status: { from: 'open', to: outcome.status } },
        ...(outcome.status === 'done' ? { note: `Action ${after.number} done: ${outcome.evidence}` } : { reason: outcome.reason }),
      });
    }
    return { action: after, changed: written };
  }

  /** Notes that it was raised with the Assistant Director (the notification's own key keeps that to once). */
  async markEscalated(partnershipId: string, id: string): Promise<void> {
    const at = this.clock.now().toISOString();
    await changeRecord<LoggedAction>(this.store, key(partnershipId, id), (current) => (!current || current.escalatedAt ? undefined : { ...current, escalatedAt: at }));
  }
}

/** The person an officer named, when exactly one person the bot knows has that name; otherwise the lead officer, with the name kept. */
function ownerFor(typed: string | undefined, everyone: ReadonlyArray<{ objectId: string; name: string }>, partnership: Partnership): { person: PersonRef; named?: string } {
  const wanted = typed ? normaliseText(typed) : '';
  const matches = wanted ? everyone.filter((p) => normaliseText(p.name) === wanted) : [];
  if (matches.length === 1) return { person: { objectId: matches[0]!.objectId, name: matches[0]!.name } };
  return { person: partnership.leadOfficer, ...(typed?.trim() ? { named: typed.trim().slice(0, 150) } : {}) };
}

function actionId(partnershipId: string, sourceKey: string): string {
  return `a-${createHash('sha256').update(`${partnershipId}\n${sourceKey}`).digest('hex').slice(0, 24)}`;
}

function key(partnershipId: string, id: string): RecordKey {
  return { kind: ACTION, partition: partnershipId, id };
}
