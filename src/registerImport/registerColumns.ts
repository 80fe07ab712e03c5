import type { ReferenceData } from '../config/referenceData.js';
import type { ActionCounts } from '../domain/actionRules.js';
import { RECOMMENDATION_LABELS, type Recommendation } from '../domain/involvementRecommendation.js';
import type { RiskScale } from '../domain/riskScale.js';
import { BAND_LABELS, type ScoreBand } from '../domain/selfAssessmentScoring.js';
import type { Significance } from '../domain/significance.js';
import { STAGE_LABELS } from '../domain/lifeCycleStage.js';
import { TREND_LABELS, type Trend } from '../domain/yearOnYear.js';
import type { GoverningDocument, LifeCycleStage, Partnership, PartnershipStatus } from '../partnerships/partnership.js';
import { COUNCIL_ROLES, LEGAL_FORMS, labelOf, SETTABLE_STATUSES, SIGNIFICANCE_OPTIONS, STAGE_OPTIONS } from '../partnerships/registerVocabulary.js';
import type { Person } from '../people/person.js';
import type { CsvCell } from '../reports/toCsv.js';
import { currentStage, STATUS_LABELS } from '../status/registerLists.js';
import { formatUkDate } from '../util/ukFormat.js';
import { blank, cellText, problem, readChoice, readDate, readMoney, readNumber, readText, readYesNo, splitList, valueOf, type CellValue, type Read } from './cellValues.js';

/**
 * The register's columns, declared once for the export, the import and the
 * template: each column's header, what it means, what it accepts, how an entry
 * shows in it, and how a cell is read back. Because the export writes what the
 * import reads, an exported register imports with no changes.
 */

export interface ColumnContext {
  reference: ReferenceData;
  scale: RiskScale;
  /** A person by object id (for officers' names and emails), if known. */
  person(objectId: string): Pick<Person, 'name' | 'contacts'> | undefined;
  /** A partnership's action log counts, for the export's reading-only columns (absent: the columns are empty). */
  actions?(partnershipId: string): ActionCounts | undefined;
}

/** A person as a cell names them: by name, email or both ("Sam Patel <sam.patel@council.gov.uk>"). */
export interface NamedPerson {
  name?: string;
  contact?: string;
  /** `[object id]`, as the export writes someone whose record is missing. */
  objectId?: string;
}

/** A row as read, people not yet matched to identities. */
export interface ReadRow {
  reference: string;
  name: string;
  status: Exclude<PartnershipStatus, 'removed'>;
  serviceArea: string;
  leadOfficer: NamedPerson;
  officers: NamedPerson[];
  purpose: string;
  objectives: string[];
  partners: string[];
  leadMember?: string;
  councilRole?: string;
  legalForm?: string;
  statutory: boolean;
  governingDocument: GoverningDocument;
  reportingLine?: string;
  priorities: { version: number; ids: string[] };
  councilCashPerYear: number;
  inKind?: string;
  totalBudgetPerYear?: number;
  liabilities?: string;
  officerHoursPerMonth?: number;
  significance: Significance;
  significanceReasons: string[];
  overallRisk?: string;
  stage: { stage: LifeCycleStage; confirmed: boolean };
  startDate: string;
  endDate?: string;
  /** Absent: keep the entry's (or work it out for a new one). */
  nextReviewDue?: string;
  exitDate?: string;
  exitStrategy?: string;
}

export interface RowProblem {
  row: number;
  column: string;
  value: string;
  why: string;
  accepted: string;
}

interface Column {
  header: string;
  explain: string;
  /** What the column accepts, for the template's explanation and for problems. */
  accepts: (ctx: ColumnContext) => string;
  /** Allowed values, listed on the template's "Allowed values" sheet. */
  allowed?: (ctx: ColumnContext) => string[];
  required?: boolean;
  /** Shown by the export for reading only; an import ignores it. */
  readOnly?: boolean;
  show(p: Partnership, ctx: ColumnContext): CsvCell;
}

const peopleCell = (people: string[]) => people.join('; ');

