/**
 * `npm run bench`: the toolkit bot against the framework's floor (a bare echo bot on the
 * same server and storage), on the embedded store and on the Cosmos test server, plus the
 * due-review query over 10,000 partnerships and start-up time. Prints a table and writes
 * bench/results/latest.json. Sizes: BENCH_OFFICERS (50), BENCH_PARTNERSHIPS (10000),
 * BENCH_COSMOS_PARTNERSHIPS (10000), BENCH_STORES (sqlite,cosmos).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestChat } from '../test/support/botHarness.js';
import { CountingStore, type StoreCounts } from '../test/support/countingStore.js';
import { startFakeCosmos, type FakeCosmos } from '../test/support/fakeCosmos.js';
import { chatOver, completeSelfAssessment, officer, type TurnTiming } from '../test/support/selfAssessmentRun.js';
import { SqliteRecordStore } from '../src/storage/sqliteRecordStore.js';
import { openCosmosRecordStore } from '../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../src/storage/recordStore.js';
import { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { Partnership } from '../src/partnerships/partnership.js';
import { systemClock } from '../src/util/clock.js';
import { BOT_PROCESS, buildForBench, startBenchBot } from './botClient.js';
import { measureStartup, type StartupResult } from './startup.js';
import type { LanguageResult } from './language.js';
import { execFileSync } from 'node:child_process';
import { summarise, type LatencySummary } from './stats.js';

type StoreKind = 'sqlite' | 'cosmos';

const OFFICERS = Number(process.env['BENCH_OFFICERS'] ?? 50);
const PARTNERSHIPS = Number(process.env['BENCH_PARTNERSHIPS'] ?? 10_000);
const COSMOS_PARTNERSHIPS = Number(process.env['BENCH_COSMOS_PARTNERSHIPS'] ?? 10_000);
const STORES = (process.env['BENCH_STORES'] ?? 'sqlite,cosmos').split(',').map((s) => s.trim()) as StoreKind[];
/**
 * Measured self-assessments per officer, one after another (each for another partnership they lead),
 * after one round that is not measured: a longer run moves less with the neighbours, and both bots
 * are measured after their code has been compiled by the JIT, as a running instance is.
 */
const ROUNDS = Math.max(1, Number(process.env['BENCH_ROUNDS'] ?? 4));

/** The partnership officer n answers for in round r (0 is the warm-up), as seeded by bench/botProcess.ts. */
const partnershipName = (n: number, r: number) => (r === 0 ? `Bench Partnership ${n}` : `Bench Partnership ${n} Round ${r}`);

interface LoadResult {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  latencyMs: LatencySummary;
  peakRssMb: number;
  errors: number;
  /** CPU milliseconds per turn: the bot process's own, and the load generator's (this process, with the Cosmos test server when it runs here). */
  botCpuMsPerTurn: number;
  loadCpuMsPerTurn: number;
}

interface StoreResult {
  store: StoreKind;
  toolkit: LoadResult & { questionsAnswered: number; cardTurns: number };
  echo: LoadResult;
  ratioToEcho: number;
  /** Measured on one officer alone, so the counts are exact: round trips per answered card and per question. */
  perCard: { reads: number; queries: number; writes: number; questionsPerCard: number };
  perQuestion: { reads: number; queries: number; writes: number };
  perTurnWholeRun: { reads: number; queries: number; writes: number };
  byKindPerCard: Record<string, { reads: number; queries: number; writes: number }>;
}

interface DueReviewResult {
  store: StoreKind;
  partnerships: number;
  due: number;
  pageSize: number;
  queriesPerCall: number;
  documentsReadPerCall: number;
  latencyMs: LatencySummary;
}

const scratch: Array<() => Promise<void>> = [];

