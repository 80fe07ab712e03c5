import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { z } from 'zod';
import type { TurnInput } from '../../src/bot/turnInput.js';
import type { Person } from '../../src/people/person.js';
import type { Actor, Verdict } from '../../src/permissions/permissions.js';

/**
 * One thing the bot does when asked: by a card button carrying `verb` and its
 * data, or by typed words recognised as that verb. Every route is declared
 * once, with the schema its data must pass and where it may be used.
 */
export interface Route<Data = unknown> {
  verb: string;
  /**
   * `personal`: only in the officer's 1:1 chat (questionnaires, so answers stay
   * private); asked for in a channel, it is handed over to the 1:1 chat.
   * `anywhere`: answered where it was asked.
   */
  scope: RouteScope;
  /** Card data (and recognised requests) must pass it before the handler runs. */
  schema: z.ZodType<Data>;
  /** What a card press whose data fails the schema is told; nothing changes. */
  invalid?: string;
  /**
   * Said after the specific problem when a field fails for its meaning (a day that does not
   * exist, a malformed year or key): how to get what the officer wanted another way.
   */
  retryHint?: string;
  /** Its line on the help card, if it has one. */
  help?: HelpEntry;
  handle(turn: RouteTurn, data: Data): Promise<void>;
}

export type RouteScope = 'personal' | 'anywhere';

export interface HelpEntry {
  title: string;
  detail: string;
  /**
   * The rule (src/permissions/permissions.ts) that says who may do this; only those it allows see
   * the line, so the card never offers what the person would be refused. Everyone when absent.
   */
  onlyFor?: (actor: Actor) => Verdict;
  /** A help-card button: its title and what it asks for. */
  button?: { title: string; verb: string; data?: Record<string, unknown> };
}

/** What a route's handler is given for the turn. */
export interface RouteTurn {
  context: TurnContext;
  dc: DialogContext;
  input: TurnInput;
  person: Person;
  /** How the request arrived. */
  via: 'typed' | 'card';
  /** The officer's words (typed, or a command button's), for replies and the channel hand-over. */
  words: string;
  /** Runs another route as if it had been asked for (a command button, a suggestion). */
  dispatchText(words: string): Promise<void>;
}

/** Declares a route with its data type inferred from its schema. */
export function defineRoute<S extends z.ZodType>(route: Omit<Route<z.output<S>>, 'schema'> & { schema: S }): Route<z.output<S>> {
  return { ...route, schema: route.schema as z.ZodType<z.output<S>> };
}
