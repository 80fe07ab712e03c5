import type { TurnContext } from 'botbuilder';
import { EDIT_REASON_INPUT, historyCard, registerEditCard, removalCard, type EditFieldModel, type HistoryLine } from '../cards/registerEditCards.js';
import { cardMessage } from '../src/bot/replies.js';
import type { ReferenceData } from '../src/config/referenceData.js';
import type { CorrectionField } from '../src/language/freeWords.js';
import type { RiskScale } from '../src/domain/riskScale.js';
import type { AuditEvent, Partnership } from '../src/partnerships/partnership.js';
import { diff, type PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { Person } from '../src/people/person.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import * as permissions from '../src/permissions/permissions.js';
import { applyRow, resolveRow } from '../src/registerImport/importPlan.js';
import { columnContext, columnGuide, IMPORTED_COLUMNS, readRow, type ColumnContext } from '../src/registerImport/registerColumns.js';
import { STATUS_LABELS } from '../src/status/registerLists.js';
import type { Clock } from '../src/util/clock.js';
import { formatUkDate } from '../src/util/ukFormat.js';
import { pickPartnership } from './partnershipPicker.js';

export interface RegisterCorrectionsDeps {
  register: PartnershipRegister;
  people: PeopleDirectory;
  reference: ReferenceData;
  scale: RiskScale;
  clock: Clock;
  reviewIntervalMonths: number;
}

/** The column a typed correction changes. */
const TYPED_COLUMN: Record<CorrectionField, string> = {
  leadOfficer: 'Lead officer', nextReviewDue: 'Next review', serviceArea: 'Service area', name: 'Partnership', endDate: 'End date', partner: 'Partners',
};

/**
 * Keeping entries correct: "edit <partnership>" gives a card with every editable
 * field, typed corrections change one. Both read the entry through the register's
 * columns (the import's), so a correction is checked exactly as an imported row
 * is; who may change which field, and what needs a reason, is the permissions module's.
 */
export class RegisterCorrections {
  constructor(private readonly deps: RegisterCorrectionsDeps) {}

  async edit(context: TurnContext, person: Person, name: string): Promise<void> {
    const entry = await this.pick(context, person, name, 'correct', (n) => `edit ${n}`);
    if (!entry) return;
    const verdict = permissions.correctEntry(person, entry);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    await this.sendCard(context, entry);
  }

  async saveCard(context: TurnContext, person: Person, data: { partnershipId: string; version: string; inputs: Record<string, string>; reason: string }): Promise<void> {
    const entry = await this.deps.register.get(data.partnershipId);
    if (!entry || entry.status === 'removed') return void (await context.sendActivity("I can't find that entry in the register any more. Nothing was changed."));
    const verdict = permissions.correctEntry(person, entry);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    if (entry.updatedAt !== data.version) {
      await context.sendActivity(`${entry.name} has changed since that card was made, so I haven't saved it (nothing was changed). Here it is as it stands now:`);
      await this.sendCard(context, entry);
      return;
    }
    // An input the card did not send keeps its value: only what the person changed changes.
    const overrides = Object.fromEntries(IMPORTED_COLUMNS.flatMap((c, i) => (data.inputs[`f${i}`] === undefined ? [] : [[c.header, data.inputs[`f${i}`]!]])));
    await this.change(context, person, entry, overrides, data.reason, 'by card');
  }

  async correctTyped(context: TurnContext, person: Person, request: { partnershipName: string; field: CorrectionField; value: string; reason?: string }): Promise<void> {
    const entry = await this.pick(context, person, request.partnershipName, 'correct', (n) => `edit ${n}`);
    if (!entry) return;
    const verdict = permissions.correctEntry(person, entry);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const ctx = await this.context();
    const current = cellsOf(entry, ctx);
    const column = TYPED_COLUMN[request.field];
    const overrides: Record<string, string> = { [column]: request.value };
    if (request.field === 'partner') overrides[column] = [current[column], request.value].filter(Boolean).join('; ');
    if (request.field === 'leadOfficer') {
      const email = /<?([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>?$/.exec(request.value)?.[1];
      overrides['Lead officer'] = email ? request.value.replace(/<?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, '').trim() || email : request.value;
      overrides['Lead officer email'] = email ?? '';
      // The old lead stays on as an officer unless removed.
      overrides['Other officers'] = [current['Other officers'], cellOfLead(current)].filter(Boolean).join('; ');
    }
    await this.change(context, person, entry, overrides, request.reason ?? '', 'typed');
  }

  async history(context: TurnContext, person: Person, name: string): Promise<void> {
    const entry = await this.pick(context, person, name, 'see the history', (n) => `what changed on ${n}`);
    if (!entry) return;
    const verdict = permissions.readHistory(person, entry);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const trail = (await this.deps.register.auditTrail(entry.id)).reverse();
    const lines = trail.slice(0, 30).map((e) => this.historyLine(e));
    await context.sendActivity(cardMessage(historyCard({ name: entry.name, lines, more: Math.max(0, trail.length - 30) }), `What changed on ${entry.name}`));
  }

  async remove(context: TurnContext, person: Person, request: { partnershipName?: string; partnershipId?: string; reason?: string; confirmed?: boolean }): Promise<void> {
    const verdict = permissions.removeEntry(person);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const entry = request.partnershipId ? await this.deps.register.get(request.partnershipId) : await this.pick(context, person, request.partnershipName ?? '', 'remove', (n) => `remove ${n} from the register`);
    if (!entry) return;
    if (entry.status === 'removed') return void (await context.sendActivity(`${entry.name} was already removed from the register${entry.removal ? ` on ${formatUkDate(entry.removal.at)}` : ''}. Nothing has changed.`));
    const reason = (request.reason ?? '').trim();
    if (!request.confirmed || !reason) {
      const facts = `Lead officer ${entry.leadOfficer.name}; ${STATUS_LABELS[entry.status].toLowerCase()}; started ${formatUkDate(entry.startDate)}; reference ${entry.reference ?? entry.id}.`;
      if (request.confirmed) await context.sendActivity('Please give the reason it was made in error, then press **Remove it** again. Nothing has changed.');
      await context.sendActivity(cardMessage(removalCard({ partnershipId: entry.id, name: entry.name, facts, reason }), `Remove ${entry.name}?`));
      return;
    }
    const by = { objectId: person.objectId, name: person.name };
    const at = this.deps.clock.now().toISOString();
    await this.deps.register.correct(entry.id, by, 'partnership.removed', (p) => (p.status === 'removed' ? undefined : { ...p, status: 'removed', removal: { at, by, reason, statusBefore: p.status } }), { reason });
    await context.sendActivity(`Removed ${entry.name} from the register as made in error. It no longer counts in lists, reminders or reports; the entry and its history stay in the audit trail.`);
  }

  private async change(context: TurnContext, person: Person, entry: Partnership, overrides: Record<string, string>, reason: string, via: string): Promise<void> {
    const people = await this.deps.people.everyone();
    const ctx = columnContext(people, this.deps.reference, this.deps.scale);
    const cells = { ...cellsOf(entry, ctx), ...overrides };
    const { values, problems } = readRow((h) => cells[h], 0, ctx);
    const resolution = values ? resolveRow(values, 0, entry, people) : undefined;
    const all = [...problems, ...(resolution?.problems ?? [])];
    if (!resolution?.row) {
      await context.sendActivity(`I haven't changed ${entry.name}: ${all.map((p) => `${p.column}${p.value ? ` "${p.value}"` : ''}: ${p.why} (accepted: ${p.accepted})`).join('; ')}.`);
      return;
    }
    const row = resolution.row;
    const input = { today: this.deps.clock.now().toISOString().slice(0, 10), reviewIntervalMonths: this.deps.reviewIntervalMonths, context: ctx };
    const fields = Object.keys(diff(entry, applyRow(entry, row, input)));
    if (fields.length === 0) return void (await context.sendActivity(`That is what ${entry.name} already says. Nothing has changed.`));
    for (const verdict of [permissions.correctFields(person, entry, fields), permissions.reasonForChanges(fields, reason)]) {
      if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    }
    for (const placeholder of resolution.placeholders) await this.deps.people.placeholder(placeholder.email, placeholder.name);
    const director = row.serviceArea !== entry.serviceArea ? await this.deps.people.assistantDirectorFor(row.serviceArea) : undefined;
    const { changed } = await this.deps.register.correct(
      entry.id,
      { objectId: person.objectId, name: person.name },
      'partnership.corrected',
      (current) => {
        if (current.updatedAt !== entry.updatedAt) return undefined;
        const next = applyRow(current, row, input);
        if (next.serviceArea === current.serviceArea) return next;
        const { assistantDirector: _old, ...rest } = next;
        return { ...rest, ...(director ? { assistantDirector: { objectId: director.objectId, name: director.name } } : {}) };
      },
      { ...(reason.trim() ? { reason: reason.trim() } : {}), note: `Corrected ${via}` },
    );
    if (changed.length === 0) return void (await context.sendActivity(`${entry.name} changed while I was saving, so nothing was changed. Say "edit ${entry.name}" to see it as it stands.`));
    const labels = changed.filter((f) => f !== 'assistantDirector' && f !== 'priorityPlan').map((f) => permissions.FIELD_LABELS[f] ?? f);
    await context.sendActivity(`Saved: ${entry.name}'s ${labels.join(', ')} ${labels.length === 1 ? 'is' : 'are'} changed. Say "what changed on ${row.name}" to see its history.`);
  }

  private async sendCard(context: TurnContext, entry: Partnership): Promise<void> {
    const ctx = await this.context();
    const cells = cellsOf(entry, ctx);
    const guide = columnGuide(ctx).filter((c) => !c.readOnly);
    const fields: EditFieldModel[] = guide.map((c, i) => ({
      id: `f${i}`,
      label: c.header,
      value: cells[c.header] ?? '',
      ...(c.allowed.length && c.header !== 'Council priorities' ? { choices: c.allowed.includes(cells[c.header] ?? '') || !cells[c.header] ? c.allowed : [...c.allowed, cells[c.header]!] } : {}),
      ...(['Purpose', 'Liabilities', 'Exit strategy', 'Significance reasons'].includes(c.header) ? { multiline: true } : {}),
    }));
    await context.sendActivity(cardMessage(registerEditCard({ partnershipId: entry.id, name: entry.name, version: entry.updatedAt, fields }), `Correct ${entry.name}`));
  }

  private historyLine(event: AuditEvent): HistoryLine {
    const changes = Object.entries(event.changes ?? {})
      .filter(([field]) => field !== 'priorityPlan')
      .map(([field, change]) => `${permissions.FIELD_LABELS[field] ?? field}: ${shown(change.from)} → ${shown(change.to)}`);
    const what = changes.length ? changes.join('; ') : (event.note ?? event.action.replace(/^[a-z-]+\./, '').replace(/-/g, ' '));
    return { when: formatUkDate(event.at), who: event.by.name, what: `${what}${event.reason ? ` (reason: ${event.reason})` : ''}` };
  }

  private async pick(context: TurnContext, person: Person, name: string, purpose: string, commandFor: (name: string) => string): Promise<Partnership | undefined> {
    return pickPartnership(context, this.deps.register, person, { name, purpose, commandFor });
  }

  private async context(): Promise<ColumnContext> {
    return columnContext(await this.deps.people.everyone(), this.deps.reference, this.deps.scale);
  }
}

function cellsOf(entry: Partnership, ctx: ColumnContext): Record<string, string> {
  return Object.fromEntries(IMPORTED_COLUMNS.map((c) => [c.header, cellString(c.show(entry, ctx))]));
}

function cellString(value: string | number | undefined): string {
  return value === undefined ? '' : String(value);
}

function cellOfLead(cells: Record<string, string>): string {
  const email = cells['Lead officer email'];
  return email ? `${cells['Lead officer']} <${email}>` : (cells['Lead officer'] ?? '');
}

/** An audited value as an officer reads it: dates the UK way, people by name, lists joined. */
function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'none';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatUkDate(value) : value.slice(0, 120);
  if (typeof value === 'number' || typeof value === 'boolean') return value === true ? 'yes' : value === false ? 'no' : String(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v && 'name' in v ? String((v as { name: unknown }).name) : shown(v))).join('; ') || 'none';
  if (typeof value === 'object' && 'name' in (value as object)) return String((value as { name: unknown }).name);
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k} ${shown(v)}`).join(', ');
}
