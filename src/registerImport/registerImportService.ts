import { createHash, randomUUID } from 'node:crypto';
import type { AdaptiveCardJson } from '../../cards/cardTypes.js';
import type { ReferenceData } from '../config/referenceData.js';
import type { RiskScale } from '../domain/riskScale.js';
import type { Logger } from '../logging/logger.js';
import type { Partnership, PersonRef } from '../partnerships/partnership.js';
import type { PartnershipRegister } from '../partnerships/partnershipRegister.js';
import type { PeopleDirectory } from '../people/peopleDirectory.js';
import { changeRecord } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { Clock } from '../util/clock.js';
import type { CellValue } from './cellValues.js';
import { applyRow, planImport, type ImportPlan } from './importPlan.js';
import { columnContext } from './registerColumns.js';
import type { RegisterSheet } from './registerFile.js';

/**
 * Bringing an existing register in: a dry run that writes nothing but its own
 * record (the file's rows, so the confirmation applies exactly what was shown),
 * then, once confirmed, the entries added and updated, each change audited,
 * and each Assistant Director sent one summary of what came in for their areas.
 */

const KIND = 'register-import';
const PARTITION = 'register-imports';

export interface ImportRecord {
  id: string;
  fileName: string;
  /** SHA-256 of the file, to tell the same file sent twice. */
  fileHash: string;
  sheet: RegisterSheet;
  status: 'planned' | 'applied' | 'cancelled';
  counts: { added: number; updated: number; unchanged: number; problems: number };
  createdBy: PersonRef;
  createdAt: string;
  appliedAt?: string;
  appliedBy?: PersonRef;
}

export type ApplyResult =
  | { kind: 'applied'; plan: ImportPlan; record: ImportRecord; summaries: number }
  | { kind: 'already-applied'; record: ImportRecord }
  | { kind: 'cancelled'; record: ImportRecord }
  | { kind: 'changed'; plan: ImportPlan; record: ImportRecord }
  | { kind: 'not-found' };

/** How a summary reaches an Assistant Director: the bot's notifier, or (from the command line) left waiting. */
export interface SummarySender {
  notify(recipientId: string, key: string, message: { card: AdaptiveCardJson; summary: string }, options?: { once?: boolean }): Promise<unknown>;
}

export interface RegisterImportDeps {
  store: RecordStore;
  register: PartnershipRegister;
  people: PeopleDirectory;
  reference: ReferenceData;
  scale: RiskScale;
  clock: Clock;
  logger: Logger;
  reviewIntervalMonths: number;
  summaries: SummarySender;
  /** Builds the summary card for an Assistant Director (cards/ are the dialogs' business). */
  summaryCard(model: { areas: string[]; added: Array<{ name: string; area: string }>; updated: Array<{ name: string; area: string }>; fileName: string; date: string }): AdaptiveCardJson;
}

export class RegisterImportService {
  constructor(private readonly deps: RegisterImportDeps) {}

