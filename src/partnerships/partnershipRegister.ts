import { randomUUID } from 'node:crypto';
import { changeRecord, createOnce, type RecordChange } from '../storage/changeRecord.js';
import { isRecordConflict } from '../storage/storageErrors.js';
import type { Condition, RecordKey, RecordStore } from '../storage/recordStore.js';
import type { Significance } from '../domain/significance.js';
import type { Clock } from '../util/clock.js';
import type { AuditEvent, NewPartnershipAssessment, Partnership, PartnershipStatus, PersonRef } from './partnership.js';
import type { ExitDocument } from './exitDocument.js';

const PARTNERSHIP = 'partnership';
const ASSESSMENT = 'np-assessment';
const AUDIT = 'audit';
const EXIT_DOCUMENT = 'exit-document';
/** Partnerships whose reviews are still expected; proposed, exiting, closed and rejected ones are not reviewed. */
export const REVIEWED_STATUSES = ['active', 'under-review'] as const;

/** What `find` narrows the register by; absent fields do not narrow. */
export interface RegisterCriteria {
  statuses?: PartnershipStatus[];
  significance?: Significance[];
  /** Residual risk band ids. */
  risks?: string[];
  /** Only partnerships this person leads or is named on. */
  officerId?: string;
  /** A Business Plan priority value. */
  priority?: string;
}

/**
 * The partnerships register. A partnership's records (entry, assessments,
 * audit trail) share its partition; every change writes an audit event.
 */
export class PartnershipRegister {
  private changes = 0;

  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Goes up when this instance creates an entry or changes what names are read from (its name,
   * officers, service area, partners, or whether it was removed), so caches of names know to
   * reload. A review date or a score changing leaves the names as they were: no reload.
   */
  get revision(): number {
    return this.changes;
  }

  /** Counts a write towards `revision` when it changed what a cache of names holds. */
  private noteNames(before: Partnership | undefined, after: Partnership | undefined): void {
    if (namesOf(before) !== namesOf(after)) this.changes++;
  }

  async get(id: string): Promise<Partnership | undefined> {
    return (await this.store.read<Partnership>(key(PARTNERSHIP, id, id)))?.body;
  }

  /** Every register entry, read page by page; entries removed as made in error are left out (they count nowhere). */
  async all(): Promise<Partnership[]> {
    return (await this.allEntries()).filter((p) => p.status !== 'removed');
  }

  /** Every entry, removed ones included (the import matches references against them too). */
  async allEntries(): Promise<Partnership[]> {
    const entries: Partnership[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.store.query<Partnership>({ kind: PARTNERSHIP, pageSize: 1000, ...(continuation ? { continuation } : {}) });
      entries.push(...page.items.map((r) => r.body));
      continuation = page.continuation;
    } while (continuation);
    return entries;
  }

  /**
   * Partnerships in review (active or under review) whose next review falls on
   * or before `onOrBefore` (an ISO date), soonest first, in one indexed query.
   * Status questions, reminders and the annual report all ask this.
   */
  async reviewsDueBy(onOrBefore: string, page: { pageSize?: number; continuation?: string } = {}): Promise<{ items: Partnership[]; continuation?: string }> {
    const result = await this.store.query<Partnership>({
      kind: PARTNERSHIP,
      where: [
        { field: 'status', op: 'in', value: [...REVIEWED_STATUSES] },
        { field: 'nextReviewDue', op: '<=', value: onOrBefore },
      ],
      orderBy: { field: 'nextReviewDue', direction: 'asc' },
      pageSize: page.pageSize ?? 100,
      ...(page.continuation ? { continuation: page.continuation } : {}),
    });
    return { items: result.items.map((r) => r.body), ...(result.continuation ? { continuation: result.continuation } : {}) };
  }

