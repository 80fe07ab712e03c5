import type { Identity } from '../people/peopleDirectory.js';
import { INPUT_LIMITS } from './inputLimits.js';

/**
 * Who is speaking, decided in this one place.
 *
 * The person is the Entra object id Teams puts on the activity (`from.aadObjectId`). Never
 * `from.id`: in Web Chat and Direct Line the client chooses it, and even in Teams it is a
 * per-app id (29:...), not the person. An activity without an object id has no person and is
 * refused before any turn runs (`src/bot/botAdapter.ts`), with authentication on or off; the
 * Agents Playground sends one, so local runs are unaffected.
 */

/** The only channel served when authentication is on: the Bot Connector vouches for Teams activities. */
export const TEAMS_CHANNEL_ID = 'msteams';

/**
 * Entra object ids are GUIDs. Only their shape is checked (letters, digits and hyphens, so it is a
 * safe record key): the Agents Playground's user has a GUID-like id with a 13-digit last group.
 */
const OBJECT_ID = /^[0-9a-z-]{1,128}$/i;

/**
 * A GUID, or the Agents Playground's GUID-like user id (`00000000-0000-0000-0000-0000000000020`: 13
 * digits in its last group). Used for `ADMIN_OBJECT_IDS` when authentication is off (development),
 * so the Playground's own user can be made the SPO; with an app id the setting must be real GUIDs
 * (src/config/config.ts), as Teams only ever sends those.
 */
export function isPlaygroundOrEntraId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i.test(value);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The person behind an activity, or undefined when it carries no Entra object id. With
 * `entraOnly` (authentication on: production) the id must be a real GUID, as Teams always sends;
 * the Agents Playground's GUID-like ids are trusted only in development (no app id).
 */
export function identityOf(activity: { from?: unknown }, options: { entraOnly?: boolean } = {}): Identity | undefined {
  const from = activity.from;
  if (typeof from !== 'object' || from === null) return undefined;
  const { aadObjectId, name } = from as Record<string, unknown>;
  if (typeof aadObjectId !== 'string' || !OBJECT_ID.test(aadObjectId)) return undefined;
  if (options.entraOnly && !GUID.test(aadObjectId)) return undefined;
  return { objectId: aadObjectId, name: typeof name === 'string' ? name.slice(0, INPUT_LIMITS.nameChars) : '' };
}

/**
 * The person behind an activity that has been admitted, for code that runs inside a turn.
 * Throws if there is none: the adapter refuses such activities, so reaching this is a bug,
 * and failing the turn is safer than acting for someone unknown.
 */
export function requireIdentity(activity: { from?: unknown }): Identity {
  const identity = identityOf(activity);
  if (!identity) throw new Error('An activity without an Entra object id reached the bot; the adapter should have refused it');
  return identity;
}
