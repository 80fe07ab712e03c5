/**
 * The one storage interface. Every record the bot keeps (partnerships, drafts,
 * people, bot state) goes through it, and two adapters implement it: SQLite for
 * one machine and Azure Cosmos DB for production. Both pass test/contract.
 */

/** Records of one partition are stored together (in Cosmos, one logical partition). */
export interface RecordKey {
  kind: string;
  partition: string;
  id: string;
}

export interface StoredRecord<T> extends RecordKey {
  /** Opaque version tag; pass it back to replace or delete to refuse stale writes. */
  etag: string;
  updatedAt: string;
  body: T;
}

export type Scalar = string | number | boolean | null;

/** A condition on a field of the record body; `field` is a dotted path such as `lead.objectId`. */
export type Condition =
  | { field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Scalar }
  | { field: string; op: 'in'; value: Scalar[] }
  | { field: string; op: 'arrayContains'; value: Scalar }
  | { field: string; op: 'startsWith'; value: string };

export interface RecordQuery {
  kind: string;
  /** Restrict to one partition: cheap. Without it the query spans partitions. */
  partition?: string;
  where?: Condition[];
  orderBy?: { field: string; direction?: 'asc' | 'desc' };
  /** Page size; defaults to 100, at most 1000. */
  pageSize?: number;
  continuation?: string;
}

export interface RecordPage<T> {
  items: StoredRecord<T>[];
  /** Present when more results follow; pass it back in the next query. */
  continuation?: string;
}

export interface RecordStore {
  readonly name: 'sqlite' | 'cosmos';
  read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined>;
  /** Fails with RecordConflictError if the record exists. */
  create<T>(key: RecordKey, body: T): Promise<StoredRecord<T>>;
  /** Fails with StaleRecordError if `etag` is not the current one, RecordNotFoundError if absent. */
  replace<T>(key: RecordKey, body: T, etag: string): Promise<StoredRecord<T>>;
  /** Writes whatever is there. Only for data where last writer wins by design (bot state). */
  upsert<T>(key: RecordKey, body: T): Promise<StoredRecord<T>>;
  /** Returns false when nothing was there. With `etag`, refuses to delete a newer version. */
  delete(key: RecordKey, etag?: string): Promise<boolean>;
  query<T>(query: RecordQuery): Promise<RecordPage<T>>;
  /** Throws if the store cannot answer; used by the health check. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const KEY_PART = /^[^/\\?#\u0000-\u001f]{1,200}$/;

/** Field paths are spliced into SQL, so only plain identifiers are allowed. */
export function assertFieldPath(field: string): void {
  if (!FIELD_PATH.test(field)) throw new Error(`Invalid field path: ${JSON.stringify(field)}`);
}

/** Cosmos forbids / \ ? # in ids; both adapters apply the same rule so they behave alike. */
export function assertKey(key: RecordKey): void {
  for (const part of ['kind', 'partition', 'id'] as const) {
    if (!KEY_PART.test(key[part])) throw new Error(`Invalid record ${part}: ${JSON.stringify(key[part])}`);
  }
}

export function pageSizeOf(query: RecordQuery): number {
  const size = query.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new Error(`Invalid page size: ${size}`);
  return size;
}
