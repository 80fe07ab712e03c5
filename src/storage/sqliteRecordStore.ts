import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  assertFieldPath,
  assertKey,
  pageSizeOf,
  type Condition,
  type RecordKey,
  type RecordPage,
  type RecordQuery,
  type RecordStore,
  type Scalar,
  type StoredRecord,
} from './recordStore.js';
import { RecordConflictError, RecordNotFoundError, StaleRecordError, StorageUnavailableError } from './storageErrors.js';

interface Row {
  kind: string;
  partition: string;
  id: string;
  etag: string;
  updated_at: string;
  body: string;
}

/** Fields the status questions filter and sort on across partitions; indexed so they stay fast at scale. */
const INDEXED_FIELDS = ['status', 'nextReviewDue', 'ownerId', 'updatedAt'];

/**
 * The embedded store for one machine: a single SQLite file that survives restarts.
 * better-sqlite3 is synchronous, so each call is atomic with respect to the others.
 */
export class SqliteRecordStore implements RecordStore {
  readonly name = 'sqlite' as const;
  private db: Database.Database;
  /** Compiling SQL costs more than running these small statements, so each text is compiled once. */
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();
  /**
   * Set when the file could not be written (opened read-only, a read-only or full disk, an I/O
   * error): the next call opens the file again, so the store recovers without a restart once the
   * file is writable. SQLite opens a file it may not write read-only without saying so, and such a
   * connection stays read-only for good (security report L1).
   */
  private reopenWanted = false;

  constructor(private readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = openDatabase(path);
    this.reopenWanted = this.db.readonly;
  }