async function openStore(kind: StoreKind): Promise<{ store: RecordStore; cosmos?: FakeCosmos }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'toolkit-bench-'));
    scratch.push(async () => rmSync(dir, { recursive: true, force: true }));
    return { store: new SqliteRecordStore(join(dir, 'bench.db')) };
  }
  const cosmos = await startFakeCosmos();
  return { store: await openCosmosRecordStore(cosmos.settings()), cosmos };
}

async function inParallel<T>(count: number, work: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => work(i)));
}

/** Where a bench bot keeps its records: a fresh SQLite file, or a fresh database on the Cosmos test server. */
async function storeEnv(kind: StoreKind): Promise<{ env: Record<string, string>; done(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'toolkit-bench-'));
    return { env: { BENCH_STORE: 'sqlite', BENCH_SQLITE_PATH: join(dir, 'bench.db') }, done: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const cosmos = await startFakeCosmos();
  return { env: { BENCH_STORE: 'cosmos', BENCH_COSMOS: JSON.stringify(cosmos.settings()) }, done: () => cosmos.close() };
}

const round = (n: number) => Math.round(n * 100) / 100;

async function toolkitLoad(kind: StoreKind): Promise<Omit<StoreResult, 'echo' | 'ratioToEcho'>> {
  const storage = await storeEnv(kind);
  const bot = await startBenchBot({ ...storage.env, BENCH_BOT: 'toolkit' });
  try {
    const officers = Array.from({ length: OFFICERS + 1 }, (_, i) => officer(i + 1));
    await bot.seed(officers.length, ROUNDS + 1);
    await inParallel(officers.length, (i) => chatOver(bot.url, officers[i]!).say('hello'));

    // Exact counts first: one officer alone, so nothing else touches the store between the marks.
    const solo = officers[OFFICERS]!;
    const perCardCounts: StoreCounts[] = [];
    let soloQuestions = 0;
    const soloChat = chatOver(bot.url, solo);
    const marked: TestChat = {
      ...soloChat,
      submit: async (value, replyToId) => {
        await bot.counts();
        const replies = await soloChat.submit(value, replyToId);
        perCardCounts.push(await bot.counts());
        return replies;
      },
    };
    const soloRun = await completeSelfAssessment(marked, `Bench Partnership ${OFFICERS + 1}`, undefined, { afterCard: (questions) => void (soloQuestions += questions) });
    // The last submit is the Submit button, not an answered card.
    perCardCounts.pop();
    const cards = soloRun.cardTurns;
    const total = (op: 'reads' | 'queries' | 'writes') => perCardCounts.reduce((sum, c) => sum + c[op], 0);
    const byKind: Record<string, { reads: number; queries: number; writes: number }> = {};
    for (const counts of perCardCounts) {
      for (const [k, v] of Object.entries(counts.byKind)) {
        const entry = (byKind[k] ??= { reads: 0, queries: 0, writes: 0 });
        entry.reads += v.reads / cards;
        entry.queries += v.queries / cards;
        entry.writes += v.writes / cards;
      }
    }
    for (const entry of Object.values(byKind)) for (const op of ['reads', 'queries', 'writes'] as const) entry[op] = round(entry[op]);

    // The warm-up round, not measured: every officer at once, a whole self-assessment each.
    let errors = 0;
    const failed = (i: number) => (error: unknown) => {
      errors++;
      process.stderr.write(`officer ${i + 1}: ${(error as Error).message.slice(0, 200)}\n`);
      return undefined;
    };
    await inParallel(OFFICERS, (i) => completeSelfAssessment(chatOver(bot.url, officers[i]!), partnershipName(i + 1, 0)).catch(failed(i)));

    // Then the load: every officer at once, each ROUNDS whole self-assessments one after another.
    await bot.counts();
    await bot.cpu();
    const loadCpu = process.cpuUsage();
    const started = performance.now();
    const done = (
      await inParallel(OFFICERS, async (i) => {
        const mine: TurnTiming[] = [];
        for (let r = 1; r <= ROUNDS; r++) {
          const run = await completeSelfAssessment(chatOver(bot.url, officers[i]!), partnershipName(i + 1, r)).catch(failed(i));
          if (!run) break;
          mine.push(run);
        }
        return mine;
      })
    ).flat();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(loadCpu);
    const { cpuMs } = await bot.cpu();
    const whole = await bot.counts();
    const memory = await bot.memory();
    const latencies = done.flatMap((r) => r.latencies);
    return {
      store: kind,
      toolkit: {
        turns: latencies.length,
        seconds: round(seconds),
        turnsPerSecond: round(latencies.length / seconds),
        latencyMs: summarise(latencies),
        peakRssMb: memory.peakRssMb,
        errors,
        botCpuMsPerTurn: round(cpuMs / latencies.length),
        loadCpuMsPerTurn: round((used.user + used.system) / 1000 / latencies.length),
        questionsAnswered: done.reduce((s, r) => s + r.questionsAnswered, 0),
        cardTurns: done.reduce((s, r) => s + r.cardTurns, 0),
      },
      perCard: { reads: round(total('reads') / cards), queries: round(total('queries') / cards), writes: round(total('writes') / cards), questionsPerCard: round(soloQuestions / cards) },
      perQuestion: { reads: round(total('reads') / soloQuestions), queries: round(total('queries') / soloQuestions), writes: round(total('writes') / soloQuestions) },
      perTurnWholeRun: { reads: round(whole.reads / latencies.length), queries: round(whole.queries / latencies.length), writes: round(whole.writes / latencies.length) },
      byKindPerCard: byKind,
    };
  } finally {
    await bot.stop();
    await storage.done();
  }
}

