import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type { StoreCounts } from '../test/support/countingStore.js';
import { productionNodeFlags } from './productionNodeFlags.js';

/** The parent's handle on bench/botProcess.ts. */
export interface BenchBot {
  url: string;
  /** `count` officers, each leading `rounds` partnerships (bench/run.ts: partnershipName). */
  seed(count: number, rounds: number): Promise<void>;
  /** Round trips since the last call, and resets them. */
  counts(): Promise<StoreCounts>;
  memory(): Promise<{ peakRssMb: number; rssMb: number }>;
  /** CPU milliseconds the bot process spent since the last call. */
  cpu(): Promise<{ cpuMs: number }>;
  stop(): Promise<void>;
}

/** Compiled by bench/tsconfig.json (see buildForBench), so no TypeScript loader sits in the bot's process. */
export const BOT_PROCESS = 'dist/bench-build/bench/botProcess.js';

/** Compiles the bot (as `npm start` does) and the bench bot process; both run as plain JavaScript. */
export function buildForBench(): void {
  for (const project of ['tsconfig.build.json', 'bench/tsconfig.json']) {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
  }
}

export async function startBenchBot(env: Record<string, string>): Promise<BenchBot> {
  // BENCH_NODE_OPTIONS, e.g. "--cpu-prof --cpu-prof-dir=prof", profiles the bot under load.
  const nodeOptions = (process.env['BENCH_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...productionNodeFlags(), ...nodeOptions, BOT_PROCESS], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench bot exited with ${code}`)));
    child.on('message', (message: { ready?: string; id?: number; result?: unknown; error?: string }) => {
      if (message.ready) return resolve(message.ready);
      const pending = message.id === undefined ? undefined : waiting.get(message.id);
      if (!pending) return;
      waiting.delete(message.id!);
      if (message.error) pending.reject(new Error(message.error));
      else pending.resolve(message.result);
    });
  });
  const ask = <T>(request: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, ...request });
    });
  return {
    url,
    seed: (count, rounds) => ask({ cmd: 'seed', count, rounds }),
    counts: () => ask({ cmd: 'counts' }),
    memory: () => ask({ cmd: 'memory' }),
    cpu: () => ask({ cmd: 'cpu' }),
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      await ask({ cmd: 'stop' }).catch(() => undefined);
      await exited;
    },
  };
}
