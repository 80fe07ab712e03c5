import { yearBounds } from '../domain/assessmentYear.js';
import { actionCounts, isOverdue, type ActionCounts } from '../domain/actionRules.js';
import { ASSURANCE_LABELS, assuranceRating, type AssuranceRating } from '../domain/assurance.js';
import type { ScoreBand } from '../domain/selfAssessmentScoring.js';
import { BAND_LABELS } from '../domain/selfAssessmentScoring.js';
import type { LoggedAction } from '../actions/actionLog.js';
import type { Partnership } from '../partnerships/partnership.js';
import { EXIT_OUTCOME_LABELS, type ExitDocument } from '../partnerships/exitDocument.js';
import { byName, reviewState, STATUS_LABELS } from '../status/registerLists.js';
import { formatGbp, formatUkDate } from '../util/ukFormat.js';
import { escapeHtml as e } from './escapeHtml.js';

/**
 * The annual report to the council's governance committee (members), as
 * comparable councils send their Audit Committee (issue 19; domain audit 3.1):
 * significant partnerships with their assurance rating, remedial actions and
 * their progress, resources committed, partnerships added and removed, exits
 * with their lessons, and overdue returns. Pure: the caller reads storage.
 */
export const COMMITTEE_SECTIONS = [
  { id: 'significant', title: 'Significant partnerships and their assurance rating' },
  { id: 'remedial', title: 'Remedial actions and their progress' },
  { id: 'resources', title: 'Resources committed' },
  { id: 'changes', title: 'Partnerships added and removed' },
  { id: 'exits', title: 'Exits and their lessons' },
  { id: 'overdue-returns', title: 'Overdue returns' },
] as const;

export interface CommitteeReportInput {
  year: string;
  today: string;
  producedBy: string;
  meeting?: string;
  partnerships: readonly Partnership[];
  actions: Readonly<Record<string, readonly LoggedAction[]>>;
  exitDocuments: Readonly<Record<string, ExitDocument | undefined>>;
  /** Per partnership: officers whose return to this year's self-assessment is missing, by name. */
  missingReturns: Readonly<Record<string, readonly string[]>>;
  highRiskBands: readonly string[];
  riskLabel(bandId: string): string;
  areaLabel(area: string): string;
}

export interface CommitteeReport {
  year: string;
  yearStart: string;
  yearEnd: string;
  producedOn: string;
  producedBy: string;
  meeting?: string;
  significant: Array<{ id: string; name: string; area: string; leadOfficer: string; score: string; risk: string; rating: AssuranceRating; ratingLabel: string; reasons: string[]; actions: ActionCounts }>;
  remedial: Array<{ partnership: string; number: number; text: string; owner: string; due: string; status: string; overdue: boolean }>;
  resources: { rows: Array<{ name: string; cash: number; hours?: number }>; totalCash: number; totalHours: number };
  added: Array<{ name: string; date: string; status: string }>;
  removed: Array<{ name: string; date: string; how: string }>;
  exits: Array<{ name: string; exitDate: string; outcome: string; lessons?: { worked: string; didNotWork: string; doDifferently: string } }>;
  overdueReturns: Array<{ name: string; leadOfficer: string; review?: string; missing: string[] }>;
}

const LIVE: readonly Partnership['status'][] = ['active', 'under-review', 'exiting'];

