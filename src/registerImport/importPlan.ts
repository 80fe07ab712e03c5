import { createHash } from 'node:crypto';
import { addMonths } from '../domain/reviewDates.js';
import type { Partnership, PersonRef } from '../partnerships/partnership.js';
import { diff } from '../partnerships/partnershipRegister.js';
import { placeholderIdFor, type Person } from '../people/person.js';
import { simpleWords } from '../config/referenceData.js';
import { formatUkDate } from '../util/ukFormat.js';
import { similarNames } from '../partnerships/partnershipFinder.js';
import { STATUS_LABELS } from '../status/registerLists.js';
import { headerKey, missingHeaders, partnerNames, readRow, realPriorities, type ColumnContext, type NamedPerson, type ReadRow, type RowProblem } from './registerColumns.js';
import type { RegisterSheet } from './registerFile.js';

/**
 * What importing a register file would do, worked out without writing anything:
 * entries to add, entries to update (with the fields that change), how many
 * rows change nothing, and every problem row by row. Keyed by the Reference
 * column, so the same file planned again against the register it produced
 * changes nothing. Pure: the register and the people are passed in.
 */

/** A row whose people are matched to identities (or to placeholders for people named by email who have not used the bot). */
export interface ResolvedRow extends Omit<ReadRow, 'leadOfficer' | 'officers'> {
  row: number;
  leadOfficer: PersonRef;
  officerIds: string[];
}

export interface PlannedChange {
  row: number;
  id: string;
  reference: string;
  name: string;
  serviceArea: string;
  fields: string[];
}

export interface ImportPlan {
  added: PlannedChange[];
  updated: PlannedChange[];
  unchanged: number;
  problems: RowProblem[];
  /** The rows that would be written, resolved, for applying. */
  rows: ResolvedRow[];
  /** People named by email whom nobody knows yet: placeholders made when applying. */
  placeholders: Array<{ email: string; name: string }>;
  /**
   * New rows whose name is equal or very close to an entry already on the register (M5): shown with
   * that entry so the SPO can say it is the same one (give the row its reference) before importing.
   */
  similarNames: Array<{ row: number; name: string; existing: { name: string; reference: string; leadOfficer: string; status: string; startYear: string } }>;
}

export interface PlanInput {
  sheet: RegisterSheet;
  entries: readonly Partnership[];
  people: readonly Person[];
  context: ColumnContext;
  today: string;
  reviewIntervalMonths: number;
}

export function planImport(input: PlanInput): ImportPlan {
  const { sheet, context } = input;
  const plan: ImportPlan = { added: [], updated: [], unchanged: 0, problems: [], rows: [], placeholders: [], similarNames: [] };
  const missing = missingHeaders(sheet.headers);
  if (missing.length > 0) {
    plan.problems.push({ row: 1, column: missing.join(', '), value: '', why: `the header row has no ${missing.length === 1 ? 'column' : 'columns'} called ${missing.map((m) => `"${m}"`).join(', ')}`, accepted: 'the header row of the register template' });
    return plan;
  }
  const index = new Map(sheet.headers.map((h, i) => [headerKey(h), i]));
  const byReference = new Map(input.entries.map((p) => [(p.reference ?? p.id).toLowerCase(), p]));
  const seenReferences = new Map<string, number>();
  const people = new PeopleIndex(input.people);

  for (const { row, cells } of sheet.rows) {
    const cellOf = (header: string) => {
      const i = index.get(headerKey(header));
      // Kept rows come back from JSON with null for an empty cell.
      return i === undefined ? undefined : (cells[i] ?? undefined);
    };
    const { values, problems } = readRow(cellOf, row, context);
    if (!values) {
      plan.problems.push(...problems);
      continue;
    }
    const key = values.reference.toLowerCase();
    const earlier = seenReferences.get(key);
    if (earlier !== undefined) {
      plan.problems.push({ row, column: 'Reference', value: values.reference, why: `row ${earlier} has the same reference`, accepted: 'a reference used by one row only' });
      continue;
    }
    seenReferences.set(key, row);
    const existing = byReference.get(key);
    if (existing?.status === 'removed') {
      plan.problems.push({ row, column: 'Reference', value: values.reference, why: `the entry with this reference was removed from the register as made in error${existing.removal ? ` on ${formatUkDate(existing.removal.at)}` : ''}`, accepted: 'a reference no removed entry has' });
      continue;
    }
    const resolution = resolveRow(values, row, existing, input.people, people, plan.placeholders);
    if (!resolution.row) {
      plan.problems.push(...resolution.problems);
      continue;
    }
    const resolved = resolution.row;
    if (existing) {
      const fields = Object.keys(diff(existing, applyRow(existing, resolved, input)));
      if (fields.length === 0) {
        plan.unchanged++;
        continue;
      }
      plan.updated.push({ row, id: existing.id, reference: resolved.reference, name: resolved.name, serviceArea: resolved.serviceArea, fields });
    } else {
      plan.added.push({ row, id: importedId(resolved.reference), reference: resolved.reference, name: resolved.name, serviceArea: resolved.serviceArea, fields: [] });
      const like = similarNames(resolved.name, input.entries.filter((p) => p.status !== 'removed'))[0];
      if (like) {
        plan.similarNames.push({ row, name: resolved.name, existing: { name: like.name, reference: like.reference ?? like.id, leadOfficer: like.leadOfficer.name, status: STATUS_LABELS[like.status], startYear: like.startDate.slice(0, 4) } });
      }
    }
    plan.rows.push(resolved);
  }
  plan.placeholders = [...new Map(plan.placeholders.map((p) => [p.email, p])).values()];
  return plan;
}

