import { yearKey } from '../domain/assessmentYear.js';
import { changeRecord } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { PersonRef } from '../partnerships/partnership.js';

const ROUND = 'annual-round';
const PARTITION = 'annual-rounds';

/** The SPO's annual round for one council year: when it started and who was invited for each partnership. */
export interface AnnualRound {
  id: string;
  year: string;
  startedAt: string;
  startedBy: PersonRef;
  /** Partnership id to the object ids of every officer named on it when invited. */
  invited: Record<string, string[]>;
}

/** Annual rounds, one record a year; starting the round again adds whoever was named since. */
export class AnnualRounds {
  constructor(private readonly store: RecordStore) {}

  async get(year: string): Promise<AnnualRound | undefined> {
    return (await this.store.read<AnnualRound>(key(year)))?.body;
  }

  /** Records the invitations; the first start's date stands (escalation counts from it). */
  async recordInvitations(year: string, by: PersonRef, at: string, invited: Record<string, string[]>): Promise<AnnualRound> {
    const { after } = await changeRecord<AnnualRound>(this.store, key(year), (existing) => {
      const merged: Record<string, string[]> = { ...(existing?.invited ?? {}) };
      for (const [partnershipId, ids] of Object.entries(invited)) merged[partnershipId] = [...new Set([...(merged[partnershipId] ?? []), ...ids])];
      return { id: yearKey(year), year, startedAt: existing?.startedAt ?? at, startedBy: existing?.startedBy ?? by, invited: merged };
    });
    return after!;
  }

  /** Every round, latest year first. */
  async all(): Promise<AnnualRound[]> {
    const page = await this.store.query<AnnualRound>({ kind: ROUND, partition: PARTITION, pageSize: 100 });
    return page.items.map((r) => r.body).sort((a, b) => b.year.localeCompare(a.year));
  }
}

function key(year: string): RecordKey {
  return { kind: ROUND, partition: PARTITION, id: yearKey(year) };
}