  /**
   * Register entries matching every given criterion, read page by page (at
   * most `limit`). Criteria the store can index are pushed down to it; the
   * caller still checks who may see each entry.
   */
  async find(criteria: RegisterCriteria, limit = 5000): Promise<Partnership[]> {
    const where: Condition[] = [];
    if (criteria.statuses?.length) where.push({ field: 'status', op: 'in', value: criteria.statuses });
    else where.push({ field: 'status', op: '!=', value: 'removed' });
    if (criteria.significance?.length) where.push({ field: 'significance', op: 'in', value: criteria.significance });
    if (criteria.risks?.length) where.push({ field: 'overallRisk', op: 'in', value: criteria.risks });
    // One array condition per query keeps both stores' query plans simple; the other is checked below.
    if (criteria.officerId) where.push({ field: 'officerIds', op: 'arrayContains', value: criteria.officerId });
    else if (criteria.priority) where.push({ field: 'priorities', op: 'arrayContains', value: criteria.priority });
    const found: Partnership[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.store.query<Partnership>({ kind: PARTNERSHIP, where, pageSize: 1000, ...(continuation ? { continuation } : {}) });
      found.push(...page.items.map((r) => r.body));
      continuation = page.continuation;
    } while (continuation && found.length < limit);
    return found.slice(0, limit).filter((p) => !criteria.priority || p.priorities.includes(criteria.priority));
  }

  /** Entries that name this person as an officer or as their Assistant Director. */
  async referencing(objectId: string): Promise<Partnership[]> {
    const [officer, director] = await Promise.all([
      this.store.query<Partnership>({ kind: PARTNERSHIP, where: [{ field: 'officerIds', op: 'arrayContains', value: objectId }], pageSize: 1000 }),
      this.store.query<Partnership>({ kind: PARTNERSHIP, where: [{ field: 'assistantDirector.objectId', op: '=', value: objectId }], pageSize: 1000 }),
    ]);
    return [...new Map([...officer.items, ...director.items].map((r) => [r.body.id, r.body])).values()];
  }

  /** A partnership's new-partnership assessments (normally one), oldest first. */
  async assessments(partnershipId: string): Promise<NewPartnershipAssessment[]> {
    const page = await this.store.query<NewPartnershipAssessment>({ kind: ASSESSMENT, partition: partnershipId, pageSize: 100 });
    return page.items.map((r) => r.body).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  }

  /** Creates the entry, or returns the existing one when the same submission is processed again. */
  async createOnce(partnership: Partnership, by: PersonRef): Promise<{ partnership: Partnership; created: boolean }> {
    const { body, created } = await createOnce(this.store, key(PARTNERSHIP, partnership.id, partnership.id), partnership);
    if (created) this.noteNames(undefined, body);
    // Written whether or not this call created the entry (with a fixed id, so once): a completion
    // interrupted between the two writes and run again still leaves its audit entry.
    await this.audit({ partnershipId: partnership.id, by, action: 'partnership.created', recordKind: PARTNERSHIP, recordId: partnership.id, note: `Registered "${body.name}" with status ${partnership.status}` }, `${partnership.id}.created`);
    return { partnership: body, created };
  }

  /**
   * Applies a change with optimistic concurrency: if someone else changed the
   * entry meanwhile, the change is re-applied to their version. The change may
   * return undefined to make no change (e.g. already approved).
   */
  async update(
    id: string,
    by: PersonRef,
    action: string,
    change: (p: Partnership) => Partnership | undefined,
    /** A step that may run again: its audit entry has this fixed id, written once `done` shows the change. */
    once?: { auditId: string; done: (p: Partnership) => boolean },
  ): Promise<Partnership | undefined> {
    const outcome = await changeRecord<Partnership>(this.store, key(PARTNERSHIP, id, id), (current) => {
      const next = current && change(current);
      return next && { ...next, updatedAt: this.clock.now().toISOString() };
    });
    if (outcome.written) this.noteNames(outcome.before, outcome.after);
    if (once) {
      if (outcome.after && (outcome.written || once.done(outcome.after))) {
        const changes = outcome.written && outcome.before ? diff(outcome.before, outcome.after) : {};
        await this.audit({ partnershipId: id, by, action, recordKind: PARTNERSHIP, recordId: id, changes }, once.auditId);
      }
      return outcome.after;
    }
    await this.auditChange(outcome, { partnershipId: id, by, action, recordKind: PARTNERSHIP, recordId: id });
    return outcome.after;
  }