async function echoLoad(kind: StoreKind, turnsPerConversation: number): Promise<LoadResult> {
  const storage = await storeEnv(kind);
  const bot = await startBenchBot({ ...storage.env, BENCH_BOT: 'echo' });
  try {
    // The same warm-up as the toolkit's: one round's turns in every conversation, not measured.
    await inParallel(OFFICERS, async (i) => {
      const chat = chatOver(bot.url, officer(i + 1), `a:warm-up-${i}`);
      for (let t = 0; t < Math.round(turnsPerConversation / ROUNDS); t++) await chat.say(`warming up ${t}`).catch(() => undefined);
    });
    await bot.cpu();
    const loadCpu = process.cpuUsage();
    const started = performance.now();
    let errors = 0;
    const latencies = (
      await inParallel(OFFICERS, async (i) => {
        const chat = chatOver(bot.url, officer(i + 1));
        const mine: number[] = [];
        for (let t = 0; t < turnsPerConversation; t++) {
          const turnStarted = performance.now();
          try {
            await chat.say(`answer ${t}`);
          } catch {
            errors++;
          }
          mine.push(performance.now() - turnStarted);
        }
        return mine;
      })
    ).flat();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(loadCpu);
    const { cpuMs } = await bot.cpu();
    const memory = await bot.memory();
    return {
      turns: latencies.length, seconds: round(seconds), turnsPerSecond: round(latencies.length / seconds), latencyMs: summarise(latencies), peakRssMb: memory.peakRssMb, errors,
      botCpuMsPerTurn: round(cpuMs / latencies.length), loadCpuMsPerTurn: round((used.user + used.system) / 1000 / latencies.length),
    };
  } finally {
    await bot.stop();
    await storage.done();
  }
}