  /** Plans the import of a file and keeps the plan's rows for the confirmation. Writes no register entry. */
  async dryRun(file: { fileName: string; content: Buffer; sheet: RegisterSheet }, by: PersonRef): Promise<{ record: ImportRecord; plan: ImportPlan }> {
    const sheet = storable(file.sheet);
    const plan = await this.plan(sheet);
    const record: ImportRecord = {
      id: randomUUID(),
      fileName: file.fileName.slice(0, 200),
      fileHash: createHash('sha256').update(file.content).digest('hex'),
      sheet,
      status: 'planned',
      counts: countsOf(plan),
      createdBy: by,
      createdAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.store.create(keyOf(record.id), record);
    this.deps.logger.info({ importId: record.id, rows: sheet.rows.length, ...record.counts }, 'register import planned');
    return { record, plan };
  }

  async plan(sheet: RegisterSheet): Promise<ImportPlan> {
    const [entries, people] = await Promise.all([this.deps.register.allEntries(), this.deps.people.everyone()]);
    return planImport({ sheet, entries, people, context: columnContext(people, this.deps.reference, this.deps.scale), today: this.today(), reviewIntervalMonths: this.deps.reviewIntervalMonths });
  }

  /**
   * Applies a planned import once. The register is planned again first: if it
   * changed since the dry run (someone edited an entry, another import ran), the
   * new plan is shown instead and nothing is written.
   */
  async apply(importId: string, by: PersonRef): Promise<ApplyResult> {
    const found = await this.deps.store.read<ImportRecord>(keyOf(importId));
    if (!found) return { kind: 'not-found' };
    if (found.body.status === 'applied') return { kind: 'already-applied', record: found.body };
    if (found.body.status === 'cancelled') return { kind: 'cancelled', record: found.body };
    const plan = await this.plan(found.body.sheet);
    if (JSON.stringify(countsOf(plan)) !== JSON.stringify(found.body.counts)) {
      const { after } = await changeRecord<ImportRecord>(this.deps.store, keyOf(importId), (r) => (r && r.status === 'planned' ? { ...r, counts: countsOf(plan) } : undefined));
      return { kind: 'changed', plan, record: after ?? found.body };
    }
    // Claimed before anything is written: a second press, here or on another instance, finds it applied.
    const now = this.deps.clock.now().toISOString();
    const claim = await changeRecord<ImportRecord>(this.deps.store, keyOf(importId), (r) => (r && r.status === 'planned' ? { ...r, status: 'applied', appliedAt: now, appliedBy: by } : undefined));
    if (!claim.written) return claim.after?.status === 'cancelled' ? { kind: 'cancelled', record: claim.after } : { kind: 'already-applied', record: claim.after! };
    const record = claim.after!;
    await this.write(plan, record, by);
    const summaries = await this.sendSummaries(plan, record);
    this.deps.logger.info({ importId, added: plan.added.length, updated: plan.updated.length, summaries }, 'register import applied');
    return { kind: 'applied', plan, record, summaries };
  }

  async cancel(importId: string): Promise<ImportRecord | undefined> {
    const { after } = await changeRecord<ImportRecord>(this.deps.store, keyOf(importId), (r) => (r && r.status === 'planned' ? { ...r, status: 'cancelled' } : undefined));
    return after;
  }

  private async write(plan: ImportPlan, record: ImportRecord, by: PersonRef): Promise<void> {
    const { register, people } = this.deps;
    for (const placeholder of plan.placeholders) await people.placeholder(placeholder.email, placeholder.name);
    const directors = new Map<string, PersonRef | undefined>();
    const directorOf = async (area: string) => {
      if (!directors.has(area)) {
        const director = await people.assistantDirectorFor(area);
        directors.set(area, director ? { objectId: director.objectId, name: director.name } : undefined);
      }
      return directors.get(area);
    };
    const input = { today: this.today(), reviewIntervalMonths: this.deps.reviewIntervalMonths, context: columnContext([], this.deps.reference, this.deps.scale) };
    const note = (row: number) => `Imported from ${record.fileName}, row ${row}`;
    const now = this.deps.clock.now().toISOString();
    const rows = new Map(plan.rows.map((r) => [r.row, r]));
    for (const added of plan.added) {
      const row = rows.get(added.row)!;
      const director = await directorOf(row.serviceArea);
      const entry: Partnership = { ...applyRow(undefined, row, input, now), ...(director ? { assistantDirector: director } : {}) };
      await register.createImported(entry, by, note(row.row));
    }
    for (const updated of plan.updated) {
      const row = rows.get(updated.row)!;
      const director = await directorOf(row.serviceArea);
      await register.correct(
        updated.id,
        by,
        'partnership.imported-change',
        (current) => {
          const next = applyRow(current, row, input);
          if (next.serviceArea === current.serviceArea) return next;
          const { assistantDirector: _old, ...rest } = next;
          return { ...rest, ...(director ? { assistantDirector: director } : {}) };
        },
        { note: note(row.row) },
      );
    }
  }

  /** One message per Assistant Director, covering every area of theirs that the import touched. */
  private async sendSummaries(plan: ImportPlan, record: ImportRecord): Promise<number> {
    const byDirector = new Map<string, { areas: Set<string>; added: Array<{ name: string; area: string }>; updated: Array<{ name: string; area: string }> }>();
    const areas = [...new Set([...plan.added, ...plan.updated].map((c) => c.serviceArea))];
    for (const area of areas) {
      for (const directorId of await this.deps.people.assistantDirectorIdsFor(area)) {
        const entry = byDirector.get(directorId) ?? { areas: new Set<string>(), added: [], updated: [] };
        entry.areas.add(area);
        const label = this.deps.reference.areaLabel(area);
        entry.added.push(...plan.added.filter((c) => c.serviceArea === area).map((c) => ({ name: c.name, area: label })));
        entry.updated.push(...plan.updated.filter((c) => c.serviceArea === area).map((c) => ({ name: c.name, area: label })));
        byDirector.set(directorId, entry);
      }
    }
    for (const [directorId, summary] of byDirector) {
      const card = this.deps.summaryCard({ areas: [...summary.areas].map((a) => this.deps.reference.areaLabel(a)), added: summary.added, updated: summary.updated, fileName: record.fileName, date: this.today() });
      await this.deps.summaries.notify(directorId, `register-import-${record.id}`, { card, summary: `The register import brought in ${summary.added.length + summary.updated.length} partnerships for your area` }, { once: true });
    }
    return byDirector.size;
  }

  private today(): string {
    return this.deps.clock.now().toISOString().slice(0, 10);
  }
}

function countsOf(plan: ImportPlan): ImportRecord['counts'] {
  return { added: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged, problems: plan.problems.length };
}

/** Cells as they are kept: dates as days (JSON would turn them into timestamps the readers refuse). */
function storable(sheet: RegisterSheet): RegisterSheet {
  const cell = (c: CellValue): CellValue => (c instanceof Date ? (Number.isNaN(c.getTime()) ? undefined : c.toISOString().slice(0, 10)) : c);
  return { headers: sheet.headers, rows: sheet.rows.map((r) => ({ row: r.row, cells: r.cells.map(cell) })) };
}

function keyOf(id: string): RecordKey {
  return { kind: KIND, partition: PARTITION, id };
}
