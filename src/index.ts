import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

/**
 * Process entry point. Two things must happen before the bot's modules are loaded, so they are
 * here and the bot itself (src/main.ts) is imported only after them:
 * - Node's compile cache: loading modules is most of start-up (docs/performance.md), and with the
 *   cache a restart or a new instance reuses the code compiled by the last start (kept in the
 *   system temporary folder, or NODE_COMPILE_CACHE).
 * - telemetry, when APPLICATIONINSIGHTS_CONNECTION_STRING is set: OpenTelemetry instruments the
 *   HTTP modules as they load, and without a connection string none of it is loaded at all.
 */
enableCompileCache?.();

// A local .env is a convenience for developers; real deployments set the environment.
if (existsSync('.env')) process.loadEnvFile('.env');

await import('./main.js');