async function dueReview(kind: StoreKind, count: number): Promise<DueReviewResult> {
  const { store, cosmos } = await openStore(kind);
  const counting = new CountingStore(store);
  try {
    const statuses: Partnership['status'][] = ['active', 'active', 'active', 'under-review', 'closed', 'proposed'];
    const now = new Date().toISOString();
    let next = 0;
    // A few writers at once: the Cosmos server answers each over HTTP.
    await inParallel(kind === 'cosmos' ? 16 : 1, async () => {
      for (let i = next++; i < count; i = next++) {
        const day = new Date(Date.UTC(2026, 0, 1) + (i * 7919 % 1096) * 86_400_000).toISOString().slice(0, 10);
        const id = `p-${i}`;
        const partnership: Partnership = {
          id, name: `Partnership ${i}`, purpose: 'Benchmark', partners: [{ name: 'Essex Police' }], leadOfficer: { objectId: `o-${i % 200}`, name: `Officer ${i % 200}` },
          officerIds: [`o-${i % 200}`], ownerId: `o-${i % 200}`, serviceArea: 'communities', statutory: false, priorities: [], councilCashPerYear: 5000,
          significance: 'medium', overallRisk: 'low', startDate: '2023-04-01', nextReviewDue: day, stage: { suggested: 'functioning' },
          status: statuses[i % statuses.length]!, createdAt: now, updatedAt: now,
        };
        await store.create({ kind: 'partnership', partition: id, id }, partnership);
      }
    });
    const register = new PartnershipRegister(counting, systemClock);
    const onOrBefore = '2026-12-31';
    const pageSize = 100;
    for (let i = 0; i < 5; i++) await register.reviewsDueBy(onOrBefore, { pageSize });
    counting.reset();
    const latencies: number[] = [];
    const runs = kind === 'sqlite' ? 200 : 30;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await register.reviewsDueBy(onOrBefore, { pageSize });
      latencies.push(performance.now() - started);
    }
    const counts = counting.reset();
    // How many are due in all, read page by page (not timed).
    let due = 0;
    let continuation: string | undefined;
    do {
      const page = await register.reviewsDueBy(onOrBefore, { pageSize: 1000, ...(continuation ? { continuation } : {}) });
      due += page.items.length;
      continuation = page.continuation;
    } while (continuation);
    return { store: kind, partnerships: count, due, pageSize, queriesPerCall: counts.queries / runs, documentsReadPerCall: counts.documentsRead / runs, latencyMs: summarise(latencies) };
  } finally {
    await store.close();
    await cosmos?.close();
  }
}

interface Target {
  target: string;
  measured: string;
  met: boolean;
}

function targetsFor(stores: StoreResult[], due: DueReviewResult[], startup: StartupResult | undefined, language: LanguageResult | undefined): Target[] {
  const targets: Target[] = [];
  for (const s of stores) {
    targets.push({ target: `${s.store}: questionnaire throughput >= 0.7 x echo bot`, measured: `${s.ratioToEcho.toFixed(2)} x`, met: s.ratioToEcho >= 0.7 });
    const reads = s.perQuestion.reads + s.perQuestion.queries;
    targets.push({ target: `${s.store}: <= 2 reads (incl. queries) per answered question`, measured: reads.toFixed(2), met: reads <= 2 });
    targets.push({ target: `${s.store}: <= 2 writes per answered question`, measured: s.perQuestion.writes.toFixed(2), met: s.perQuestion.writes <= 2 });
    targets.push({ target: `${s.store}: zero errors under load`, measured: String(s.toolkit.errors + s.echo.errors), met: s.toolkit.errors + s.echo.errors === 0 });
  }
  const sqliteStore = stores.find((s) => s.store === 'sqlite');
  if (sqliteStore) {
    targets.push({ target: `peak memory < 250 MB with ${OFFICERS} concurrent conversations (sqlite, bot process)`, measured: `${sqliteStore.toolkit.peakRssMb} MB`, met: sqliteStore.toolkit.peakRssMb < 250 });
  }
  const sqliteDue = due.find((d) => d.store === 'sqlite');
  if (sqliteDue) {
    targets.push({ target: `due review over ${sqliteDue.partnerships} partnerships: one query`, measured: `${sqliteDue.queriesPerCall} per call`, met: sqliteDue.queriesPerCall === 1 });
    targets.push({ target: 'due review p95 < 50 ms (sqlite)', measured: `${sqliteDue.latencyMs.p95} ms`, met: sqliteDue.latencyMs.p95 < 50 });
  }
  if (startup) {
    const ratio = startup.toolkitMedianMs / startup.echoMedianMs;
    targets.push({ target: 'ready within 1.5 x the echo bot\'s start-up', measured: `${ratio.toFixed(2)} x (${startup.toolkitMedianMs} ms, echo bot ${startup.echoMedianMs} ms)`, met: ratio <= 1.5 });
    targets.push({ target: 'ready to serve within 2 s of start', measured: `${startup.toolkitMedianMs} ms`, met: startup.toolkitMedianMs < 2000 });
  }
  if (language) targets.push({ target: `language understanding <= 2 ms p95 per message (${language.partnerships} partnerships)`, measured: `${language.perMessageMs.p95} ms`, met: language.perMessageMs.p95 <= 2 });
  if (language) targets.push({ target: 'language understanding ready < 500 ms at start-up (saved model)', measured: `${language.startupLoadedMs} ms`, met: language.startupLoadedMs < 500 });
  return targets;
}

