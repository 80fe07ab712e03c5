import { spawn, execFileSync } from 'node:child_process';
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

/** Milliseconds from spawning the compiled bot to its first healthy answer; the process is then stopped. */
async function timeOneStart(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'toolkit-startup-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--no-deprecation', 'dist/src/index.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', SQLITE_PATH: join(dir, 'toolkit.db'), NODE_ENV: 'development' },
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

/** Builds once (as `npm start` does), then times three starts. */
export async function measureStartup(): Promise<{ runs: number[]; medianMs: number }> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push(await timeOneStart());
  const sorted = [...runs].sort((a, b) => a - b);
  return { runs, medianMs: sorted[1]! };
}
