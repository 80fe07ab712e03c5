/** Roles from the toolkit (spec section 2). Every known user is at least an officer. */
export type Role = 'officer' | 'spo' | 'ad' | 'leadership';

export const ROLE_LABELS: Record<Role, string> = {
  officer: 'Officer',
  spo: 'Strategic Partnership Officer',
  ad: 'Assistant Director',
  leadership: 'Leadership Team',
};

/**
 * Where to reach a person proactively: the Bot Framework conversation
 * reference, kept as opaque data so this module needs no SDK.
 */
export interface ConversationAddress {
  serviceUrl: string;
  conversationId: string;
  reference: Record<string, unknown>;
}

export interface Person {
  /** Entra object id: the stable identity Teams sends on every activity. */
  objectId: string;
  name: string;
  roles: Role[];
  /** For an Assistant Director: the service areas they are responsible for. */
  areas?: string[];
  /** The person's 1:1 chat with the bot, refreshed on every message there. */
  personalChat?: ConversationAddress;
  /** False after Teams refused a proactive message (blocked, uninstalled). */
  reachable: boolean;
  /**
   * False when nothing waits to be delivered at their next message, so a turn
   * skips the query for waiting notifications. Absent (older records, new
   * people) means "look".
   */
  waitingNotifications?: boolean;
  /** True while a questionnaire they submitted has not finished saving (src/completion/completionRunner.ts); their next message finishes it. */
  pendingCompletions?: boolean;
  /**
   * Lower-case email address and user principal name, read from Teams
   * (TeamsInfo.getMember) since activities carry neither; or, for someone named
   * by email before they used the bot, that address. Absent: not yet known.
   */
  contacts?: string[];
  /** The day the bot last asked Teams for the person's email and UPN (at most once a day while unknown). */
  directoryCheckedOn?: string;
  /** Named by email and not yet seen: `objectId` is `email:<address>` until their first message links them. */
  pending?: boolean;
  firstSeen: string;
  lastSeen: string;
}

/** The placeholder id of someone named by email who has not used the bot yet. */
export function placeholderIdFor(address: string): string {
  return `email:${address.trim().toLowerCase()}`;
}

export function isPlaceholderId(objectId: string): boolean {
  return objectId.startsWith('email:');
}

/** A role change, kept for the audit trail (kind `role-audit`). */
export interface RoleChangeEvent {
  id: string;
  at: string;
  by: { objectId: string; name: string };
  personId: string;
  personName: string;
  from: { roles: Role[]; areas: string[] };
  to: { roles: Role[]; areas: string[] };
  note: string;
}

export function hasRole(person: Pick<Person, 'roles'>, role: Role): boolean {
  return person.roles.includes(role);
}