  /**
   * A correction: the change is applied with optimistic concurrency like `update`,
   * and each changed field gets an audit event of its own with the old and the new
   * value (and the reason, where one was given). Returns the entry as it now stands
   * and the fields that changed (none when the change made none).
   */
  async correct(
    id: string,
    by: PersonRef,
    action: string,
    change: (p: Partnership) => Partnership | undefined,
    options: { reason?: string; note?: string; once?: { auditKey: string; before: Partnership } } = {},
  ): Promise<{ partnership: Partnership | undefined; changed: string[] }> {
    const outcome = await changeRecord<Partnership>(this.store, key(PARTNERSHIP, id, id), (current) => {
      const next = current && change(current);
      if (!next || Object.keys(diff(current, next)).length === 0) return undefined;
      return { ...next, updatedAt: this.clock.now().toISOString() };
    });
    if (outcome.written) this.noteNames(outcome.before, outcome.after);
    if (options.once) return this.auditOnce(id, by, action, change, outcome, options, options.once);
    if (!outcome.written || !outcome.before || !outcome.after) return { partnership: outcome.after, changed: [] };
    const changes = diff(outcome.before, outcome.after);
    for (const [field, change] of Object.entries(changes)) {
      await this.audit({
        partnershipId: id, by, action, recordKind: PARTNERSHIP, recordId: id, changes: { [field]: change },
        ...(options.reason ? { reason: options.reason } : {}), ...(options.note ? { note: options.note } : {}),
      });
    }
    return { partnership: outcome.after, changed: Object.keys(changes) };
  }

  /**
   * A correction that is a step of a decision, which may run again after an interruption: the
   * fields the change makes to the entry as it was before the decision each get one audit entry
   * (fixed ids), written once they show the change, whether this call or an interrupted one wrote it.
   */
  private async auditOnce(
    id: string,
    by: PersonRef,
    action: string,
    change: (p: Partnership) => Partnership | undefined,
    outcome: RecordChange<Partnership>,
    options: { reason?: string; note?: string },
    once: { auditKey: string; before: Partnership },
  ): Promise<{ partnership: Partnership | undefined; changed: string[] }> {
    const intended = change(once.before);
    const now = outcome.after as Record<string, unknown> | undefined;
    if (!intended || !now) return { partnership: outcome.after, changed: [] };
    const fields = Object.keys(diff(once.before, intended)).filter((field) => JSON.stringify(now[field]) === JSON.stringify((intended as unknown as Record<string, unknown>)[field]));
    for (const field of fields) {
      await this.audit(
        {
          partnershipId: id, by, action, recordKind: PARTNERSHIP, recordId: id, changes: { [field]: { from: (once.before as unknown as Record<string, unknown>)[field], to: now[field] } },
          ...(options.reason ? { reason: options.reason } : {}), ...(options.note ? { note: options.note } : {}),
        },
        `${once.auditKey}.${field}`,
      );
    }
    return { partnership: outcome.after, changed: outcome.written ? fields : [] };
  }

  /** Creates an entry brought in by an import (or returns the one already there, so applying twice adds nothing). */
  async createImported(partnership: Partnership, by: PersonRef, note: string): Promise<{ partnership: Partnership; created: boolean }> {
    const { body, created } = await createOnce(this.store, key(PARTNERSHIP, partnership.id, partnership.id), partnership);
    if (created) this.noteNames(undefined, body);
    if (created) await this.audit({ partnershipId: partnership.id, by, action: 'partnership.imported', recordKind: PARTNERSHIP, recordId: partnership.id, note });
    return { partnership: body, created };
  }

