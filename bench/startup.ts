import { spawn } from 'node:child_process';
import { productionNodeFlags } from './productionNodeFlags.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Milliseconds from spawning a compiled bot to its first healthy answer; the process is then stopped. */
async function timeOneStart(script: string, extraEnv: Record<string, string>, compileCache: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'toolkit-startup-'));
  const port = await freePort();
  const started = performance.now();
  const env = { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', SQLITE_PATH: join(dir, 'toolkit.db'), BENCH_SQLITE_PATH: join(dir, 'toolkit.db'), BENCH_PORT: String(port), NODE_ENV: 'development', NODE_COMPILE_CACHE: compileCache, ...extraEnv };
  const child = spawn(process.execPath, [...productionNodeFlags(), script], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} before it was ready`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.status === 200) return Math.round(performance.now() - started);
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 30_000) throw new Error('the bot was not ready within 30 seconds');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface StartupResult {
  /** The real entry point, dist/src/index.js. */
  toolkitRuns: number[];
  toolkitMedianMs: number;
  /** The echo bot (botbuilder, restify, SQLite and nothing else): the framework's floor. */
  echoRuns: number[];
  echoMedianMs: number;
}

/**
 * Three starts of each, alternating, so a busy moment on the machine hits both alike. Expects
 * buildForBench() first. Both use Node's compile cache, as production starts do (src/index.ts):
 * a fresh, empty cache for each bot, so the first start is cold and the next two warm, as
 * when an instance restarts.
 */
export async function measureStartup(echoScript: string): Promise<StartupResult> {
  const toolkitRuns: number[] = [];
  const echoRuns: number[] = [];
  const caches = mkdtempSync(join(tmpdir(), 'toolkit-compile-cache-'));
  try {
    for (let i = 0; i < 3; i++) {
      toolkitRuns.push(await timeOneStart('dist/src/index.js', {}, join(caches, 'toolkit')));
      echoRuns.push(await timeOneStart(echoScript, { BENCH_BOT: 'echo', BENCH_STORE: 'sqlite' }, join(caches, 'echo')));
    }
  } finally {
    rmSync(caches, { recursive: true, force: true });
  }
  const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[1]!;
  return { toolkitRuns, toolkitMedianMs: median(toolkitRuns), echoRuns, echoMedianMs: median(echoRuns) };
}