/** "Sam Patel <sam.patel@council.gov.uk>", or the name alone when no email is known. */
function personCell(objectId: string, fallbackName: string, ctx: ColumnContext): string {
  const person = ctx.person(objectId);
  const name = person?.name ?? fallbackName;
  const email = person?.contacts?.[0];
  if (!person && !fallbackName) return `[${objectId}]`;
  return email ? `${name} <${email}>` : name;
}

function dateCell(value: string | undefined): string | undefined {
  return value ? formatUkDate(value) : undefined;
}

const DATE = () => 'a date, e.g. 14/03/2027 or 14 March 2027';
const MONEY = () => 'an amount in pounds, e.g. 12500 or £12,500';
const TEXT = () => 'text';

export const COLUMNS: Column[] = [
  { header: 'Partnership', required: true, explain: 'Its name as partners know it.', accepts: TEXT, show: (p) => p.name },
  { header: 'Reference', required: true, explain: "The council's own reference for the partnership, unique in the file. Importing again with the same reference updates that entry instead of adding one.", accepts: () => 'any short text, e.g. P-014', show: (p) => p.reference ?? p.id },
  { header: 'Status', required: true, explain: 'Where it stands now. Imported entries need no approval.', accepts: () => SETTABLE_STATUSES.map((o) => o.label).join(', '), allowed: () => SETTABLE_STATUSES.map((o) => o.label), show: (p) => STATUS_LABELS[p.status] },
  { header: 'Service area', required: true, explain: 'The service area that leads on it; its Assistant Director oversees it.', accepts: (ctx) => ctx.reference.serviceAreas.map((a) => a.label).join(', '), allowed: (ctx) => ctx.reference.serviceAreas.map((a) => a.label), show: (p, ctx) => ctx.reference.areaLabel(p.serviceArea) },
  { header: 'Assistant Director', readOnly: true, explain: 'Shown for reading: it follows from the service area.', accepts: () => 'ignored on import', show: (p) => p.assistantDirector?.name },
  { header: 'Lead officer', required: true, explain: 'The officer who leads it for the council, by name. Matched to people by the email in the next column first, then by name.', accepts: () => 'a name', show: (p, ctx) => ctx.person(p.leadOfficer.objectId)?.name ?? p.leadOfficer.name },
  { header: 'Lead officer email', explain: "The lead officer's email or user principal name. Someone who has not used the bot yet is linked when they first message it.", accepts: () => 'an email address', show: (p, ctx) => ctx.person(p.leadOfficer.objectId)?.contacts?.[0] },
  { header: 'Other officers', explain: 'Other officers who work on it, separated by semicolons, each by name, email or both ("Sam Patel <sam.patel@council.gov.uk>").', accepts: () => 'names or emails separated by ;', show: (p, ctx) => peopleCell(p.officerIds.filter((id) => id !== p.leadOfficer.objectId).map((id) => personCell(id, '', ctx))) },
  { header: 'Purpose', explain: 'What it is for: the problem it tackles and the outcome for residents.', accepts: TEXT, show: (p) => p.purpose },
  { header: 'Partners', explain: 'The other organisations, separated by semicolons.', accepts: () => 'names separated by ;', show: (p) => partnerNames(p).join('; ') },
  { header: 'Lead member', explain: 'The councillor who represents the council on it.', accepts: TEXT, show: (p) => p.leadMember },
  { header: 'Council role', explain: "The council's role in it.", accepts: () => COUNCIL_ROLES.map((o) => o.label).join(', '), allowed: () => COUNCIL_ROLES.map((o) => o.label), show: (p) => labelOf(COUNCIL_ROLES, p.councilRole) },
  { header: 'Legal form', explain: 'The form the partnership takes.', accepts: () => LEGAL_FORMS.map((o) => o.label).join(', '), allowed: () => LEGAL_FORMS.map((o) => o.label), show: (p) => labelOf(LEGAL_FORMS, p.legalForm) },
  { header: 'Statutory', explain: 'Whether the law requires the council to take part.', accepts: () => 'Yes or No', allowed: () => ['Yes', 'No'], show: (p) => (p.statutory ? 'Yes' : 'No') },
  { header: 'Governing document', explain: 'Its governing document, e.g. terms of reference, MoU, agreement, constitution.', accepts: TEXT, show: (p) => p.governingDocument?.type },
  { header: 'Governing document agreed', explain: 'The date the governing document was agreed.', accepts: DATE, show: (p) => dateCell(p.governingDocument?.agreedOn) },
  { header: 'Governing document review', explain: 'When the governing document is next to be reviewed.', accepts: DATE, show: (p) => dateCell(p.governingDocument?.nextReview) },
  { header: 'Governing document link', explain: 'Where the governing document is kept (an https:// link).', accepts: () => 'an https:// link', show: (p) => p.governingDocument?.link },
  { header: 'Reporting line', explain: 'Who it reports to, and how often.', accepts: TEXT, show: (p) => p.reportingLine },
  { header: 'Council priorities', explain: 'The priorities of the council plan it helps deliver, separated by semicolons.', accepts: (ctx) => ctx.reference.currentPlan.priorities.map((x) => x.label).join('; '), allowed: (ctx) => ctx.reference.currentPlan.priorities.map((x) => x.label), show: (p, ctx) => ctx.reference.priorityLabelsOf({ ...p, priorities: realPriorities(p.priorities) }).join('; ') },
  { header: 'Council plan version', explain: 'Which plan those priorities come from (blank: the current one).', accepts: (ctx) => ctx.reference.priorityPlans.map((x) => `${x.version} (${x.name})`).join(', '), show: (p) => (realPriorities(p.priorities).length ? (p.priorityPlan?.version ?? 1) : undefined) },
  { header: 'Council cash per year (£)', explain: 'What the council puts in each year in cash (blank: none).', accepts: MONEY, show: (p) => p.councilCashPerYear },
  { header: 'In-kind contribution', explain: 'What else the council gives: staff time, rooms, equipment.', accepts: TEXT, show: (p) => p.inKind },
  { header: 'Total yearly budget (£)', explain: "The partnership's own budget a year, all partners together.", accepts: MONEY, show: (p) => p.totalBudgetPerYear },
  { header: 'Liabilities', explain: 'Financial or other liabilities the council could be left with.', accepts: TEXT, show: (p) => p.liabilities },
  { header: 'Officer hours a month', explain: 'Council officer time given to it, hours a month.', accepts: () => 'a number of hours', show: (p) => p.officerHoursPerMonth },
  { header: 'Significance', required: true, explain: 'How significant it is to the council.', accepts: () => SIGNIFICANCE_OPTIONS.map((o) => o.label).join(', '), allowed: () => SIGNIFICANCE_OPTIONS.map((o) => o.label), show: (p) => labelOf(SIGNIFICANCE_OPTIONS, p.significance) },
  { header: 'Significance reasons', explain: 'Why it has that significance, separated by semicolons.', accepts: () => 'reasons separated by ;', show: (p) => (p.significanceReasons ?? []).join('; ') },
  { header: 'Overall risk', explain: 'Its highest risk after controls.', accepts: (ctx) => ctx.scale.bands.map((b) => b.label).join(', '), allowed: (ctx) => ctx.scale.bands.map((b) => b.label), show: (p, ctx) => (p.overallRisk ? (ctx.scale.bands.find((b) => b.id === p.overallRisk)?.label ?? p.overallRisk) : undefined) },
  { header: 'Life-cycle stage', required: true, explain: 'Its stage in the life cycle; add "(suggested)" when nobody has confirmed it.', accepts: () => `${STAGE_OPTIONS.map((o) => o.label).join(', ')}, each optionally followed by (suggested)`, allowed: () => STAGE_OPTIONS.map((o) => o.label), show: (p) => `${STAGE_LABELS[currentStage(p)]}${p.stage.confirmed ? '' : ' (suggested)'}` },
  { header: 'Start date', required: true, explain: 'When the council joined.', accepts: DATE, show: (p) => dateCell(p.startDate) },
  { header: 'End date', explain: 'When it is planned to end, if it has an end.', accepts: DATE, show: (p) => dateCell(p.endDate) },
  { header: 'Next review', explain: 'When it is next due for review. Needed for active and under-review partnerships; leave blank for others.', accepts: DATE, show: (p) => (p.status === 'active' || p.status === 'under-review' ? dateCell(p.nextReviewDue) : undefined) },
  { header: 'Council left', explain: 'For a closed partnership, the day the council left.', accepts: DATE, show: (p) => dateCell(p.exitDate) },
  { header: 'Exit strategy', explain: 'How the council would leave.', accepts: TEXT, show: (p) => p.exitStrategy },
  // Last of the imported columns: edit cards name fields by position, so cards already sent keep their meaning.
  { header: 'Objectives', explain: 'What it set out to achieve, one objective each, separated by semicolons. The exit interview asks about each.', accepts: () => 'objectives separated by ;', show: (p) => (p.objectives ?? []).join('; ') },
  { header: 'Latest score (%)', readOnly: true, explain: 'Shown for reading: from the latest closed self-assessment.', accepts: () => 'ignored on import', show: (p) => p.latestAssessment?.percent },
  { header: 'Score band', readOnly: true, explain: 'Shown for reading.', accepts: () => 'ignored on import', show: (p) => (p.latestAssessment?.band ? (BAND_LABELS[p.latestAssessment.band as ScoreBand] ?? p.latestAssessment.band) : undefined) },
  { header: 'Score confidence', readOnly: true, explain: 'Shown for reading: why the latest score has low confidence, if it has.', accepts: () => 'ignored on import', show: (p) => p.latestAssessment?.lowConfidence },
  { header: 'Trend', readOnly: true, explain: 'Shown for reading.', accepts: () => 'ignored on import', show: (p) => (p.latestAssessment?.trend ? (TREND_LABELS[p.latestAssessment.trend as Trend] ?? p.latestAssessment.trend) : undefined) },
  { header: 'Recommendation', readOnly: true, explain: 'Shown for reading.', accepts: () => 'ignored on import', show: (p) => (p.latestAssessment ? (RECOMMENDATION_LABELS[p.latestAssessment.recommendation as Recommendation] ?? p.latestAssessment.recommendation) : undefined) },
  { header: 'Assessment year', readOnly: true, explain: 'Shown for reading.', accepts: () => 'ignored on import', show: (p) => p.latestAssessment?.year },
  { header: 'Open actions', readOnly: true, explain: 'Shown for reading: actions in its log not yet done or dropped.', accepts: () => 'ignored on import', show: (p, ctx) => ctx.actions?.(p.id)?.open },
  { header: 'Overdue actions', readOnly: true, explain: 'Shown for reading: open actions past their due date.', accepts: () => 'ignored on import', show: (p, ctx) => ctx.actions?.(p.id)?.overdue },
  { header: 'Actions done on time (%)', readOnly: true, explain: 'Shown for reading: of the actions done or past their due date, the share done by it.', accepts: () => 'ignored on import', show: (p, ctx) => ctx.actions?.(p.id)?.onTimePercent },
];