  async saveAssessmentOnce(assessment: NewPartnershipAssessment): Promise<NewPartnershipAssessment> {
    const { body } = await createOnce(this.store, key(ASSESSMENT, assessment.partnershipId, assessment.id), assessment);
    await this.audit({ partnershipId: assessment.partnershipId, by: assessment.submittedBy, action: 'assessment.submitted', recordKind: ASSESSMENT, recordId: assessment.id, note: `Outcome ${body.outcome}` }, `${assessment.id}.submitted`);
    return body;
  }

  async assessment(partnershipId: string, id: string): Promise<NewPartnershipAssessment | undefined> {
    return (await this.store.read<NewPartnershipAssessment>(key(ASSESSMENT, partnershipId, id)))?.body;
  }

  /**
   * With `once`, the change is one that is made once (a decision, a notice sent): returning the
   * record unchanged (or undefined) writes nothing, and its audit entry has a fixed id, written
   * also when an interrupted attempt made the change but not the entry.
   */
  async updateAssessment(
    partnershipId: string,
    id: string,
    by: PersonRef,
    action: string,
    change: (a: NewPartnershipAssessment) => NewPartnershipAssessment | undefined,
    options: { once?: boolean } = {},
  ): Promise<NewPartnershipAssessment | undefined> {
    const outcome = await changeRecord<NewPartnershipAssessment>(this.store, key(ASSESSMENT, partnershipId, id), (current) => {
      const next = current && change(current);
      return options.once && next && current && JSON.stringify(next) === JSON.stringify(current) ? undefined : next;
    });
    if (options.once) {
      if (outcome.after && (outcome.written || change(outcome.after) === undefined || JSON.stringify(change(outcome.after)) === JSON.stringify(outcome.after))) {
        const changes = outcome.written && outcome.before ? diff(outcome.before, outcome.after) : {};
        await this.audit({ partnershipId, by, action, recordKind: ASSESSMENT, recordId: id, changes }, `${id}.${action}`);
      }
      return outcome.after;
    }
    await this.auditChange(outcome, { partnershipId, by, action, recordKind: ASSESSMENT, recordId: id });
    return outcome.after;
  }

  /**
   * Stores a submitted exit document (one per partnership). The same interview
   * submitted again changes nothing; a new interview, after the Assistant
   * Director asked for changes, replaces it as the next revision.
   */
  async saveExitDocument(doc: ExitDocument, by: PersonRef): Promise<{ document: ExitDocument; saved: boolean }> {
    const outcome = await changeRecord<ExitDocument>(this.store, key(EXIT_DOCUMENT, doc.partnershipId, doc.partnershipId), (existing) => {
      if (!existing) return doc;
      if (existing.draftId === doc.draftId || existing.status === 'signed-off') return undefined;
      return { ...doc, revision: existing.revision + 1 };
    });
    const document = outcome.after!;
    // Audit entries have fixed ids (the revision's), so the same interview submitted again, after an
    // interruption between the two writes, still leaves exactly one.
    const auditId = `${doc.id}.r${document.revision}.submitted`;
    if (!outcome.written) {
      if (document.draftId === doc.draftId && document.status !== 'signed-off') {
        await this.audit({ partnershipId: doc.partnershipId, by, action: document.revision === 1 ? 'exit-document.submitted' : 'exit-document.revised', recordKind: EXIT_DOCUMENT, recordId: doc.id, note: document.revision === 1 ? `Exit interview submitted (outcome ${document.outcome})` : `Revision ${document.revision}` }, auditId);
      }
      return { document, saved: false };
    }
    if (!outcome.before) {
      await this.audit({ partnershipId: doc.partnershipId, by, action: 'exit-document.submitted', recordKind: EXIT_DOCUMENT, recordId: doc.id, note: `Exit interview submitted (outcome ${doc.outcome})` }, auditId);
    } else {
      await this.audit({ partnershipId: doc.partnershipId, by, action: 'exit-document.revised', recordKind: EXIT_DOCUMENT, recordId: doc.id, changes: diff(outcome.before, document), note: `Revision ${document.revision}` }, auditId);
    }
    return { document, saved: true };
  }