function table(rows: Array<Record<string, string | number>>): string {
  const headers = Object.keys(rows[0] ?? {});
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(headers.map((h) => String(r[h]))))].join('\n');
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  // `BENCH_ONLY=language npm run bench` measures the language understanding alone, in seconds;
  // `BENCH_ONLY=startup` start-up alone, `BENCH_ONLY=load` the load runs alone.
  const only = process.env['BENCH_ONLY'];
  const languageOnly = only === 'language';
  const runLoad = !only || only === 'load';
  const runStartup = !only || only === 'startup';
  const runLanguage = !only || only === 'language';
  process.stdout.write(`Partnership Toolkit benchmark: ${OFFICERS} concurrent officers, stores ${STORES.join(', ')}, ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(1)}), Node ${process.version}\n`);
  const stores: StoreResult[] = [];
  if (!languageOnly) {
    process.stdout.write('- compiling the bot and the bench bot process...\n');
    buildForBench();
  }
  for (const kind of runLoad ? STORES : []) {
    process.stdout.write(`- ${kind}: full self-assessments...\n`);
    const toolkit = await toolkitLoad(kind);
    const turnsPerConversation = Math.round(toolkit.toolkit.turns / Math.max(1, OFFICERS - toolkit.toolkit.errors));
    process.stdout.write(`- ${kind}: echo bot, ${turnsPerConversation} turns per conversation...\n`);
    const echo = await echoLoad(kind, turnsPerConversation);
    stores.push({ ...toolkit, echo, ratioToEcho: Math.round((toolkit.toolkit.turnsPerSecond / echo.turnsPerSecond) * 100) / 100 });
  }
  const due: DueReviewResult[] = [];
  for (const kind of runLoad ? STORES : []) {
    const count = kind === 'sqlite' ? PARTNERSHIPS : COSMOS_PARTNERSHIPS;
    if (count <= 0) continue;
    process.stdout.write(`- ${kind}: due review over ${count} partnerships...\n`);
    due.push(await dueReview(kind, count));
  }
  let language: LanguageResult | undefined;
  if (runLanguage) {
    process.stdout.write('- language understanding...\n');
    // In a process of its own, as the bot would run it: nothing else in its heap or on its event loop.
    language = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join('bench', 'language.ts')], { encoding: 'utf8', env: process.env })) as LanguageResult;
  }
  let startup: StartupResult | undefined;
  if (runStartup) {
    process.stdout.write('- start-up time...\n');
    startup = await measureStartup(BOT_PROCESS);
  }

  process.stdout.write('\nLoad: full self-assessments over HTTP against the echo bot (same server, adapter and storage)\n');
  process.stdout.write(
    table(
      stores.flatMap((s) => [
        { store: s.store, bot: 'toolkit', turns: s.toolkit.turns, 'turns/s': s.toolkit.turnsPerSecond, 'p50 ms': s.toolkit.latencyMs.p50, 'p95 ms': s.toolkit.latencyMs.p95, 'p99 ms': s.toolkit.latencyMs.p99, 'peak RSS MB': s.toolkit.peakRssMb, 'bot CPU ms/turn': s.toolkit.botCpuMsPerTurn, 'load CPU ms/turn': s.toolkit.loadCpuMsPerTurn, errors: s.toolkit.errors, 'ratio to echo': s.ratioToEcho },
        { store: s.store, bot: 'echo', turns: s.echo.turns, 'turns/s': s.echo.turnsPerSecond, 'p50 ms': s.echo.latencyMs.p50, 'p95 ms': s.echo.latencyMs.p95, 'p99 ms': s.echo.latencyMs.p99, 'peak RSS MB': s.echo.peakRssMb, 'bot CPU ms/turn': s.echo.botCpuMsPerTurn, 'load CPU ms/turn': s.echo.loadCpuMsPerTurn, errors: s.echo.errors, 'ratio to echo': 1 },
      ]),
    ) + '\n',
  );
  process.stdout.write('\nStorage round trips per answered card (one officer alone; exact)\n');
  process.stdout.write(
    table(
      stores.map((s) => ({
        store: s.store,
        'questions/card': s.perCard.questionsPerCard,
        'reads/card': s.perCard.reads,
        'queries/card': s.perCard.queries,
        'writes/card': s.perCard.writes,
        'reads+queries/question': Math.round((s.perQuestion.reads + s.perQuestion.queries) * 100) / 100,
        'writes/question': s.perQuestion.writes,
        'by kind (r/q/w per card)': Object.entries(s.byKindPerCard).map(([k, v]) => `${k} ${v.reads}/${v.queries}/${v.writes}`).join(', '),
      })),
    ) + '\n',
  );
  if (due.length > 0) {
    process.stdout.write('\nDue review query (PartnershipRegister.reviewsDueBy, first page of 100)\n');
    process.stdout.write(table(due.map((d) => ({ store: d.store, partnerships: d.partnerships, due: d.due, 'queries/call': d.queriesPerCall, 'docs read/call': d.documentsReadPerCall, 'p50 ms': d.latencyMs.p50, 'p95 ms': d.latencyMs.p95, 'p99 ms': d.latencyMs.p99 }))) + '\n');
  }
  if (startup) {
    process.stdout.write(
      `\nStart-up, process start to the first 200 from /api/health (compiled, median of 3): toolkit ${startup.toolkitMedianMs} ms (${startup.toolkitRuns.join(', ')}); ` +
        `echo bot ${startup.echoMedianMs} ms (${startup.echoRuns.join(', ')})\n`,
    );
  }
  if (language) {
    process.stdout.write(`\nLanguage understanding (every held-out phrasing read 5 times; entities from a register of ${language.partnerships} partnerships)\n`);
    process.stdout.write(
    table([
      {
        messages: language.messages,
        'p50 ms': language.perMessageMs.p50,
        'p95 ms': language.perMessageMs.p95,
        'p99 ms': language.perMessageMs.p99,
        'start-up, saved model ms': language.startupLoadedMs,
        'start-up, training ms': language.startupTrainedMs,
        'names index ms': language.namesBuildMs,
      },
    ]) + '\n',
    );
  }
  const targets = targetsFor(stores, due, startup, language);
  process.stdout.write('\nTargets\n' + table(targets.map((t) => ({ target: t.target, measured: t.measured, result: t.met ? 'met' : 'MISSED (see docs/performance.md)' }))) + '\n');

  const results = { startedAt, machine: { cores: cpus().length, node: process.version, loadAverageAtEnd: loadavg().map((n) => Math.round(n * 100) / 100) }, officers: OFFICERS, stores, dueReview: due, startup, language, targets };
  mkdirSync(join('bench', 'results'), { recursive: true });
  const file = join('bench', 'results', 'latest.json');
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\nWritten ${file}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const clean of scratch) await clean();
  });
