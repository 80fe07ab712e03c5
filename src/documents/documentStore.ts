import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { PersonRef } from '../partnerships/partnership.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { Clock } from '../util/clock.js';

const DOCUMENT = 'document';
/**
 * Cosmos DB refuses items over 2 MB; stay clear of it with room for the
 * record's own fields. A register of a few hundred partnerships is far below.
 */
export const MAX_DOCUMENT_CHARS = 1_800_000;

/** A generated file the bot serves from its own address for a limited time. */
export interface StoredDocument {
  id: string;
  title: string;
  /** Offered to the browser as the file name to save. */
  fileName: string;
  contentType: 'text/csv; charset=utf-8' | 'text/html; charset=utf-8' | typeof XLSX_CONTENT_TYPE;
  /** Downloaded (CSV) or shown in the browser (the report). */
  disposition: 'attachment' | 'inline';
  /** The file: text, or base64 for a binary file (an Excel workbook). */
  content: string;
  encoding?: 'base64';
  /** SHA-256 of the link's token: the store never holds a working link. */
  tokenHash: string;
  createdBy: PersonRef;
  createdAt: string;
  expiresAt: string;
}

export type NewDocument = Pick<StoredDocument, 'title' | 'fileName' | 'contentType' | 'disposition' | 'content' | 'createdBy'> & { encoding?: 'base64' };

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The bytes a stored document is served as. */
export function documentBytes(doc: Pick<StoredDocument, 'content' | 'encoding'>): Buffer {
  return Buffer.from(doc.content, doc.encoding === 'base64' ? 'base64' : 'utf8');
}

export class DocumentTooLargeError extends Error {
  override readonly name = 'DocumentTooLargeError';
}

/**
 * Generated documents (the register export, the annual report). Teams cannot
 * take an arbitrary file from a bot in a channel, so the bot keeps the file as a
 * record and replies with a link to it: GET /api/documents/<id>?t=<token>. The
 * token is 256 random bits, only its hash is stored, and the link stops working
 * after `linkDays`. There is no listing of documents.
 */
export class DocumentStore {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    private readonly linkDays: number,
    /** The bot's public address, e.g. https://toolkit.example.gov.uk; read when a link is made. */
    private readonly baseUrl: () => string,
  ) {}

  async save(doc: NewDocument): Promise<{ id: string; url: string; expiresAt: string }> {
    if (doc.content.length > MAX_DOCUMENT_CHARS) throw new DocumentTooLargeError(`Document is ${doc.content.length} characters, over ${MAX_DOCUMENT_CHARS}`);
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.linkDays * 86_400_000).toISOString();
    const record: StoredDocument = { ...doc, id, tokenHash: hashOf(token), createdAt: now.toISOString(), expiresAt };
    await this.store.create(key(id), record);
    return { id, url: `${this.baseUrl().replace(/\/+$/, '')}/api/documents/${id}?t=${token}`, expiresAt };
  }

  /** The document when the token is its own and the link has not expired; otherwise nothing, whatever the reason. */
  async open(id: string, token: string): Promise<StoredDocument | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id) || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const record = await this.store.read<StoredDocument>(key(id));
    if (!record) return undefined;
    const given = Buffer.from(hashOf(token), 'hex');
    const expected = Buffer.from(record.body.tokenHash, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (record.body.expiresAt <= this.clock.now().toISOString()) {
      // Expired documents hold personal data no one can reach any more: remove on sight.
      await this.store.delete(key(id));
      return undefined;
    }
    return record.body;
  }

  /**
   * Deletes documents whose links have expired, a page at a time. The store has
   * no expiry of its own (Cosmos TTL is off for this container), so each new
   * document clears up after older ones; returns how many went.
   */
  async removeExpired(limit = 100): Promise<number> {
    const page = await this.store.query<StoredDocument>({
      kind: DOCUMENT,
      where: [{ field: 'expiresAt', op: '<=', value: this.clock.now().toISOString() }],
      pageSize: limit,
    });
    let removed = 0;
    for (const record of page.items) if (await this.store.delete(key(record.id), record.etag)) removed++;
    return removed;
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function key(id: string): RecordKey {
  return { kind: DOCUMENT, partition: id, id };
}
