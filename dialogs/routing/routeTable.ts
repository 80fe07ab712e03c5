import type { HelpEntry, Route } from './route.js';

/**
 * Every verb the bot answers to, each declared once. The router looks verbs up
 * here, the help card lists the entries in registration order, and the
 * authorisation matrix test checks that every verb has rows.
 */
export class RouteTable {
  private readonly routes = new Map<string, Route<unknown>>();

  constructor(routes: Array<Route<unknown>>) {
    for (const route of routes) {
      // Caught at start-up: two handlers for one verb would make one of them unreachable.
      if (this.routes.has(route.verb)) throw new Error(`Two routes are registered for the verb "${route.verb}"`);
      this.routes.set(route.verb, route);
    }
  }

  get(verb: string): Route<unknown> | undefined {
    return this.routes.get(verb);
  }

  get verbs(): string[] {
    return [...this.routes.keys()];
  }

  /** Each entry with its route's verb, the topic its detail is asked for by. */
  helpEntries(): Array<HelpEntry & { topic: string }> {
    return [...this.routes.values()].flatMap((route) => (route.help ? [{ ...route.help, topic: route.verb }] : []));
  }
}
