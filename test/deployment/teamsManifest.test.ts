import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, fillManifest, PACKAGE_FILES, TEAMS_APP_DIR } from '../../deployment/teams-app/build-package.js';

const BOT_ID = '0b3b1d5e-1111-4222-8333-944444444444';
const DOMAIN = 'toolkit-bot.azurewebsites.net';
const template = readFileSync(join(TEAMS_APP_DIR, 'manifest.json'), 'utf8');
const manifest = fillManifest(template, { botId: BOT_ID, domain: DOMAIN });
const manifestVersion = String(manifest['manifestVersion']);

/** The official schema for this manifest version, as shipped in @microsoft/app-manifest (read from disk, never fetched). */
function officialSchema(version: string): Record<string, unknown> {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  return JSON.parse(readFileSync(join(packageRoot, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8')) as Record<string, unknown>;
}

/** Width and height from a PNG's IHDR chunk, plus its colour type (6 = RGBA). */
function pngInfo(bytes: Uint8Array): { width: number; height: number; colourType: number } {
  const buffer = Buffer.from(bytes);
  expect(buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG signature').toBe(true);
  expect(buffer.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20), colourType: buffer[25]! };
}

describe('Teams app package', () => {
  it('the manifest is valid against the official Teams schema for its version', async () => {
    expect(manifest['$schema']).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`);
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as never, officialSchema(manifestVersion) as never);
    expect(errors).toEqual([]);
  });

  it('uses the current manifest version (1.30, the newest schema @microsoft/app-manifest ships)', () => {
    const [major, minor] = manifestVersion.split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(30);
  });

  it('the schema check does catch mistakes', async () => {
    const broken = { ...manifest, bots: [{ botId: 'not-a-guid', scopes: ['everywhere'] }] };
    const errors = await AppManifestUtils.validateAgainstSchema(broken as never, officialSchema(manifestVersion) as never);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('puts the bot in personal and team scopes, with the bot id filled in', () => {
    const bots = manifest['bots'] as Array<{ botId: string; scopes: string[] }>;
    expect(bots).toHaveLength(1);
    expect(bots[0]!.botId).toBe(BOT_ID);
    expect(bots[0]!.scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    expect(manifest['id']).toBe(BOT_ID);
    expect(manifest['validDomains']).toEqual([DOMAIN]);
  });

  it('lists the commands the bot understands', () => {
    const lists = (manifest['bots'] as Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>)[0]!.commandLists;
    const personal = lists.find((l) => l.scopes.includes('personal'))!.commands.map((c) => c.title);
    expect(personal).toEqual(
      expect.arrayContaining(['help', 'practice', 'new partnership', 'continue', 'self-assessment for', 'exit interview for', 'due review', 'my partnerships']),
    );
    const team = lists.find((l) => l.scopes.includes('team'))!.commands.map((c) => c.title);
    expect(team).toEqual(expect.arrayContaining(['help', 'due review']));
  });

  it('has a 192 x 192 colour icon and a 32 x 32 transparent outline icon', () => {
    const colour = pngInfo(readFileSync(join(TEAMS_APP_DIR, 'color.png')));
    expect([colour.width, colour.height]).toEqual([192, 192]);
    const outline = pngInfo(readFileSync(join(TEAMS_APP_DIR, 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colourType, 'the outline icon needs an alpha channel (white on transparent)').toBe(6);
  });

  it('builds a zip with exactly the manifest and both icons at its root', () => {
    const files = unzipSync(buildTeamsPackage({ botId: BOT_ID, domain: DOMAIN, version: '1.2.3' }));
    expect(Object.keys(files).sort()).toEqual([...PACKAGE_FILES].sort());
    const packed = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
    expect(packed['version']).toBe('1.2.3');
    expect(JSON.stringify(packed)).not.toContain('{{');
    expect(pngInfo(files['color.png']!).width).toBe(192);
    expect(pngInfo(files['outline.png']!).width).toBe(32);
  });

  it('refuses a bot id or domain that is not one', () => {
    expect(() => fillManifest(template, { botId: 'abc', domain: DOMAIN })).toThrow('must be a GUID');
    expect(() => fillManifest(template, { botId: BOT_ID, domain: 'https://x' })).toThrow('must be a host name');
  });
});