  async read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    assertKey(key);
    const row = this.run(() =>
      this
        .statement<[string, string, string], Row>('SELECT * FROM records WHERE kind = ? AND partition = ? AND id = ?')
        .get(key.kind, key.partition, key.id),
    );
    return row ? toRecord<T>(row) : undefined;
  }

  async create<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    assertKey(key);
    const row = newRow(key, body);
    this.reopenIfWanted();
    try {
      this
        .statement('INSERT INTO records (kind, partition, id, etag, updated_at, body) VALUES (@kind, @partition, @id, @etag, @updated_at, @body)')
        .run(row);
    } catch (error) {
      if (isSqliteError(error, 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw new RecordConflictError(key);
      throw this.unavailable(error);
    }
    return toRecord<T>(row);
  }

  async replace<T>(key: RecordKey, body: T, etag: string): Promise<StoredRecord<T>> {
    assertKey(key);
    const row = newRow(key, body);
    const result = this.write(() =>
      this
        .statement(
          'UPDATE records SET etag = @etag, updated_at = @updated_at, body = @body WHERE kind = @kind AND partition = @partition AND id = @id AND etag = @expected',
        )
        .run({ ...row, expected: etag }),
    );
    if (result.changes === 0) {
      const exists = await this.read(key);
      throw exists ? new StaleRecordError(key) : new RecordNotFoundError(key);
    }
    return toRecord<T>(row);
  }

  async upsert<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    assertKey(key);
    const row = newRow(key, body);
    this.write(() =>
      this
        .statement(
          `INSERT INTO records (kind, partition, id, etag, updated_at, body) VALUES (@kind, @partition, @id, @etag, @updated_at, @body)
           ON CONFLICT (kind, partition, id) DO UPDATE SET etag = excluded.etag, updated_at = excluded.updated_at, body = excluded.body`,
        )
        .run(row),
    );
    return toRecord<T>(row);
  }

  async delete(key: RecordKey, etag?: string): Promise<boolean> {
    assertKey(key);
    const result = this.write(() =>
      etag === undefined
        ? this.statement('DELETE FROM records WHERE kind = ? AND partition = ? AND id = ?').run(key.kind, key.partition, key.id)
        : this
            .statement('DELETE FROM records WHERE kind = ? AND partition = ? AND id = ? AND etag = ?')
            .run(key.kind, key.partition, key.id, etag),
    );
    if (result.changes === 0 && etag !== undefined && (await this.read(key))) throw new StaleRecordError(key);
    return result.changes > 0;
  }

  async query<T>(query: RecordQuery): Promise<RecordPage<T>> {
    const pageSize = pageSizeOf(query);
    const offset = decodeContinuation(query.continuation);
    const clauses = ['kind = ?'];
    const params: unknown[] = [query.kind];
    if (query.partition !== undefined) {
      clauses.push('partition = ?');
      params.push(query.partition);
    }
    for (const condition of query.where ?? []) {
      const [sql, values] = conditionSql(condition);
      clauses.push(sql);
      params.push(...values);
    }
    let order = 'partition ASC, id ASC';
    if (query.orderBy) {
      assertFieldPath(query.orderBy.field);
      const direction = query.orderBy.direction === 'desc' ? 'DESC' : 'ASC';
      order = `json_extract(body, '$.${query.orderBy.field}') ${direction}, ${order}`;
    }
    // One row more than asked tells us whether another page follows.
    const rows = this.run(() =>
      this
        .statement<unknown[], Row>(`SELECT * FROM records WHERE ${clauses.join(' AND ')} ORDER BY ${order} LIMIT ? OFFSET ?`)
        .all(...params, pageSize + 1, offset),
    );
    const more = rows.length > pageSize;
    return {
      items: rows.slice(0, pageSize).map((r) => toRecord<T>(r)),
      continuation: more ? encodeContinuation(offset + pageSize) : undefined,
    };
  }

  async ping(): Promise<void> {
    this.run(() => this.statement('SELECT 1').get());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private statement<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Database.Statement<P extends unknown[] ? P : [P], R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      // Query texts vary with their conditions; a bound keeps a stray caller from growing this without end.
      if (this.statements.size >= 200) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P extends unknown[] ? P : [P], R>;
  }

  /** A write first opens the file again if the last call found it unwritable. */
  private write<R>(fn: () => R): R {
    this.reopenIfWanted();
    return this.run(fn);
  }

  private run<R>(fn: () => R): R {
    try {
      return fn();
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  /** A failure of the file itself (not of a statement) asks for the file to be opened again. */
  private unavailable(error: unknown): Error {
    if (isFileFailure(error)) this.reopenWanted = true;
    return unavailable(error);
  }

  /**
   * Opens the file again when the last call found it unwritable. Only writes (and the readiness
   * probe's) pay for it, about a millisecond each while the file stays unwritable; reads go on
   * through the old connection. A failed reopen keeps the old connection, which can still read.
   */
  private reopenIfWanted(): void {
    if (!this.reopenWanted || this.path === ':memory:' || !this.db.open) return;
    let fresh: Database.Database;
    try {
      fresh = openDatabase(this.path);
    } catch {
      return;
    }
    this.db.close();
    this.db = fresh;
    this.statements.clear();
    this.reopenWanted = fresh.readonly;
  }
}

/** Opens the file in WAL mode with the records table and its indexes (created when missing). */
function openDatabase(path: string): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`
      CREATE TABLE IF NOT EXISTS records (
        kind TEXT NOT NULL,
        partition TEXT NOT NULL,
        id TEXT NOT NULL,
        etag TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (kind, partition, id)
      ) WITHOUT ROWID;
    `);
    for (const field of INDEXED_FIELDS) {
      db.exec(`CREATE INDEX IF NOT EXISTS records_kind_${field} ON records (kind, json_extract(body, '$.${field}'))`);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** SQLite's codes for a file that cannot be written or read as such: read-only, full, I/O, cannot open, corrupt. */
function isFileFailure(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^SQLITE_(READONLY|FULL|IOERR|CANTOPEN|CORRUPT|NOTADB|PERM)/.test(code);
}

function newRow(key: RecordKey, body: unknown): Row {
  return {
    kind: key.kind,
    partition: key.partition,
    id: key.id,
    etag: randomUUID(),
    updated_at: new Date().toISOString(),
    body: JSON.stringify(body),
  };
}

function toRecord<T>(row: Row): StoredRecord<T> {
  return {
    kind: row.kind,
    partition: row.partition,
    id: row.id,
    etag: row.etag,
    updatedAt: row.updated_at,
    body: JSON.parse(row.body) as T,
  };
}

function sqlValue(value: Scalar): unknown {
  // json_extract yields 1/0 for JSON booleans.
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function conditionSql(condition: Condition): [string, unknown[]] {
  assertFieldPath(condition.field);
  const path = `'$.${condition.field}'`;
  const field = `json_extract(body, ${path})`;
  switch (condition.op) {
    case 'in':
      if (condition.value.length === 0) return ['0', []];
      return [`${field} IN (${condition.value.map(() => '?').join(', ')})`, condition.value.map(sqlValue)];
    case 'arrayContains':
      return [`EXISTS (SELECT 1 FROM json_each(body, ${path}) WHERE json_each.value = ?)`, [sqlValue(condition.value)]];
    case 'startsWith':
      return [`substr(${field}, 1, ?) = ?`, [condition.value.length, condition.value]];
    case '=':
      return condition.value === null ? [`${field} IS NULL`, []] : [`${field} = ?`, [sqlValue(condition.value)]];
    case '!=':
      return condition.value === null ? [`${field} IS NOT NULL`, []] : [`${field} != ?`, [sqlValue(condition.value)]];
    default:
      return [`${field} ${condition.op} ?`, [sqlValue(condition.value)]];
  }
}

function encodeContinuation(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeContinuation(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw new Error('Invalid continuation token');
}

function isSqliteError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === code;
}

function unavailable(error: unknown): Error {
  return new StorageUnavailableError('The embedded database did not answer', { cause: error });
}
