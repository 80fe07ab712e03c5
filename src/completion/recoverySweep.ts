import type { Logger } from '../logging/logger.js';

/** One pass of the recovery sweep's parts (unfinished completions and decisions, the outbox's due retries). */
export type RecoveryPart = { name: string; run(): Promise<unknown> };

export interface RecoverySweep {
  /** Runs every part once; a part that fails is logged and tried again next time. */
  run(): Promise<Record<string, unknown>>;
  stop(): void;
}

/**
 * Finishes what was interrupted: run at start-up, every `intervalMs` (0: never on a
 * timer) and by the reminders run. Every instance may run it at the same moment:
 * each part claims what it works on, so nothing is done twice.
 */
export function startRecoverySweep(parts: RecoveryPart[], intervalMs: number, logger: Logger): RecoverySweep {
  let running: Promise<Record<string, unknown>> | undefined;
  const runOnce = async (): Promise<Record<string, unknown>> => {
    const results: Record<string, unknown> = {};
    for (const part of parts) {
      try {
        results[part.name] = await part.run();
      } catch (error) {
        logger.warn({ err: error, part: part.name }, 'recovery sweep part failed; it runs again next time');
        results[part.name] = 'failed';
      }
    }
    return results;
  };
  // One pass at a time in a process: a slow pass is not overtaken by the next tick.
  const run = () => (running ??= runOnce().finally(() => (running = undefined)));
  const timer = intervalMs > 0 ? setInterval(() => void run(), intervalMs) : undefined;
  timer?.unref();
  return {
    run,
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
