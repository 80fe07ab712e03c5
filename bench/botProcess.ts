/**
 * One bot under test in its own process, so its CPU and memory are its own and the load
 * generator's are not counted: BENCH_BOT=toolkit|echo, BENCH_STORE=sqlite|cosmos with
 * BENCH_SQLITE_PATH or BENCH_COSMOS (JSON settings). Talks to bench/run.ts over IPC.
 * The toolkit and the Cosmos SDK are imported only when used, so the echo bot's memory
 * and start-up are those of botbuilder, restify and the store alone.
 */
import { readFileSync } from 'node:fs';
import { CountingStore } from '../test/support/countingStore.js';
import { SqliteRecordStore } from '../src/storage/sqliteRecordStore.js';
import type { CosmosSettings } from '../src/config/config.js';
import type { RecordStore } from '../src/storage/recordStore.js';
import { silentLogger } from '../src/logging/logger.js';
import { startEchoBot } from './echoBot.js';

export type BotRequest = { id: number } & ({ cmd: 'seed'; count: number; rounds: number } | { cmd: 'counts' } | { cmd: 'cpu' } | { cmd: 'memory' } | { cmd: 'stop' });

/** Peak resident memory of this process (Linux VmHWM), else the current RSS. */
function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Math.round(Number(match[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

async function main(): Promise<void> {
  const kind = process.env['BENCH_STORE'];
  const inner: RecordStore =
    kind === 'cosmos'
      ? await (await import('../src/storage/cosmosRecordStore.js')).openCosmosRecordStore(JSON.parse(process.env['BENCH_COSMOS']!) as CosmosSettings)
      : new SqliteRecordStore(process.env['BENCH_SQLITE_PATH']!);
  const store = new CountingStore(inner);
  let url: string;
  let seed: (count: number, rounds: number) => Promise<void> = async () => undefined;
  let close: () => Promise<void>;
  if (process.env['BENCH_BOT'] === 'echo') {
    const echo = await startEchoBot(store, silentLogger(), Number(process.env['BENCH_PORT'] || 0));
    url = echo.url;
    close = () => echo.close();
  } else {
    const { startTestBot } = await import('../test/support/botHarness.js');
    const { officer, seedLedPartnership } = await import('../test/support/selfAssessmentRun.js');
    const bot = await startTestBot({ store });
    url = bot.url;
    // Each officer leads one partnership per round of the load: one self-assessment each.
    seed = async (count, rounds) => {
      for (let i = 1; i <= count; i++) {
        await seedLedPartnership(bot, officer(i), `bench-${i}`, `Bench Partnership ${i}`);
        for (let r = 1; r < rounds; r++) await seedLedPartnership(bot, officer(i), `bench-${i}-${r}`, `Bench Partnership ${i} Round ${r}`);
      }
    };
    close = () => bot.close();
  }
  let lastCpu = process.cpuUsage();
  process.on('message', (request: BotRequest) => {
    const answer = async (): Promise<unknown> => {
      switch (request.cmd) {
        case 'seed':
          return seed(request.count, request.rounds);
        case 'counts':
          return store.reset();
        case 'cpu': {
          // CPU time (user + system) since the last call: what the bot itself spent, whatever the neighbours do.
          const used = process.cpuUsage(lastCpu);
          lastCpu = process.cpuUsage();
          return { cpuMs: Math.round((used.user + used.system) / 1000) };
        }
        case 'memory':
          return { peakRssMb: peakRssMb(), rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024) };
        case 'stop':
          await close();
          await inner.close();
          setImmediate(() => process.exit(0));
          return undefined;
      }
    };
    answer().then(
      (result) => process.send?.({ id: request.id, result }),
      (error: unknown) => process.send?.({ id: request.id, error: String(error) }),
    );
  });
  process.send?.({ ready: url });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench bot failed: ${String(error)}\n`);
  process.exit(1);
});
