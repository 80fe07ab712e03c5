import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// The named import: the default export resolves differently under Node and vitest.
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { CosmosSettings } from '../../src/config/config.js';

/** The Cosmos emulator's published key; the fake server accepts any key, but the SDK needs a well-formed one. */
export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface FakeCosmos {
  endpoint: string;
  key: string;
  /** Settings for a database of its own (random name unless given), so tests never see each other's records. */
  settings(database?: string): CosmosSettings;
  /**
   * Answers the next `count` document requests with 429 (request rate too large) and a short
   * x-ms-retry-after-ms, as Cosmos does when throttling; the server itself never throttles.
   */
  throttleNext(count: number): void;
  /** Document requests answered with 429 so far. */
  readonly throttled: number;
  /**
   * While on, every document write (create, replace, upsert, delete) is answered 503 and
   * nothing is written; reads and queries still work: a store that reads but refuses writes.
   */
  refuseWrites(on: boolean): void;
  /** Document writes refused so far. */
  readonly refusedWrites: number;
  close(): Promise<void>;
}

/**
 * An in-memory Cosmos DB (@vercel/cosmosdb-server) on an ephemeral loopback port.
 * Its bundled certificate is self-signed and expired, hence allowSelfSignedCertificate.
 */
export async function startFakeCosmos(): Promise<FakeCosmos> {
  // Without keepAlive the server answers `connection: close`, and every request pays a TLS handshake.
  const server = createHttpsServer({ keepAlive: true });
  let throttleCount = 0;
  let throttled = 0;
  let refusingWrites = false;
  let refusedWrites = 0;
  const serve = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (throttleCount > 0 && /\/docs/.test(req.url ?? '')) {
      throttleCount--;
      throttled++;
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'x-ms-retry-after-ms': '5', 'x-ms-substatus': '3200' });
      res.end(JSON.stringify({ code: 'TooManyRequests', message: 'Request rate is large.' }));
      return;
    }
    // A query is a POST to /docs too, marked by its header; anything else there is a write.
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD' && req.headers['x-ms-documentdb-isquery'] === undefined;
    if (refusingWrites && isWrite && /\/docs/.test(req.url ?? '')) {
      refusedWrites++;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'ServiceUnavailable', message: 'The service is refusing writes.' }));
      return;
    }
    for (const listener of serve) listener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `https://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;

  return {
    endpoint,
    key: EMULATOR_KEY,
    settings(database?: string): CosmosSettings {
      return {
        kind: 'cosmos',
        endpoint,
        key: EMULATOR_KEY,
        database: database ?? `test-${randomUUID()}`,
        container: 'records',
        allowSelfSignedCertificate: true,
      };
    },
    throttleNext(count: number): void {
      throttleCount = count;
    },
    get throttled() {
      return throttled;
    },
    refuseWrites(on: boolean): void {
      refusingWrites = on;
    },
    get refusedWrites() {
      return refusedWrites;
    },
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive; close() alone would wait for them to time out.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
