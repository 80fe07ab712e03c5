import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/storage/sqliteRecordStore.js';
import { PartnershipRegister } from '../../src/partnerships/partnershipRegister.js';
import type { Partnership } from '../../src/partnerships/partnership.js';
import { systemClock } from '../../src/util/clock.js';

/**
 * The register's revision tells caches of names (the language understanding's) when to reload:
 * every change to a name, the officers, the service area, the partners or removal counts, from
 * any kind of change (an update, a correction, an import); a review date or a stage does not.
 */
const dir = mkdtempSync(join(tmpdir(), 'register-revision-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const by = { objectId: 'o-1', name: 'Asha Officer' };

function entry(id: string, name: string): Partnership {
  const now = new Date().toISOString();
  return {
    id, name, purpose: 'Test', partners: [{ name: 'Essex Police' }], leadOfficer: by, officerIds: [by.objectId], ownerId: by.objectId,
    serviceArea: 'communities', statutory: false, priorities: [], councilCashPerYear: 5000, significance: 'medium', overallRisk: 'low',
    startDate: '2023-04-01', nextReviewDue: '2027-03-31', stage: { suggested: 'functioning' }, status: 'active', createdAt: now, updatedAt: now,
  };
}

describe('PartnershipRegister.revision', () => {
  it('goes up for changes to what names are read from, and only for those', async () => {
    const register = new PartnershipRegister(new SqliteRecordStore(join(dir, 'r.db')), systemClock);
    const start = register.revision;
    await register.createOnce(entry('p-1', 'Youth Forum'), by);
    expect(register.revision).toBe(start + 1);
    // The same submission again creates nothing.
    await register.createOnce(entry('p-1', 'Youth Forum'), by);
    expect(register.revision).toBe(start + 1);

    await register.update('p-1', by, 'review.scheduled', (p) => ({ ...p, nextReviewDue: '2028-03-31', stage: { suggested: 'flying' } }));
    expect(register.revision).toBe(start + 1);

    await register.correct('p-1', by, 'register.corrected', (p) => ({ ...p, name: 'Rayleigh Youth Forum' }), { reason: 'Renamed by the board' });
    expect(register.revision).toBe(start + 2);
    await register.update('p-1', by, 'partners.changed', (p) => ({ ...p, partners: [...p.partners, { name: 'Rayleigh Town Council' }] }));
    expect(register.revision).toBe(start + 3);
    await register.update('p-1', by, 'partnership.removed', (p) => ({ ...p, status: 'removed' }));
    expect(register.revision).toBe(start + 4);

    await register.createImported(entry('p-2', 'Community Safety Partnership'), by, 'Imported from the register workbook');
    expect(register.revision).toBe(start + 5);
    expect((await register.all()).map((p) => p.name)).toEqual(['Community Safety Partnership']);
  });
});
