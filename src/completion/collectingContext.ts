import type { Activity, TurnContext } from 'botbuilder';

/**
 * A stand-in for a turn, for completions and decisions finished by the recovery sweep: their
 * steps only send messages (dialogs/questionnaireCompletion.ts, the decision handlers), which are
 * collected here to go through the outbox instead.
 */
export function collectingContext(messages: Array<string | Partial<Activity>>): TurnContext {
  return {
    activity: { type: 'message' },
    async sendActivity(message: string | Partial<Activity>) {
      messages.push(message);
      return { id: `collected-${messages.length}` };
    },
    async sendActivities(list: Array<Partial<Activity>>) {
      messages.push(...list);
      return list.map((_, i) => ({ id: `collected-${i}` }));
    },
    async updateActivity() {
      return undefined;
    },
  } as unknown as TurnContext;
}
