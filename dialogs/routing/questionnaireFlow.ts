import type { z } from 'zod';
import type { QuestionnaireCompletion } from '../questionnaireCompletion.js';
import type { StartRequest } from '../questionnaireLauncher.js';
import type { HelpEntry, Route, RouteTurn } from './route.js';

/** What asking for a questionnaire comes to: a new draft, the officer's own draft again, or nothing (already explained). */
export type StartDecision = { kind: 'start'; request: StartRequest } | { kind: 'resume'; draftId: string } | { kind: 'handled' };

/**
 * A questionnaire the bot runs, declared once: its bank, how it is asked for
 * (the verb typed requests are recognised as and buttons carry), its help-card
 * entry, how it starts and what submitting it does. The router, the help card
 * and the launcher all read these declarations.
 */
export interface QuestionnaireFlow<Data = unknown> {
  bankId: string;
  verb: string;
  schema: z.ZodType<Data>;
  help?: HelpEntry;
  start(turn: RouteTurn, data: Data): Promise<StartDecision>;
  completion: QuestionnaireCompletion;
}

export function defineFlow<S extends z.ZodType>(flow: Omit<QuestionnaireFlow<z.output<S>>, 'schema'> & { schema: S }): QuestionnaireFlow<z.output<S>> {
  return { ...flow, schema: flow.schema as z.ZodType<z.output<S>> };
}

/** Starts and resumes questionnaires; the route a flow becomes uses it. */
export interface QuestionnaireStarter {
  start(turn: RouteTurn, request: StartRequest): Promise<void>;
  resume(turn: RouteTurn, draftId: string): Promise<void>;
}

/** The route a flow is asked for by: questionnaires only run in the 1:1 chat. */
export function flowRoute(flow: QuestionnaireFlow<unknown>, starter: QuestionnaireStarter): Route<unknown> {
  return {
    verb: flow.verb,
    scope: 'personal',
    schema: flow.schema,
    ...(flow.help ? { help: flow.help } : {}),
    async handle(turn, data) {
      const decision = await flow.start(turn, data);
      if (decision.kind === 'start') await starter.start(turn, decision.request);
      else if (decision.kind === 'resume') await starter.resume(turn, decision.draftId);
    },
  };
}

/** The declared flows by bank, for the dialog's completions and the launcher. */
export class QuestionnaireFlows {
  private readonly byBankId = new Map<string, QuestionnaireFlow<unknown>>();

  constructor(
    flows: Array<QuestionnaireFlow<unknown>>,
    /** For a bank with no flow of its own (a test bank): a plain thank-you. */
    private readonly fallback: QuestionnaireCompletion,
  ) {
    for (const flow of flows) {
      if (this.byBankId.has(flow.bankId)) throw new Error(`Two questionnaire flows are declared for the bank "${flow.bankId}"`);
      this.byBankId.set(flow.bankId, flow);
    }
  }

  has(bankId: string): boolean {
    return this.byBankId.has(bankId);
  }

  /** What submitting (or deleting) a draft of this bank does. */
  for(bankId: string): QuestionnaireCompletion {
    return this.byBankId.get(bankId)?.completion ?? this.fallback;
  }
}
