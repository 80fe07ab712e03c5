import { decideRecordChange, type Decision } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { Draft } from './draft.js';

const KIND = 'draft';

export interface VersionedDraft {
  draft: Draft;
  etag: string;
}

/**
 * Drafts are kept per officer (one partition each), so finding someone's
 * unfinished questionnaires never scans other people's records.
 */
export class DraftRepository {
  constructor(private readonly store: RecordStore) {}

  async create(draft: Draft): Promise<VersionedDraft> {
    const record = await this.store.create(keyOf(draft.ownerId, draft.id), draft);
    return { draft: record.body, etag: record.etag };
  }

  async get(ownerId: string, draftId: string): Promise<VersionedDraft | undefined> {
    const record = await this.store.read<Draft>(keyOf(ownerId, draftId));
    return record ? { draft: record.body, etag: record.etag } : undefined;
  }

  /** Saves a changed draft; throws StaleRecordError if it changed since `etag` was read. */
  async save(draft: Draft, etag: string): Promise<VersionedDraft> {
    const record = await this.store.replace(keyOf(draft.ownerId, draft.id), draft, etag);
    return { draft: record.body, etag: record.etag };
  }

  /**
   * Decides on the current draft and saves the draft the decision returns, with the
   * draft's etag. If someone else saved first (a double submit on another instance),
   * the decision is made again on their version, so it must not write or send anything;
   * the result of the decision that was saved comes back.
   */
  async change<R>(ownerId: string, draftId: string, decide: (draft: Draft | undefined) => Decision<Draft, R>): Promise<R> {
    return (await decideRecordChange(this.store, keyOf(ownerId, draftId), decide)).result;
  }

  async inProgress(ownerId: string): Promise<Draft[]> {
    const page = await this.store.query<Draft>({
      kind: KIND,
      partition: partitionOf(ownerId),
      where: [{ field: 'status', op: '=', value: 'inProgress' }],
      orderBy: { field: 'updatedAt', direction: 'desc' },
      pageSize: 50,
    });
    return page.items.map((r) => r.body);
  }

  /**
   * Everyone's unfinished drafts last changed before `before` (an ISO timestamp), longest
   * idle first, a page at a time. Spans partitions; status and updatedAt are indexed.
   */
  async idleSince(before: string, page: { pageSize?: number; continuation?: string } = {}): Promise<{ items: Draft[]; continuation?: string }> {
    const result = await this.store.query<Draft>({
      kind: KIND,
      where: [
        { field: 'status', op: '=', value: 'inProgress' },
        { field: 'updatedAt', op: '<', value: before },
      ],
      orderBy: { field: 'updatedAt', direction: 'asc' },
      pageSize: page.pageSize ?? 100,
      ...(page.continuation ? { continuation: page.continuation } : {}),
    });
    return { items: result.items.map((r) => r.body), ...(result.continuation ? { continuation: result.continuation } : {}) };
  }
}

function partitionOf(ownerId: string): string {
  return `owner:${ownerId}`;
}

function keyOf(ownerId: string, draftId: string): RecordKey {
  return { kind: KIND, partition: partitionOf(ownerId), id: draftId };
}
