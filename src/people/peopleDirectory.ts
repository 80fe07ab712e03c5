import { changeRecord } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { Clock } from '../util/clock.js';
import type { ConversationAddress, Person, Role } from './person.js';

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
