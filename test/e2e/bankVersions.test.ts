import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/logging/logger.js';
import { startTestBot, textsOf } from '../support/botHarness.js';
import { loadBank, readDraft, seedDraft } from '../support/questionnaireDriver.js';
import { testUser } from '../support/teamsActivities.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

describe('question bank versions across a redeploy', () => {
  it('finishes a draft on the version it started on, while new drafts get the new version', async () => {
    const banks = mkdtempSync(join(tmpdir(), 'banks-'));
    cpSync(join(fixture('banks'), 'engine.v1.json'), join(banks, 'engine.v1.json'));
    const bot = await startTestBot({ env: { BANKS_DIR: banks } });
    try {
      const officer = testUser('Redeploy', 3001);
      const draft = await seedDraft(bot, officer, loadBank(banks, 'engine'), 'yn');
      const chat = bot.chat(officer);
      expect(textsOf(await chat.submit({ resume: draft.id }))).toContain('Is the sky blue?');

      // The redeploy brings version 2 of the bank.
      cpSync(join(fixture('banks-v2'), 'engine.v2.json'), join(banks, 'engine.v2.json'));
      await bot.restart();

      const next = await chat.say('yes');
      expect(textsOf(next)).toContain('Describe the partnership');
      expect(textsOf(next)).not.toContain('(v2)');
      const stored = await readDraft(bot, officer, draft.id);
      expect(stored.bankVersion).toBe(1);
      expect(stored.answers['yn']).toBe('yes');

      const fresh = await seedDraft(bot, testUser('New Draft', 3002), loadBank(banks, 'engine'), 'yn');
      expect(fresh.bankVersion).toBe(2);
    } finally {
      await bot.close();
      rmSync(banks, { recursive: true, force: true });
    }
  });

  it('refuses to start when a bank has a mistake, naming the file and the question', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: ':memory:', BANKS_DIR: fixture('banks-broken') });
    await expect(startApp({ config, logger: silentLogger() })).rejects.toThrow(/engine\.v1\.json: question choice: its condition refers to "nope"/);
  });
});