export const COLUMN_HEADERS = COLUMNS.map((c) => c.header);
export const IMPORTED_COLUMNS = COLUMNS.filter((c) => !c.readOnly);

/** One row of the export. */
export function exportRow(p: Partnership, ctx: ColumnContext): CsvCell[] {
  return COLUMNS.map((column) => column.show(p, ctx));
}

/** The template's explanation of each column and its allowed values. */
export function columnGuide(ctx: ColumnContext): Array<{ header: string; required: boolean; explain: string; accepts: string; allowed: string[]; readOnly: boolean }> {
  return COLUMNS.map((c) => ({ header: c.header, required: c.required === true, explain: c.explain, accepts: c.accepts(ctx), allowed: c.allowed?.(ctx) ?? [], readOnly: c.readOnly === true }));
}

/** Headers compared forgivingly: "lead officer email" finds "Lead officer email". */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/\(£\)/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Required headers the file lacks. */
export function missingHeaders(headers: string[]): string[] {
  const present = new Set(headers.map(headerKey));
  return COLUMNS.filter((c) => c.required && !present.has(headerKey(c.header))).map((c) => c.header);
}

/** Partner names, the "none" option of the bank's priority question left out. */
export function partnerNames(p: Pick<Partnership, 'partners'>): string[] {
  return p.partners.map((row) => String(row['name'] ?? '').trim()).filter(Boolean);
}

