import { randomUUID } from 'node:crypto';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { PersonRef } from '../partnerships/partnership.js';
import type { Clock } from '../util/clock.js';

const REPORT = 'report';
const PARTITION = 'reports';

/**
 * A report as it was produced, kept as a record of what went to Leadership Team,
 * an Assistant Director or a committee: who produced it, when, for which meeting.
 * The sharing link to it expires; this copy does not, and a fresh link is made
 * from it whenever someone who may read it asks.
 */
export interface ArchivedReport {
  id: string;
  kind: 'annual' | 'committee';
  title: string;
  year: string;
  /** An Assistant Director's report covers only these service areas; absent: the whole register. */
  areas?: string[];
  /** The meeting it was produced for, e.g. "Audit and Governance Committee, 14 July 2027". */
  meeting?: string;
  fileName: string;
  content: string;
  producedBy: PersonRef;
  producedAt: string;
}

export class ReportArchive {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
  ) {}

  async keep(report: Omit<ArchivedReport, 'id' | 'producedAt'>): Promise<ArchivedReport> {
    const record: ArchivedReport = { ...report, id: randomUUID(), producedAt: this.clock.now().toISOString() };
    await this.store.create(key(record.id), record);
    return record;
  }

  async get(id: string): Promise<ArchivedReport | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    return (await this.store.read<ArchivedReport>(key(id)))?.body;
  }

  /** Reports produced on or after the instant, newest first (the content left out). */
  async producedSince(since: string): Promise<Array<Omit<ArchivedReport, 'content'>>> {
    const page = await this.store.query<ArchivedReport>({ kind: REPORT, partition: PARTITION, where: [{ field: 'producedAt', op: '>=', value: since }], orderBy: { field: 'producedAt', direction: 'desc' }, pageSize: 200 });
    return page.items.map(({ body: { content: _content, ...rest } }) => rest);
  }
}

function key(id: string): RecordKey {
  return { kind: REPORT, partition: PARTITION, id };
}
