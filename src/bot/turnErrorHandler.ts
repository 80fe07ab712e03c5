import { randomBytes } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { isStorageUnavailable } from '../storage/storageErrors.js';
import { noTracing, type Tracing } from '../telemetry/tracing.js';

/**
 * Last line of defence for a failed turn. Dialog state is deliberately left
 * alone (the sample bots delete it): the officer's place and answers survive,
 * and the same answer can simply be sent again.
 */
export function createTurnErrorHandler(logger: Logger, tracing: Tracing = noTracing) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const reference = randomBytes(4).toString('hex');
    // The same reference on the turn's trace, so the one an officer quotes finds it in Application Insights.
    tracing.failed(reference, originalError(error));
    logger.error(
      {
        err: error,
        reference,
        activityId: context.activity?.id,
        activityType: context.activity?.type,
        conversationId: context.activity?.conversation?.id,
      },
      'turn failed',
    );
    if (context.activity?.type !== 'message') return;
    try {
      await context.sendActivity(officerMessageFor(error, reference));
    } catch (sendError) {
      logger.error({ err: sendError, reference }, 'could not tell the user about a failed turn');
    }
  };
}

export function officerMessageFor(error: Error, reference: string): string {
  if (isStorageUnavailable(originalError(error))) {
    return (
      "Sorry, I can't reach the partnerships database at the moment, so I couldn't save that step. " +
      `Everything you had already saved is safe. Please send your answer again in a few minutes. (Reference ${reference})`
    );
  }
  return (
    "Sorry, something went wrong on my side and I couldn't finish that step. Nothing you had already entered has been lost: " +
    `please try again, or type **help**. If it keeps happening, give the IT service desk this reference: ${reference}.`
  );
}

/**
 * botbuilder-dialogs wraps what a dialog throws in a DialogContextError (the
 * original in its `error`), so a storage fault inside a questionnaire would
 * otherwise be told to the officer as an unknown failure.
 */
export function originalError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const inner = (current as { error?: unknown } | undefined)?.error;
    if (!(inner instanceof Error)) return current;
    current = inner;
  }
  return current;
}
