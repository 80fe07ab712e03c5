import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textsOf, type TestBot } from '../support/botHarness.js';
import { testUser } from '../support/teamsActivities.js';
import { ReferenceDataError } from '../../src/config/referenceData.js';

const dir = mkdtempSync(join(tmpdir(), 'reference-'));
const areas = JSON.parse(readFileSync('config/service-areas.json', 'utf8')) as { areas: Array<Record<string, unknown>> };

function write(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
}

describe('reference data as validated configuration', () => {
  let bot: TestBot;
  const file = write('service-areas.json', { areas: areas.areas.map((a) => (a['id'] === 'housing' ? { ...a, assistantDirectors: ['hana.housing@rochford.gov.uk'] } : a)) });

  beforeAll(async () => {
    bot = await startTestBot({ env: { SERVICE_AREAS_FILE: file } });
  }, 60_000);
  afterAll(async () => bot.close());

  it('an Assistant Director named in the service areas file holds the role for that area (audited), and a removal sticks across restarts', async () => {
    const ads = await bot.app.people.listWithRole('ad');
    expect(ads.map((p) => [p.objectId, p.areas])).toEqual([['email:hana.housing@rochford.gov.uk', ['housing']]]);
    expect((await bot.app.people.roleChanges()).at(-1)).toMatchObject({ by: { name: 'The service areas file' }, note: 'Assistant Director for Housing, named in the service areas file' });
    await bot.app.people.changeRoles('email:hana.housing@rochford.gov.uk', { objectId: 'spo', name: 'SPO' }, () => ({ roles: ['officer'], areas: [] }), 'removed');
    await bot.restart();
    expect(await bot.app.people.listWithRole('ad')).toEqual([]);
  });

  it('the service area labels come from the file', async () => {
    const spo = testUser('Jo Bloggs', 7701);
    await bot.chat(spo).say('hello');
    await bot.app.people.setRoles(spo.objectId, ['spo']);
    expect(textsOf(await bot.chat(spo).say('make Jo Bloggs assistant director for finance'))).toContain('Assistant Director for Resources (finance, assets, legal)');
  });

  it.each([
    ['a service area without a label', 'SERVICE_AREAS_FILE', { areas: [{ id: 'communities' }] }, 'area 1 (communities), field label'],
    ['a bank offering a service area the file lacks', 'SERVICE_AREAS_FILE', { areas: [{ id: 'communities', label: 'Communities' }] }, 'offers "place", which the file does not list'],
    ['a kind of risk with a bad id', 'RISK_CATEGORIES_FILE', { categories: [{ id: 'Money Risk', label: 'Money' }] }, 'risk category 1 (Money Risk), field id'],
    ['a current plan that does not exist', 'PRIORITIES_FILE', { current: 3, plans: [{ version: 1, name: 'Plan', priorities: [{ id: 'a', label: 'A' }] }] }, 'current is 3, but there is no plan with that version'],
  ])('start-up refuses %s with one line naming the file and the entry', async (_what, setting, body, message) => {
    const path = write(`${setting}.json`, body);
    const started = startTestBot({ env: { [setting]: path } });
    await expect(started).rejects.toThrow(ReferenceDataError);
    await expect(started).rejects.toThrow(`${path}: `);
    await expect(started).rejects.toThrow(message);
  });
});
