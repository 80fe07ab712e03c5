import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

/**
 * Process entry point. Node's compile cache must be on before the bot's modules are loaded, so it
 * is switched on here and the bot itself (src/main.ts) is imported only after it: loading modules
 * is most of start-up (docs/performance.md), and with the cache a restart reuses the code compiled
 * by the last start (kept in the system temporary folder, or NODE_COMPILE_CACHE).
 */
enableCompileCache?.();

// A local .env is a convenience for developers; real deployments set the environment.
if (existsSync('.env')) process.loadEnvFile('.env');

await import('./main.js');
