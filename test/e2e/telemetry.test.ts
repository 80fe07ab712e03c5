import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCosmosRecordStore } from '../../src/storage/cosmosRecordStore.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { FaultyStore } from '../support/faultyStore.js';
import { startFakeCosmos, type FakeCosmos } from '../support/fakeCosmos.js';
import { testUser } from '../support/teamsActivities.js';

/**
 * Operators can see what happens (issue 20): with a connection string set, every turn is one
 * trace in Application Insights, with a span for each storage call and the reference an officer
 * is given when a turn fails; nothing an officer typed, and no name, reaches it. The ingestion
 * endpoint is a small local HTTP server that keeps what the Azure Monitor exporter sends.
 */

interface Envelope {
  name: string;
  tags: Record<string, string>;
  data: { baseType: string; baseData: { id: string; name: string; success?: boolean; properties?: Record<string, string>; type?: string } };
}

interface Collector {
  endpoint: string;
  envelopes: Envelope[];
  /** Every byte received, decompressed, to search for what must never be there. */
  raw: string[];
  close(): Promise<void>;
}

async function startCollector(): Promise<Collector> {
  const envelopes: Envelope[] = [];
  const raw: string[] = [];
  // Application Insights is reached over HTTPS only (the exporter turns http:// into https://): the
  // Cosmos test server's self-signed certificate serves here too.
  const certDir = dirname(createRequire(import.meta.url).resolve('@vercel/cosmosdb-server/package.json'));
  const tls = { cert: readFileSync(join(certDir, 'cert.pem')), key: readFileSync(join(certDir, 'key.pem')) };
  const server: Server = createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8');
      raw.push(text);
      let received = 0;
      if (req.url?.startsWith('/v2.1/track') && text) {
        const items = JSON.parse(text) as Envelope[];
        envelopes.push(...items);
        received = items.length;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: received, itemsAccepted: received, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}/`,
    envelopes,
    raw,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const OFFICER = testUser('Tamsin Quillfeather', 8301);
const TYPED_SECRET = 'Zanzibar marmalade forty-seven';

describe.each(['sqlite', 'cosmos'] as const)('telemetry to Application Insights (%s store)', (storeKind) => {
  let collector: Collector;
  let bot: TestBot;
  let cosmos: FakeCosmos | undefined;
  let faulty: FaultyStore;
  let dataDir: string;
  const replies: string[] = [];
  let turnsSent = 0;

  beforeAll(async () => {
    // Only the bot's own traces: the exporter's usage statistics would go to Microsoft's endpoints.
    process.env['APPLICATION_INSIGHTS_NO_STATSBEAT'] = 'true';
    process.env['APPLICATIONINSIGHTS_SDKSTATS_DISABLED'] = 'true';
    collector = await startCollector();
    dataDir = mkdtempSync(join(tmpdir(), 'toolkit-telemetry-'));
    let inner: RecordStore;
    if (storeKind === 'cosmos') {
      cosmos = await startFakeCosmos();
      inner = await openCosmosRecordStore(cosmos.settings());
    } else {
      inner = new SqliteRecordStore(join(dataDir, 'toolkit.db'));
    }
    faulty = new FaultyStore(inner);
    bot = await startTestBot({
      store: faulty,
      telemetryAgent: new Agent({ rejectUnauthorized: false }),
      env: { APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=11111111-2222-4333-8444-555555555555;IngestionEndpoint=${collector.endpoint}` },
    });
    const chat = bot.chat(OFFICER);
    const say = async (text: string) => {
      turnsSent++;
      replies.push(textsOf(await chat.say(text)));
    };
    await say('hello');
    await say('practice');
    await say('yes');
    await say(TYPED_SECRET);
    // A turn that fails: the officer is given a reference, and operators find the same one.
    faulty.goDown();
    await say('carry on');
    faulty.comeBack();
    // Closing sends what the exporter still holds.
    await bot.close();
  }, 120_000);
  afterAll(async () => {
    await faulty?.close();
    await cosmos?.close();
    await collector?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const requests = () => collector.envelopes.filter((e) => e.data.baseType === 'RequestData' && e.data.baseData.name === 'turn');
  const dependencies = () => collector.envelopes.filter((e) => e.data.baseType === 'RemoteDependencyData');

  it('sends one trace per turn, each with its own operation id', () => {
    expect(requests()).toHaveLength(turnsSent);
    expect(new Set(requests().map((r) => r.tags['ai.operation.id'])).size).toBe(turnsSent);
    for (const request of requests()) expect(request.data.baseData.properties?.['toolkit.activity.type']).toBe('message');
  });

  it('puts every storage call of a turn in that turn trace, as a child span naming the store and the record kind', () => {
    const turnIds = new Set(requests().map((r) => r.tags['ai.operation.id']));
    // The recovery sweep (start-up, then on a timer) reads storage outside any turn, each part in a trace of its own.
    const sweepIds = new Set(dependencies().filter((d) => d.data.baseData.name.startsWith('recovery sweep: ')).map((d) => d.tags['ai.operation.id']));
    const storage = dependencies().filter((d) => d.data.baseData.name.startsWith('storage '));
    expect(storage.filter((s) => turnIds.has(s.tags['ai.operation.id']!)).length).toBeGreaterThan(turnsSent);
    for (const span of storage) {
      expect(turnIds.has(span.tags['ai.operation.id']!) || sweepIds.has(span.tags['ai.operation.id']!), `${span.data.baseData.name} belongs to a turn or a recovery sweep`).toBe(true);
      expect(span.data.baseData.properties?.['toolkit.record.kind']).toMatch(/^[a-z-]+$/);
    }
    // Each successful turn read something from storage (the person at least).
    for (const request of requests().filter((r) => r.data.baseData.success !== false)) {
      const id = request.tags['ai.operation.id'];
      const own = storage.filter((s) => s.tags['ai.operation.id'] === id);
      expect(own.length, `turn ${id} has storage spans`).toBeGreaterThan(0);
      expect(own.every((s) => s.tags['ai.operation.parentId'] === request.data.baseData.id || storage.some((p) => p.data.baseData.id === s.tags['ai.operation.parentId']))).toBe(true);
    }
    expect(storage.some((s) => s.data.baseData.properties?.['toolkit.record.kind'] === 'draft')).toBe(true);
  });

  it('marks the failed turn with the reference the officer was given', () => {
    const reference = /Reference ([0-9a-f]{8})/.exec(replies.at(-1) ?? '')?.[1];
    expect(reference).toBeDefined();
    const failed = requests().filter((r) => r.data.baseData.success === false);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.data.baseData.properties?.['toolkit.reference']).toBe(reference);
    expect(failed[0]!.data.baseData.properties?.['toolkit.error.type']).toBe('StorageUnavailableError');
  });

  it('records which verb each turn ran', () => {
    const verbs = requests().map((r) => r.data.baseData.properties?.['toolkit.verb']).filter(Boolean);
    expect(verbs).toContain('startPractice');
  });

  it('sends nothing an officer typed and no name or identifier of a person or conversation', () => {
    const everything = collector.raw.join('\n');
    expect(everything.length).toBeGreaterThan(0);
    for (const secret of [TYPED_SECRET, 'Zanzibar', 'marmalade', OFFICER.name, 'Quillfeather', OFFICER.objectId, 'carry on']) {
      expect(everything, secret).not.toContain(secret);
    }
    expect(everything).not.toMatch(/a:[0-9a-f-]{36}/);
  });
});

describe('telemetry that cannot start', () => {
  it('leaves the bot serving, without traces, when the connection string is malformed', async () => {
    const bot = await startTestBot({ env: { APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=not-a-key' } });
    try {
      expect(textsOf(await bot.chat(testUser('Robin Untraced', 8302)).say('help'))).toContain('What I can help with');
    } finally {
      await bot.close();
    }
  });
});