/** Matches a read row's people to identities (the entry's own people first) and checks what depends on the entry. */
export function resolveRow(
  values: ReadRow, row: number, existing: Partnership | undefined, everyone: readonly Person[], people: PeopleIndex = new PeopleIndex(everyone), placeholders: Array<{ email: string; name: string }> = [],
): { row?: ResolvedRow; problems: RowProblem[]; placeholders: Array<{ email: string; name: string }> } {
  const rowProblems: RowProblem[] = [];
  const current = existing ? [existing.leadOfficer, ...existing.officerIds.map((id) => ({ objectId: id, name: everyone.find((p) => p.objectId === id)?.name ?? '' }))] : [];
  // Each of the entry's own people is matched once: two officers of one name stay two people.
  const taken = new Set<string>();
  const lead = people.resolve(values.leadOfficer, current, row, 'Lead officer', rowProblems, placeholders, taken);
  const officers = values.officers.map((o) => people.resolve(o, current, row, 'Other officers', rowProblems, placeholders, taken));
  if (!values.nextReviewDue && !existing && (values.status === 'active' || values.status === 'under-review')) {
    rowProblems.push({ row, column: 'Next review', value: '', why: `it is empty, and an ${values.status === 'active' ? 'active' : 'under-review'} partnership has a review date`, accepted: 'a date, e.g. 14/03/2027' });
  }
  if (rowProblems.length > 0 || !lead || officers.some((o) => !o)) return { problems: rowProblems, placeholders };
  const { leadOfficer: _l, officers: _o, ...rest } = values;
  return { row: { ...rest, row, leadOfficer: lead, officerIds: [...new Set(officers.map((o) => o!.objectId).filter((id) => id !== lead.objectId))] }, problems: [], placeholders };
}

/** The id of an imported entry: the same reference always gives the same id, so applying twice never adds twice. */
export function importedId(reference: string): string {
  return `imp-${createHash('sha256').update(reference.trim().toLowerCase()).digest('hex').slice(0, 24)}`;
}

/**
 * The entry a row makes of `current` (or a new one): what the file says, with
 * what the file cannot hold kept from the entry (partners' details, the
 * suggested stage, the review date when the cell is blank).
 */
