import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startDailyReminderSchedule } from '../../src/reminders/dailyReminderSchedule.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { Clock } from '../../src/util/clock.js';

describe('the optional daily reminders run', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-27T07:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('runs at the set UK time each day and not before', async () => {
    const clock: Clock = { now: () => new Date() };
    let runs = 0;
    const schedule = startDailyReminderSchedule({ hours: 7, minutes: 30 }, async () => void runs++, clock, silentLogger());
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(23 * 3_600_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs).toBe(2);
    schedule.stop();
    await vi.advanceTimersByTimeAsync(48 * 3_600_000);
    expect(runs).toBe(2);
  });

  it('keeps going the next day when a run fails', async () => {
    let runs = 0;
    const schedule = startDailyReminderSchedule({ hours: 7, minutes: 30 }, async () => {
      runs++;
      throw new Error('storage unavailable');
    }, { now: () => new Date() }, silentLogger());
    await vi.advanceTimersByTimeAsync(25 * 3_600_000);
    expect(runs).toBe(2);
    schedule.stop();
  });
});

describe('REMINDERS_DAILY_AT', () => {
  it('is off unless set, and reads HH:MM', () => {
    expect(loadConfig({}).remindersDailyAt).toBeUndefined();
    expect(loadConfig({ REMINDERS_DAILY_AT: '07:30' }).remindersDailyAt).toEqual({ hours: 7, minutes: 30 });
    expect(loadConfig({ REMINDERS_DAILY_AT: '23:59' }).remindersDailyAt).toEqual({ hours: 23, minutes: 59 });
  });

  it.each(['7:30', '24:00', '07:60', 'seven', '07.30'])('refuses %s with a message naming the setting', (value) => {
    expect(() => loadConfig({ REMINDERS_DAILY_AT: value })).toThrow('Setting REMINDERS_DAILY_AT is invalid: must be a UK time as HH:MM on the 24-hour clock, for example 07:30');
  });
});
