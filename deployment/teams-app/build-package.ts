import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';

/**
 * Builds the Teams app package (manifest.json, color.png, outline.png in one zip) for a
 * deployment: the template's placeholders are filled with that deployment's bot id and domain.
 *
 *   npm run package:teams -- --bot-id <guid> [--domain <host>] [--app-id <guid>] [--version 1.0.1] [--out <file>]
 *
 * MICROSOFT_APP_ID and BOT_DOMAIN in the environment serve when the options are not given.
 */

export const TEAMS_APP_DIR = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;

export interface PackageOptions {
  /** The Azure Bot's Microsoft App ID. */
  botId: string;
  /** The Teams app's own id; the bot id unless the council keeps a separate one. */
  appId?: string;
  /** Host name of the Web App, e.g. toolkit-bot.azurewebsites.net. */
  domain: string;
  /** Teams refuses an update whose version is not higher than the installed one. */
  version?: string;
}

export function fillManifest(template: string, options: PackageOptions): Record<string, unknown> {
  if (!GUID.test(options.botId)) throw new Error(`The bot id must be a GUID (the Azure Bot's Microsoft App ID), not "${options.botId}"`);
  const appId = options.appId ?? options.botId;
  if (!GUID.test(appId)) throw new Error(`The Teams app id must be a GUID, not "${appId}"`);
  if (!HOST.test(options.domain)) throw new Error(`The domain must be a host name such as toolkit-bot.azurewebsites.net, not "${options.domain}"`);
  if (options.version !== undefined && !SEMVER.test(options.version)) throw new Error(`The version must look like 1.0.1, not "${options.version}"`);
  const filled = template
    .replaceAll('{{BOT_ID}}', options.botId)
    .replaceAll('{{TEAMS_APP_ID}}', appId)
    .replaceAll('{{BOT_DOMAIN}}', options.domain);
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  if (options.version) manifest['version'] = options.version;
  const left = /\{\{[A-Z_]+\}\}/.exec(JSON.stringify(manifest));
  if (left) throw new Error(`manifest.json still has the placeholder ${left[0]}`);
  return manifest;
}

/** The zip's bytes: the three files at the root, as Teams expects. */
export function buildTeamsPackage(options: PackageOptions, directory = TEAMS_APP_DIR): Uint8Array {
  const manifest = fillManifest(readFileSync(join(directory, 'manifest.json'), 'utf8'), options);
  return zipSync({
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': readFileSync(join(directory, 'color.png')),
    'outline.png': readFileSync(join(directory, 'outline.png')),
  });
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'bot-id': { type: 'string' },
      'app-id': { type: 'string' },
      domain: { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const botId = values['bot-id'] ?? process.env['MICROSOFT_APP_ID'];
  const domain = values.domain ?? process.env['BOT_DOMAIN'];
  if (!botId || !domain) {
    process.stderr.write('Usage: npm run package:teams -- --bot-id <Microsoft App ID> --domain <web app host name> [--app-id <guid>] [--version 1.0.1] [--out file.zip]\n');
    process.exit(2);
  }
  const out = resolve(values.out ?? join(TEAMS_APP_DIR, '..', 'build', 'partnership-toolkit-teams-app.zip'));
  const bytes = buildTeamsPackage({ botId, domain, appId: values['app-id'], version: values.version });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  process.stdout.write(`Teams app package written to ${out}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
