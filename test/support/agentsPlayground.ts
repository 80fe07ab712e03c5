import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Drives Microsoft 365 Agents Playground (a local Teams emulator) and headless Debian Chromium, offline.
 * The flags, env and selectors come from the spike in /work/shared/notes/agents-playground.md.
 */

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAYGROUND_BIN = join(PROJECT_ROOT, 'node_modules', '.bin', 'agentsplayground');
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const TEST_OUTPUT_DIR = join(PROJECT_ROOT, 'test-output');

/** Selectors of Playground 0.2.28's UI. */
export const playgroundUi = {
  composeBox: '[role="textbox"][data-lexical-editor="true"]',
  sendButton: 'button[aria-label="Send Message"]',
  card: '.ac-adaptiveCard',
} as const;

export interface Playground {
  port: number;
  /** The UI; `localhost` because Chromium's host resolver rules only let localhost and 127.0.0.1 through. */
  url: string;
  /** Everything the child printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** The bot's base URL, e.g. http://127.0.0.1:12345 (without /api/messages). */
  botUrl: string;
  startTimeoutMs?: number;
}

/** A port that was free a moment ago; the Playground's own report of its port is checked afterwards. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('Could not find a free port'))));
    });
  });
}

class PortTakenError extends Error {}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  // Another process can grab the port between findFreePort and the Playground's listen; the Playground
  // then silently picks a random port, which we refuse and retry with a fresh one.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startPlaygroundOnce(options, await findFreePort());
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= 3) throw error;
    }
  }
}

async function startPlaygroundOnce(options: PlaygroundOptions, port: number): Promise<Playground> {
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  // It writes ./devTools/*.log and reads ./.m365agentsplayground.yml from its working directory:
  // a scratch folder keeps the checkout clean and stray config out.
  const workDir = mkdtempSync(join(tmpdir(), 'agents-playground-'));
  if (!existsSync(PLAYGROUND_BIN)) {
    throw new Error(`Agents Playground not found at ${PLAYGROUND_BIN}: run npm ci`);
  }
  const args = [
    PLAYGROUND_BIN,
    '--app-endpoint', `${options.botUrl.replace(/\/$/, '')}/api/messages`,
    '--channel-id', 'msteams',
    '--port', String(port),
    '--disable-telemetry',
  ];
  // process.execPath rather than the bin's `#!/usr/bin/env node`: the same Node that runs the tests.
  const child = spawn(process.execPath, args, {
    cwd: workDir,
    env: {
      ...process.env,
      // Without it the Application Insights client probes 169.254.169.254 even with --disable-telemetry.
      APPLICATION_INSIGHTS_NO_STATSBEAT: '1',
      TEAMSAPPTESTER_BROWSER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() can kill it and anything it spawned in one go.
    detached: true,
  });

  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  const stop = async () => {
    await killGroup(child, exited);
    rmSync(workDir, { recursive: true, force: true });
  };
  const fail = async (message: string, ErrorType: new (message: string) => Error = Error) => {
    await stop();
    return new ErrorType(`${message}\n--- Agents Playground output ---\n${output || '(none)'}\n---`);
  };

  const deadline = Date.now() + timeoutMs;
  // Readiness: it says which port it took, and answers its debug ping.
  for (;;) {
    const listening = /Listening on (\d+)/.exec(output);
    if (listening) {
      if (Number(listening[1]) !== port) {
        throw await fail(`Agents Playground listens on ${listening[1]} instead of ${port} (port taken?)`, PortTakenError);
      }
      if (await pingPlayground(port)) break;
    }
    if (spawnError) throw await fail(`Agents Playground could not be started: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw await fail(`Agents Playground exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    if (Date.now() > deadline) {
      throw await fail(`Agents Playground was not ready on port ${port} within ${timeoutMs} ms`);
    }
    await sleep(100);
  }

  return { port, url: `http://localhost:${port}/`, output: () => output, stop };
}

async function pingPlayground(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/_debug/ping`, { signal: AbortSignal.timeout(2_000) });
    return response.ok && (await response.text()).trim() === 'pong';
  } catch {
    return false;
  }
}

async function killGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
  if (!stopped) {
    signalGroup('SIGKILL');
    await Promise.race([exited, sleep(2_000)]);
  }
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Debian Chromium with a fresh profile that can reach only this machine. */
export async function launchChromium(options: { defaultTimeoutMs?: number } = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'pw-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 1280, height: 900 },
      timeout: 30_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // The flags above still leave Chromium's own look-ups (Google accounts, updates); this stops all DNS.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  // The UI asks Microsoft's CDN for fonts; failing fast offline is harmless (local fonts are used).
  await context.route(/^https?:\/\/(?!(?:localhost|127\.0\.0\.1)(?::\d+)?(?:\/|$))/, (route) => route.abort());
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(options.defaultTimeoutMs ?? 15_000);
  return {
    context,
    page,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Saves a full-page screenshot (and any logs given) under test-output/ for a failed test.
 * Never throws: it runs while a failure is being reported and must not hide it.
 */
export async function saveFailureArtifacts(
  name: string,
  page: Page | undefined,
  logs: Record<string, string> = {},
): Promise<string[]> {
  const saved: string[] = [];
  try {
    mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
    const stem = `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    if (page && !page.isClosed()) {
      const path = join(TEST_OUTPUT_DIR, `${stem}.png`);
      await page.screenshot({ path, fullPage: true, timeout: 10_000 });
      saved.push(path);
    }
    for (const [label, text] of Object.entries(logs)) {
      const path = join(TEST_OUTPUT_DIR, `${stem}-${label}.log`);
      writeFileSync(path, text);
      saved.push(path);
    }
  } catch {
    // Best effort.
  }
  return saved;
}

/**
 * Runs a test body; if it throws, saves a screenshot and logs under test-output/ and names them in the error,
 * so the failure report says where to look without the test printing anything.
 */
export async function withFailureArtifacts<T>(
  name: string,
  collect: () => { page?: Page; logs?: Record<string, string> },
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const { page, logs } = collect();
    const saved = await saveFailureArtifacts(name, page, logs);
    if (saved.length > 0 && error instanceof Error) {
      error.message += `\nSaved for this failure:\n  ${saved.join('\n  ')}`;
    }
    throw error;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