export function applyRow(current: Partnership | undefined, row: ResolvedRow, input: { today: string; reviewIntervalMonths: number; context: ColumnContext }, now = `${input.today}T00:00:00.000Z`): Partnership {
  const partners = current && sameList(partnerNames(current), row.partners) ? current.partners : row.partners.map((name) => current?.partners.find((p) => String(p['name'] ?? '').trim() === name) ?? { name });
  const officerIds = [row.leadOfficer.objectId, ...row.officerIds];
  const samePriorities = current && sameList(realPriorities(current.priorities), row.priorities.ids) && (row.priorities.ids.length === 0 || (current.priorityPlan?.version ?? 1) === row.priorities.version);
  const stage = row.stage.confirmed ? { suggested: current?.stage.suggested ?? row.stage.stage, confirmed: row.stage.stage } : { suggested: row.stage.stage };
  const sameStage = current && current.stage.suggested === stage.suggested && current.stage.confirmed === stage.confirmed;
  const nextReviewDue = row.nextReviewDue ?? current?.nextReviewDue ?? addMonths(input.today, input.reviewIntervalMonths);
  const governing = Object.keys(row.governingDocument).length ? row.governingDocument : undefined;
  const entry: Partnership = {
    ...(current ?? { id: importedId(row.reference), source: 'import', createdAt: now, updatedAt: now, stage }),
    ...(current && current.reference === undefined && row.reference.toLowerCase() === current.id.toLowerCase() ? {} : { reference: row.reference }),
    name: row.name,
    status: row.status,
    serviceArea: row.serviceArea,
    leadOfficer: current && current.leadOfficer.objectId === row.leadOfficer.objectId ? current.leadOfficer : row.leadOfficer,
    ownerId: row.leadOfficer.objectId,
    officerIds: current && sameList(current.officerIds, officerIds) ? current.officerIds : officerIds,
    purpose: row.purpose,
    // Absent rather than empty, so an entry without objectives reads the same before and after.
    objectives: row.objectives.length > 0 ? (current?.objectives && sameList(current.objectives, row.objectives) ? current.objectives : row.objectives) : undefined,
    partners,
    leadMember: row.leadMember,
    councilRole: row.councilRole,
    legalForm: row.legalForm,
    statutory: row.statutory,
    governingDocument: current && JSON.stringify(current.governingDocument ?? {}) === JSON.stringify(row.governingDocument) ? current.governingDocument : governing,
    reportingLine: row.reportingLine,
    priorities: samePriorities ? current!.priorities : row.priorities.ids,
    priorityPlan: samePriorities ? current!.priorityPlan : input.context.reference.planRecordFor(row.priorities.ids, row.priorities.version),
    councilCashPerYear: row.councilCashPerYear,
    inKind: row.inKind,
    totalBudgetPerYear: row.totalBudgetPerYear,
    liabilities: row.liabilities,
    officerHoursPerMonth: row.officerHoursPerMonth,
    significance: row.significance,
    significanceReasons: current && current.significanceReasons === undefined && row.significanceReasons.length === 0 ? undefined : row.significanceReasons,
    overallRisk: row.overallRisk,
    stage: sameStage ? current!.stage : stage,
    startDate: row.startDate,
    endDate: row.endDate,
    nextReviewDue,
    exitDate: row.exitDate,
    exitStrategy: row.exitStrategy,
  };
  return withoutUndefined(entry);
}

function withoutUndefined(p: Partnership): Partnership {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as Partnership;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * People as an import finds them: by email or UPN first, then by name; the
 * entry's own officers first of all, so an exported register finds the same
 * people it names even when two share a name.
 */
export class PeopleIndex {
  constructor(private readonly people: readonly Person[]) {}

  resolve(named: NamedPerson, current: PersonRef[], row: number, column: string, problems: RowProblem[], placeholders: Array<{ email: string; name: string }>, taken: Set<string>): PersonRef | undefined {
    const found = this.find(named, current.filter((c) => !taken.has(c.objectId)), row, column, problems, placeholders);
    if (found) taken.add(found.objectId);
    return found;
  }

  private find(named: NamedPerson, current: PersonRef[], row: number, column: string, problems: RowProblem[], placeholders: Array<{ email: string; name: string }>): PersonRef | undefined {
    const shown = named.contact ? `${named.name ? `${named.name} ` : ''}<${named.contact}>` : (named.name ?? named.objectId ?? '');
    if (named.objectId) {
      const known = current.find((c) => c.objectId === named.objectId) ?? this.people.find((p) => p.objectId === named.objectId);
      if (known) return { objectId: known.objectId, name: known.name };
      problems.push({ row, column, value: shown, why: 'nobody has that identity', accepted: 'a name or an email address' });
      return undefined;
    }
    if (named.contact) {
      const matches = this.people.filter((p) => p.contacts?.includes(named.contact!));
      const person = matches.find((p) => !p.pending) ?? matches[0];
      if (person) return { objectId: person.objectId, name: person.name };
      // Not seen yet: linked to their identity when they first message the bot.
      const name = named.name ?? named.contact;
      placeholders.push({ email: named.contact, name });
      return { objectId: placeholderIdFor(named.contact), name };
    }
    const wanted = simpleWords(named.name ?? '');
    const own = current.filter((c) => simpleWords(c.name) === wanted);
    if (own.length >= 1) return { objectId: own[0]!.objectId, name: own[0]!.name };
    const matches = this.people.filter((p) => simpleWords(p.name) === wanted);
    if (matches.length === 1) return { objectId: matches[0]!.objectId, name: matches[0]!.name };
    if (matches.length === 0) {
      problems.push({ row, column, value: shown, why: 'it matches nobody who has used the bot', accepted: 'the name of someone who has used the bot, or their email address (people not yet seen are linked at their first message)' });
    } else {
      const emails = matches.map((p) => p.contacts?.[0] ?? 'email not known').join(', ');
      problems.push({ row, column, value: shown, why: `${matches.length} people have that name (${emails})`, accepted: `their email address, e.g. "${named.name} <${matches[0]!.contacts?.[0] ?? 'name@council.gov.uk'}>"` });
    }
    return undefined;
  }
}