export function realPriorities(ids: readonly string[]): string[] {
  return ids.filter((id) => id !== 'none');
}

/**
 * Reads one data row (cells by header). Every cell that cannot be used is a
 * problem naming the row, the column, the value, why and what would do.
 */
export function readRow(cells: (header: string) => CellValue, row: number, ctx: ColumnContext): { values?: ReadRow; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const take = <T>(header: string, read: Read<T>, required = false): T | undefined => {
    if (read.kind === 'value') return read.value;
    const column = COLUMNS.find((c) => c.header === header)!;
    if (read.kind === 'problem') problems.push({ row, column: header, value: cellText(cells(header)).slice(0, 120), why: read.why, accepted: read.accepted });
    else if (required) problems.push({ row, column: header, value: '', why: 'it is empty', accepted: column.accepts(ctx) });
    return undefined;
  };
  const text = (header: string, max = 2000, required = false) => take(header, readText(cells(header), max), required);

  const reference = text('Reference', 60, true);
  const name = text('Partnership', 150, true);
  const status = take('Status', readChoice(cells('Status'), SETTABLE_STATUSES), true);
  const areaText = cellText(cells('Service area'));
  const area = areaText ? ctx.reference.serviceArea(areaText) : undefined;
  const serviceArea = take('Service area', !areaText ? blank : area ? valueOf(area.id) : problem('there is no such service area', ctx.reference.serviceAreas.map((a) => a.label).join(', ')), true);
  const leadName = text('Lead officer', 150);
  const leadEmail = take('Lead officer email', readContact(cells('Lead officer email')));
  if (!leadName && !leadEmail) take('Lead officer', blank, true);
  const officers: NamedPerson[] = [];
  for (const item of splitList(cells('Other officers'))) {
    const person = readNamedPerson(item);
    if (person) officers.push(person);
    else problems.push({ row, column: 'Other officers', value: item.slice(0, 120), why: 'it is not a name or an email address', accepted: 'names or emails separated by ;' });
  }
  const link = text('Governing document link', 500);
  if (link && !/^https:\/\/[^\s]+$/i.test(link)) problems.push({ row, column: 'Governing document link', value: link.slice(0, 120), why: 'it is not an https:// link', accepted: 'an https:// link' });
  const versionText = cellText(cells('Council plan version'));
  const version = versionText ? Number(versionText) : ctx.reference.currentPlan.version;
  const plan = ctx.reference.plan(version);
  if (!plan) problems.push({ row, column: 'Council plan version', value: versionText, why: 'there is no council plan with that version', accepted: ctx.reference.priorityPlans.map((x) => String(x.version)).join(', ') });
  const priorityIds: string[] = [];
  for (const item of splitList(cells('Council priorities'))) {
    const found = plan && ctx.reference.priority(plan.version, item);
    if (found) priorityIds.push(found.id);
    else if (plan) problems.push({ row, column: 'Council priorities', value: item.slice(0, 120), why: `it is not a priority of the ${plan.name}`, accepted: plan.priorities.map((x) => x.label).join('; ') });
  }
  const riskText = cellText(cells('Overall risk'));
  const risk = riskText ? ctx.scale.bands.find((b) => b.label.toLowerCase() === riskText.toLowerCase() || b.id === riskText.toLowerCase()) : undefined;
  if (riskText && !risk) problems.push({ row, column: 'Overall risk', value: riskText.slice(0, 120), why: 'it is not a band of the risk matrix', accepted: ctx.scale.bands.map((b) => b.label).join(', ') });
  const stageText = cellText(cells('Life-cycle stage'));
  const suggested = /\(\s*suggested\s*\)\s*$/i.test(stageText);
  const stage = take('Life-cycle stage', readChoice(stageText.replace(/\(\s*suggested\s*\)\s*$/i, ''), STAGE_OPTIONS), true);
  const startDate = take('Start date', readDate(cells('Start date')), true);
  const endDate = take('End date', readDate(cells('End date')));
  const nextReviewDue = take('Next review', readDate(cells('Next review')));
  const values: Partial<ReadRow> = {
    reference, name, status, serviceArea,
    leadOfficer: { ...(leadName ? { name: leadName } : {}), ...(leadEmail ? { contact: leadEmail } : {}) },
    officers,
    purpose: text('Purpose', 4000) ?? '',
    objectives: splitList(cells('Objectives')).map((o) => o.slice(0, 300)).slice(0, 20),
    partners: splitList(cells('Partners')).map((p) => p.slice(0, 200)),
    leadMember: text('Lead member', 150),
    councilRole: take('Council role', readChoice(cells('Council role'), COUNCIL_ROLES)),
    legalForm: take('Legal form', readChoice(cells('Legal form'), LEGAL_FORMS)),
    statutory: take('Statutory', readYesNo(cells('Statutory'))) ?? false,
    governingDocument: dropEmpty({
      type: text('Governing document', 150),
      agreedOn: take('Governing document agreed', readDate(cells('Governing document agreed'))),
      nextReview: take('Governing document review', readDate(cells('Governing document review'))),
      link: link && /^https:\/\//i.test(link) ? link : undefined,
    }),
    reportingLine: text('Reporting line', 500),
    priorities: { version: plan?.version ?? ctx.reference.currentPlan.version, ids: [...new Set(priorityIds)] },
    councilCashPerYear: take('Council cash per year (£)', readMoney(cells('Council cash per year (£)'))) ?? 0,
    inKind: text('In-kind contribution', 1000),
    totalBudgetPerYear: take('Total yearly budget (£)', readMoney(cells('Total yearly budget (£)'))),
    liabilities: text('Liabilities', 2000),
    officerHoursPerMonth: take('Officer hours a month', readNumber(cells('Officer hours a month'), 2000, 'hours')),
    significance: take('Significance', readChoice(cells('Significance'), SIGNIFICANCE_OPTIONS), true),
    significanceReasons: splitList(cells('Significance reasons')).map((r) => r.slice(0, 300)),
    overallRisk: risk?.id,
    stage: stage ? { stage, confirmed: !suggested } : undefined,
    startDate, endDate, nextReviewDue,
    exitDate: take('Council left', readDate(cells('Council left'))),
    exitStrategy: text('Exit strategy', 2000),
  };
  if (startDate && endDate && endDate < startDate) problems.push({ row, column: 'End date', value: cellText(cells('End date')), why: 'it is before the start date', accepted: 'a date on or after the start date' });
  if (problems.length > 0) return { problems };
  return { values: dropUndefined(values) as ReadRow, problems };
}