export function buildCommitteeReport(input: CommitteeReportInput): CommitteeReport {
  const [yearStart, yearEnd] = yearBounds(input.year);
  const inYear = (iso: string | undefined) => !!iso && iso.slice(0, 10) >= yearStart && iso.slice(0, 10) <= yearEnd;
  const live = input.partnerships.filter((p) => LIVE.includes(p.status)).sort(byName);
  const significant = live.filter((p) => p.significance === 'high');
  const rows = significant.map((p) => {
    const actions = input.actions[p.id] ?? [];
    const counts = actionCounts(actions, input.today);
    const band = p.latestAssessment?.band as ScoreBand | undefined;
    const { rating, reasons } = assuranceRating({
      ...(band ? { band } : {}),
      highRisk: p.overallRisk !== undefined && input.highRiskBands.includes(p.overallRisk),
      overdueActions: counts.overdue,
      reviewOverdue: reviewState(p, input.today).state === 'overdue',
    });
    return {
      id: p.id, name: p.name, area: input.areaLabel(p.serviceArea), leadOfficer: p.leadOfficer.name,
      score: p.latestAssessment?.percent !== undefined ? `${p.latestAssessment.percent}% (${band ? BAND_LABELS[band] : '-'}, ${p.latestAssessment.year})` : 'Not yet scored',
      risk: p.overallRisk ? input.riskLabel(p.overallRisk) : 'Not assessed', rating, ratingLabel: ASSURANCE_LABELS[rating], reasons, actions: counts,
    };
  });
  const remedial = significant.flatMap((p) =>
    (input.actions[p.id] ?? [])
      .filter((a) => a.status === 'open' || inYear(a.closedAt))
      .map((a) => ({ partnership: p.name, number: a.number, text: a.text, owner: a.owner.name, due: a.due, status: a.status === 'open' ? (isOverdue(a, input.today) ? 'Overdue' : 'Open') : a.status === 'done' ? `Done ${formatUkDate(a.closedAt!)}` : 'Dropped', overdue: isOverdue(a, input.today) })),
  );
  const resourceRows = live.map((p) => ({ name: p.name, cash: p.councilCashPerYear, ...(p.officerHoursPerMonth !== undefined ? { hours: p.officerHoursPerMonth } : {}) }));
  const added = input.partnerships.filter((p) => p.status !== 'rejected' && p.status !== 'removed' && inYear(p.createdAt)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((p) => ({ name: p.name, date: p.createdAt.slice(0, 10), status: STATUS_LABELS[p.status] }));
  const removed = [
    ...input.partnerships.filter((p) => p.status === 'closed' && inYear(p.exitDate)).map((p) => ({ name: p.name, date: p.exitDate!.slice(0, 10), how: 'The council left (exit signed off)' })),
    ...input.partnerships.filter((p) => p.status === 'removed' && p.removal && inYear(p.removal.at)).map((p) => ({ name: p.name, date: p.removal!.at.slice(0, 10), how: `Removed from the register: ${p.removal!.reason}` })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const exits = input.partnerships
    .filter((p) => p.status === 'closed' && inYear(p.exitDate))
    .map((p) => {
      const doc = input.exitDocuments[p.id];
      return { name: p.name, exitDate: p.exitDate!.slice(0, 10), outcome: doc ? (EXIT_OUTCOME_LABELS[doc.outcome] ?? doc.outcome) : 'No exit document was recorded', ...(doc ? { lessons: doc.lessons } : {}) };
    });
  const overdueReturns = live.flatMap((p) => {
    const state = reviewState(p, input.today);
    const missing = input.missingReturns[p.id] ?? [];
    if (state.state !== 'overdue' && missing.length === 0) return [];
    return [{ name: p.name, leadOfficer: p.leadOfficer.name, ...(state.state === 'overdue' ? { review: `due ${formatUkDate(p.nextReviewDue)}, ${state.days} days overdue` } : {}), missing: [...missing] }];
  });
  return {
    year: input.year, yearStart, yearEnd, producedOn: input.today, producedBy: input.producedBy, ...(input.meeting ? { meeting: input.meeting } : {}),
    significant: rows, remedial,
    resources: { rows: resourceRows, totalCash: resourceRows.reduce((n, r) => n + r.cash, 0), totalHours: resourceRows.reduce((n, r) => n + (r.hours ?? 0), 0) },
    added, removed, exits, overdueReturns,
  };
}

const CSS = `body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; color: #111; margin: 2em; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin: 18pt 0 6pt; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; } th, td { border: 1px solid #bbb; padding: 3pt 5pt; text-align: left; vertical-align: top; }
td.num { text-align: right; } .note { color: #555; font-size: 9.5pt; } .overdue { color: #a00; font-weight: bold; }
@page { size: A4; margin: 18mm; }`;

/** The committee report as a printable page; every value escaped. Pure. */
export function renderCommitteeReportHtml(r: CommitteeReport): string {
  const title = `Partnerships report to the governance committee ${r.year}`;
  const table = (head: string[], rows: string[][]) => `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.join('')}</tr>`).join('')}</tbody></table>`;
  const td = (v: string | number, cls?: string) => `<td${cls ? ` class="${cls}"` : ''}>${e(String(v))}</td>`;
  const none = (text: string) => `<p>${e(text)}</p>`;
  const section = (id: (typeof COMMITTEE_SECTIONS)[number]['id'], body: string) => `<h2 id="${id}">${e(COMMITTEE_SECTIONS.find((s) => s.id === id)!.title)}</h2>\n${body}`;
  return [
    '<!DOCTYPE html>', '<html lang="en-GB">', '<head>', '<meta charset="utf-8">', `<title>${e(title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>',
    `<h1>${e(title)}</h1>`,
    `<p class="meta">For members${r.meeting ? `: ${e(r.meeting)}` : ''}. The council's partnerships from ${e(formatUkDate(r.yearStart))} to ${e(formatUkDate(r.yearEnd))}. Produced by ${e(r.producedBy)} on ${e(formatUkDate(r.producedOn))}.</p>`,
    section('significant', r.significant.length
      ? table(['Partnership', 'Service area', 'Lead officer', 'Latest self-assessment', 'Risk after controls', 'Assurance', 'Why'], r.significant.map((s) => [`<td data-partnership="${e(s.id)}">${e(s.name)}</td>`, td(s.area), td(s.leadOfficer), td(s.score), td(s.risk), td(s.ratingLabel), td(s.reasons.join('; '))]))
      : none('No partnership on the register is of high significance.')),
    section('remedial', r.remedial.length
      ? table(['Partnership', 'Action', 'Owner', 'Due', 'Progress'], r.remedial.map((a) => [td(a.partnership), td(`${a.number}. ${a.text}`), td(a.owner), td(formatUkDate(a.due)), td(a.status, a.overdue ? 'overdue' : undefined)]))
        + `<p class="note">${r.significant.map((s) => `${e(s.name)}: ${s.actions.open} open, ${s.actions.overdue} overdue, ${s.actions.onTimePercent !== undefined ? `${s.actions.onTimePercent}% done on time` : 'none due yet'}`).join('; ')}.</p>`
      : none('The significant partnerships have no remedial actions open or closed this year.')),
    section('resources', table(['Partnership', 'Council cash a year', 'Officer time (hours a month)'], [
      ...r.resources.rows.map((row) => [td(row.name), td(formatGbp(row.cash), 'num'), td(row.hours ?? 'Not recorded', 'num')]),
      [td('Total'), td(formatGbp(r.resources.totalCash), 'num'), td(r.resources.totalHours, 'num')],
    ])),
    section('changes', [
      '<h3>Added</h3>', r.added.length ? table(['Partnership', 'Registered', 'Status'], r.added.map((a) => [td(a.name), td(formatUkDate(a.date)), td(a.status)])) : none('No partnership was added this year.'),
      '<h3>Removed</h3>', r.removed.length ? table(['Partnership', 'Date', 'How'], r.removed.map((a) => [td(a.name), td(formatUkDate(a.date)), td(a.how)])) : none('No partnership was removed this year.'),
    ].join('\n')),
    section('exits', r.exits.length
      ? r.exits.map((x) => `<section class="exit"><h3>${e(x.name)}</h3><p>Left on ${e(formatUkDate(x.exitDate))}. ${e(x.outcome)}.</p>${x.lessons ? `<p>What worked: ${e(x.lessons.worked)}</p><p>What did not: ${e(x.lessons.didNotWork)}</p><p>What we would do differently: ${e(x.lessons.doDifferently)}</p>` : ''}</section>`).join('\n')
      : none('The council did not leave any partnership this year.')),
    section('overdue-returns', r.overdueReturns.length
      ? table(['Partnership', 'Lead officer', 'Annual review', 'Self-assessment returns missing'], r.overdueReturns.map((o) => [td(o.name), td(o.leadOfficer), td(o.review ?? 'Not overdue'), td(o.missing.length ? o.missing.join(', ') : 'None')]))
      : none('No review or return is overdue.')),
    '</body>', '</html>', '',
  ].join('\n');
}
