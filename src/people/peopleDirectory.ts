import { randomUUID } from 'node:crypto';
import { changeRecord, createOnce } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { Clock } from '../util/clock.js';
import { placeholderIdFor, type ConversationAddress, type Person, type Role, type RoleChangeEvent } from './person.js';

const ROLE_AUDIT = 'role-audit';

const KIND = 'person';
const PARTITION = 'people';

export interface Identity {
  objectId: string;
  name: string;
}

export interface SeenPerson {
  person: Person;
  /** True the first time this person ever talks to the bot. */
  isNew: boolean;
}

/** People and their roles, kept in the record store. */
export class PeopleDirectory {
  private changes = 0;

  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    private readonly adminObjectIds: readonly string[],
  ) {}

  async find(objectId: string): Promise<Person | undefined> {
    return (await this.store.read<Person>(keyOf(objectId)))?.body;
  }

  /**
   * Records that a person was seen, refreshing their name and, for a 1:1
   * chat, where to reach them. Writes only when something changed.
   */
  async seen(identity: Identity, personalChat?: ConversationAddress): Promise<SeenPerson> {
    const now = this.clock.now().toISOString();
    const outcome = await changeRecord<Person>(this.store, keyOf(identity.objectId), (existing) =>
      existing
        ? refreshed(existing, identity, personalChat, now)
        : {
            objectId: identity.objectId,
            name: identity.name,
            roles: this.initialRoles(identity.objectId),
            personalChat,
            reachable: true,
            firstSeen: now,
            lastSeen: now,
          },
    );
    if (outcome.before?.name !== outcome.after?.name) this.changes++;
    return { person: outcome.after!, isNew: outcome.before === undefined };
  }

  /** Goes up when someone new is seen or a name changes here, so caches of names know to reload. */
  get revision(): number {
    return this.changes;
  }

  async setRoles(objectId: string, roles: Role[], areas?: string[]): Promise<Person> {
    return this.update(objectId, (p) => ({ ...p, roles: normaliseRoles(roles), ...(areas ? { areas } : {}) }));
  }

  /**
   * A role change with its audit event (who, when, the roles and areas before and
   * after, and what was asked). Returns the person as they now stand and whether anything changed.
   */
  async changeRoles(
    objectId: string,
    by: { objectId: string; name: string },
    change: (current: { roles: Role[]; areas: string[] }) => { roles: Role[]; areas: string[] },
    note: string,
  ): Promise<{ person: Person; changed: boolean }> {
    const outcome = await changeRecord<Person>(this.store, keyOf(objectId), (existing) => {
      if (!existing) throw new Error(`No person with object id ${objectId}`);
      const next = change({ roles: existing.roles, areas: existing.areas ?? [] });
      const roles = normaliseRoles(next.roles);
      const areas = roles.includes('ad') ? [...new Set(next.areas)] : [];
      if (sameList(roles, existing.roles) && sameList(areas, existing.areas ?? [])) return undefined;
      return { ...existing, roles, areas };
    });
    const person = outcome.after!;
    if (!outcome.written || !outcome.before) return { person, changed: false };
    const event: RoleChangeEvent = {
      id: randomUUID(), at: this.clock.now().toISOString(), by, personId: objectId, personName: person.name,
      from: { roles: outcome.before.roles, areas: outcome.before.areas ?? [] }, to: { roles: person.roles, areas: person.areas ?? [] }, note,
    };
    await this.store.create({ kind: ROLE_AUDIT, partition: PARTITION, id: event.id }, event);
    return { person, changed: true };
  }

  /** Every role change, oldest first (for the audit trail and tests). */
  async roleChanges(): Promise<RoleChangeEvent[]> {
    const events: RoleChangeEvent[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.store.query<RoleChangeEvent>({ kind: ROLE_AUDIT, partition: PARTITION, orderBy: { field: 'at' }, pageSize: 500, ...(continuation ? { continuation } : {}) });
      events.push(...page.items.map((r) => r.body));
      continuation = page.continuation;
    } while (continuation);
    return events;
  }

  /** The person with this email address or user principal name (lower-cased), linked or named by email. */
  async byContact(address: string): Promise<Person[]> {
    const page = await this.store.query<Person>({
      kind: KIND,
      partition: PARTITION,
      where: [{ field: 'contacts', op: 'arrayContains', value: address.trim().toLowerCase() }],
      pageSize: 20,
    });
    return page.items.map((r) => r.body);
  }

  /**
   * Someone named by email who has not used the bot yet: a placeholder person
   * (id `email:<address>`) that roles and partnerships can refer to until their
   * first message links it to their real identity. Made once; returned after.
   */
  async placeholder(address: string, name: string): Promise<Person> {
    const email = address.trim().toLowerCase();
    const now = this.clock.now().toISOString();
    const { body } = await createOnce<Person>(this.store, keyOf(placeholderIdFor(email)), {
      objectId: placeholderIdFor(email), name: name.trim() || email, roles: ['officer'], areas: [], contacts: [email], pending: true, reachable: false, firstSeen: now, lastSeen: now,
    });
    return body;
  }

  /** Records the email and UPN Teams gave for a person (or that it gave none today). */
  async recordContacts(objectId: string, contacts: string[], checkedOn: string): Promise<Person> {
    const wanted = [...new Set(contacts.map((c) => c.trim().toLowerCase()).filter(Boolean))];
    return this.update(objectId, (p) => ({ ...p, ...(wanted.length ? { contacts: [...new Set([...(p.contacts ?? []), ...wanted])] } : {}), directoryCheckedOn: checkedOn }));
  }

  /**
   * Grants the Assistant Directors that the service areas file names (by email), each
   * (area, email) once: a role the SPO removes later stays removed, and naming a new
   * Assistant Director in the file grants theirs. Audited as made by the configuration.
   */
  async applyConfiguredDirectors(areas: ReadonlyArray<{ id: string; label: string; assistantDirectors: readonly string[] }>): Promise<number> {
    let granted = 0;
    for (const area of areas) {
      for (const email of area.assistantDirectors) {
        const { created } = await createOnce(this.store, { kind: 'role-seed', partition: PARTITION, id: `${area.id}:${email}` }, { area: area.id, email, at: this.clock.now().toISOString() });
        if (!created) continue;
        const found = await this.byContact(email);
        const person = found.find((p) => !p.pending) ?? found[0] ?? (await this.placeholder(email, email));
        await this.changeRoles(person.objectId, { objectId: 'configuration', name: 'The service areas file' }, (r) => ({ roles: [...r.roles, 'ad'], areas: [...r.areas, area.id] }), `Assistant Director for ${area.label}, named in the service areas file`);
        granted++;
      }
    }
    return granted;
  }

  /** Removes a placeholder once its person is linked. */
  async removePlaceholder(objectId: string): Promise<void> {
    await this.store.delete(keyOf(objectId));
  }

  /** The Assistant Director responsible for a service area, if one is set up. */
  async assistantDirectorFor(area: string): Promise<Person | undefined> {
    return (await this.assistantDirectorsFor(area))[0];
  }

  /** Object ids of everyone who holds the Assistant Director role for a service area (normally one; none while it is vacant). */
  async assistantDirectorIdsFor(area: string): Promise<string[]> {
    return (await this.assistantDirectorsFor(area)).map((person) => person.objectId);
  }

  private async assistantDirectorsFor(area: string): Promise<Person[]> {
    const page = await this.store.query<Person>({
      kind: KIND,
      partition: PARTITION,
      where: [
        { field: 'roles', op: 'arrayContains', value: 'ad' },
        { field: 'areas', op: 'arrayContains', value: area },
      ],
      pageSize: 50,
    });
    return page.items.map((record) => record.body);
  }

  /** Sets the "something waits" flag; a person not yet known is left alone (their first turn looks anyway). */
  async setWaitingNotifications(objectId: string, waiting: boolean): Promise<void> {
    if (!(await this.find(objectId))) return;
    await this.update(objectId, (p) => ({ ...p, waitingNotifications: waiting }));
  }

  async setPendingCompletions(objectId: string, pending: boolean): Promise<void> {
    const person = await this.find(objectId);
    if (!person || (person.pendingCompletions ?? false) === pending) return;
    await this.update(objectId, (p) => ({ ...p, pendingCompletions: pending }));
  }

  async markUnreachable(objectId: string): Promise<void> {
    await this.update(objectId, (p) => ({ ...p, reachable: false }));
  }

  async everyone(): Promise<Person[]> {
    const people: Person[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.store.query<Person>({ kind: KIND, partition: PARTITION, continuation, pageSize: 500 });
      people.push(...page.items.map((r) => r.body));
      continuation = page.continuation;
    } while (continuation);
    return people;
  }

  async listWithRole(role: Role): Promise<Person[]> {
    const people: Person[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.store.query<Person>({
        kind: KIND,
        partition: PARTITION,
        where: [{ field: 'roles', op: 'arrayContains', value: role }],
        continuation,
      });
      people.push(...page.items.map((r) => r.body));
      continuation = page.continuation;
    } while (continuation);
    return people;
  }

  private async update(objectId: string, change: (p: Person) => Person): Promise<Person> {
    const outcome = await changeRecord<Person>(this.store, keyOf(objectId), (existing) => {
      if (!existing) throw new Error(`No person with object id ${objectId}`);
      return change(existing);
    });
    return outcome.after!;
  }

  private initialRoles(objectId: string): Role[] {
    return this.adminObjectIds.includes(objectId) ? ['officer', 'spo'] : ['officer'];
  }
}

function keyOf(objectId: string): RecordKey {
  return { kind: KIND, partition: PARTITION, id: objectId };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function normaliseRoles(roles: Role[]): Role[] {
  return [...new Set<Role>(['officer', ...roles])];
}

function refreshed(person: Person, identity: Identity, chat: ConversationAddress | undefined, now: string): Person | undefined {
  const nameChanged = identity.name !== '' && identity.name !== person.name;
  const chatChanged =
    chat !== undefined &&
    (chat.serviceUrl !== person.personalChat?.serviceUrl || chat.conversationId !== person.personalChat?.conversationId);
  // lastSeen alone is not worth a write on every turn; refresh it daily.
  const stale = now.slice(0, 10) !== person.lastSeen.slice(0, 10);
  if (!nameChanged && !chatChanged && !stale && (person.reachable || !chat)) return undefined;
  return {
    ...person,
    name: nameChanged ? identity.name : person.name,
    personalChat: chatChanged ? chat : person.personalChat,
    // Hearing from someone in their 1:1 chat proves they can be reached again.
    reachable: chat ? true : person.reachable,
    lastSeen: now,
  };
}