  async exitDocument(partnershipId: string): Promise<ExitDocument | undefined> {
    return (await this.store.read<ExitDocument>(key(EXIT_DOCUMENT, partnershipId, partnershipId)))?.body;
  }

  /** Changes the exit document with optimistic concurrency; the change may return undefined to make none. */
  /** With `auditId`, the audit entry has that fixed id and is written once, also when an interrupted attempt made the change but not the entry (`done` says whether the document shows the change). */
  async updateExitDocument(
    partnershipId: string,
    by: PersonRef,
    action: string,
    change: (d: ExitDocument) => ExitDocument | undefined,
    once?: { auditId: string; done: (d: ExitDocument) => boolean },
  ): Promise<ExitDocument | undefined> {
    const outcome = await changeRecord<ExitDocument>(this.store, key(EXIT_DOCUMENT, partnershipId, partnershipId), (current) => current && change(current));
    if (once) {
      if (outcome.after && (outcome.written || once.done(outcome.after))) {
        const changes = outcome.written && outcome.before ? diff(outcome.before, outcome.after) : {};
        await this.audit({ partnershipId, by, action, recordKind: EXIT_DOCUMENT, recordId: partnershipId, changes }, once.auditId);
      }
      return outcome.after;
    }
    await this.auditChange(outcome, { partnershipId, by, action, recordKind: EXIT_DOCUMENT, recordId: partnershipId });
    return outcome.after;
  }

  async auditTrail(partnershipId: string): Promise<AuditEvent[]> {
    const page = await this.store.query<AuditEvent>({ kind: AUDIT, partition: partnershipId, orderBy: { field: 'at' }, pageSize: 1000 });
    return page.items.map((r) => r.body);
  }

  /** Records an event about a partnership's other records (a self-assessment closed, a response received). */
  async recordEvent(event: Omit<AuditEvent, 'id' | 'at'>, onceId?: string): Promise<void> {
    await this.audit(event, onceId);
  }

  /** The audit event of a change, with what it changed; nothing when it wrote nothing. */
  private async auditChange<T extends object>(outcome: RecordChange<T>, event: Omit<AuditEvent, 'id' | 'at' | 'changes'>): Promise<void> {
    if (!outcome.written || !outcome.before || !outcome.after) return;
    await this.audit({ ...event, changes: diff(outcome.before, outcome.after) });
  }

  /** With `onceId`, the entry has that id and a second write of it is no change: a step run again audits once. */
  private async audit(event: Omit<AuditEvent, 'id' | 'at'>, onceId?: string): Promise<void> {
    const full: AuditEvent = { ...event, id: onceId ?? randomUUID(), at: this.clock.now().toISOString() };
    try {
      await this.store.create(key(AUDIT, event.partnershipId, full.id), full);
    } catch (error) {
      if (!onceId || !isRecordConflict(error)) throw error;
    }
  }
}

/** What a cache of names reads from an entry (src/language/messageReader.ts): `revision` compares these. */
export function namesEntryOf(p: Partnership): { id: string; name: string; officerIds: string[]; serviceArea: string; partners: string[] } {
  return { id: p.id, name: p.name, officerIds: p.officerIds, serviceArea: p.serviceArea, partners: p.partners.map((row) => String(row['name'] ?? '')).filter(Boolean) };
}

/** An entry's names and whether it was removed (`all` leaves removed ones out), as one comparable string. */
function namesOf(p: Partnership | undefined): string {
  return p ? JSON.stringify([namesEntryOf(p), p.status === 'removed']) : '';
}

function key(kind: string, partition: string, id: string): RecordKey {
  return { kind, partition, id };
}

/** The fields that differ between two versions of a record (updatedAt and the derived ownerId left out). */
export function diff(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const field of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (field === 'updatedAt' || field === 'ownerId') continue;
    if (JSON.stringify(b[field]) !== JSON.stringify(a[field])) changes[field] = { from: b[field], to: a[field] };
  }
  return changes;
}
