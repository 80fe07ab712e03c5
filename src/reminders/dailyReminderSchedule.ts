import type { Logger } from '../logging/logger.js';
import type { Clock } from '../util/clock.js';
import { nextDailyRun } from './reminderRules.js';

export interface DailySchedule {
  stop(): void;
}

/**
 * Runs reminders once a day at a UK time, inside the bot's process. Every instance
 * may run it at the same moment: the run itself keeps each reminder to one.
 */
export function startDailyReminderSchedule(at: { hours: number; minutes: number }, run: () => Promise<unknown>, clock: Clock, logger: Logger): DailySchedule {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const scheduleNext = () => {
    if (stopped) return;
    const next = nextDailyRun(clock.now(), at);
    // setTimeout cannot wait longer than about 24.8 days; a day is well within it.
    timer = setTimeout(() => {
      run()
        .catch((error: unknown) => logger.error({ err: error }, 'daily reminders run failed; it runs again tomorrow'))
        .finally(scheduleNext);
    }, Math.max(1000, next.getTime() - clock.now().getTime()));
    timer.unref();
    logger.info({ next: next.toISOString() }, 'daily reminders run scheduled');
  };
  scheduleNext();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