function readContact(cell: CellValue): Read<string> {
  const text = cellText(cell).toLowerCase();
  if (!text) return blank;
  return /^[^\s@<>;]+@[^\s@<>;]+\.[^\s@<>;]+$/.test(text) ? valueOf(text) : problem('it is not an email address', 'an email address, e.g. sam.patel@council.gov.uk');
}

/** "Sam Patel <sam@x.gov.uk>", "sam@x.gov.uk", "Sam Patel" or "[object id]". */
export function readNamedPerson(item: string): NamedPerson | undefined {
  const trimmed = item.trim();
  const bracketed = /^\[([^\]\s]{6,128})\]$/.exec(trimmed);
  if (bracketed) return { objectId: bracketed[1]! };
  const withEmail = /^(.*?)\s*<\s*([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)\s*>$/.exec(trimmed);
  if (withEmail) return { ...(withEmail[1] ? { name: withEmail[1].trim() } : {}), contact: withEmail[2]!.toLowerCase() };
  if (/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(trimmed)) return { contact: trimmed.toLowerCase() };
  if (/^[^<>@;]{2,150}$/.test(trimmed)) return { name: trimmed };
  return undefined;
}

function dropEmpty(doc: GoverningDocument): GoverningDocument {
  return dropUndefined(doc) as GoverningDocument;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A column context over everyone the directory knows. */
export function columnContext(people: readonly Person[], reference: ReferenceData, scale: RiskScale, actions?: ReadonlyMap<string, ActionCounts>): ColumnContext {
  const byId = new Map(people.map((p) => [p.objectId, p]));
  return { reference, scale, person: (objectId) => byId.get(objectId), ...(actions ? { actions: (id: string) => actions.get(id) ?? { open: 0, overdue: 0, done: 0, dropped: 0 } } : {}) };
}
