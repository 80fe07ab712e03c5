import { missingYearsText } from '../domain/assessmentYear.js';
import { formatGbp, formatUkDate } from '../util/ukFormat.js';
import type { AnnualReport, ReportExit, ReportPartnership } from './annualReport.js';
import { escapeHtml as e } from './escapeHtml.js';
import { svgBarChart } from './svgBarChart.js';

const PRINT_CSS = `
@page { size: A4; margin: 18mm 15mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 Arial, Helvetica, sans-serif; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 18pt 0 6pt; border-bottom: 1px solid #999; padding-bottom: 2pt; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; }
p.meta { color: #444; margin: 0 0 10pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
td.num { text-align: right; white-space: nowrap; }
.band-green { color: #1b5e20; } .band-amber { color: #8a5300; } .band-red { color: #b71c1c; }
.chart { max-width: 100%; height: auto; }
.partnership { break-inside: avoid; page-break-inside: avoid; margin-bottom: 10pt; }
.exit { break-inside: avoid; page-break-inside: avoid; border-left: 3pt solid #1f5f8b; padding-left: 8pt; margin-bottom: 12pt; }
.note { color: #555; font-size: 9.5pt; }
@media print { h2 { break-after: avoid; page-break-after: avoid; } a { color: inherit; text-decoration: none; } }
`;

/**
 * The annual report as one printable HTML document: A4 print styles, no script,
 * nothing fetched from elsewhere (charts are inline SVG), every piece of text
 * escaped. Opens in any browser and prints or saves as PDF from there. Pure.
 */
export function renderAnnualReportHtml(report: AnnualReport): string {
  const title = `Partnerships annual report ${report.year}`;
  const scored = report.partnerships.filter((p) => p.score?.percent !== undefined);
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title>`,
    `<style>${PRINT_CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${e(title)}</h1>`,
    `<p class="meta">For ${e(report.audience)}. The council's partnerships from ${e(formatUkDate(report.yearStart))} to ${e(formatUkDate(report.yearEnd))}${report.yearComplete ? '' : `, to date (the year is not over yet)`}. Produced by ${e(report.producedBy)} on ${e(formatUkDate(report.producedOn))}.</p>`,
    summary(report),
    '<h2 id="scores">Scores this year</h2>',
    scored.length
      ? svgBarChart({
          title: `Self-assessment scores, latest closed year up to ${report.year}`,
          orientation: 'horizontal',
          unit: '%',
          bars: scored.map((p) => ({ label: p.name, value: p.score!.percent, ...(p.score!.bandId ? { tone: `band-${p.score!.bandId}` } : {}) })),
        })
      : '<p>No partnership has a closed self-assessment yet.</p>',
    partnershipTable(report.partnerships),
    '<h2 id="partnerships">Each partnership</h2>',
    report.partnerships.length ? report.partnerships.map(partnershipSection).join('\n') : '<p>There are no partnerships on the register for this year.</p>',
    '<h2 id="new">New partnerships this year</h2>',
    newPartnerships(report),
    '<h2 id="exits">Exits this year</h2>',
    report.exits.length ? report.exits.map(exitSection).join('\n') : '<p>The council did not leave any partnership this year.</p>',
    '<h2 id="overdue">Overdue reviews</h2>',
    overdue(report),
    `<p class="note">Scores are the self-assessment's overall percentage: 75% and over is strong, 50 to 74% developing, under 50% weak. Where a partnership has no closed self-assessment for ${e(report.year)} its latest earlier one is shown, with its year.</p>`,
    actionsAndReturns(report),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summary(report: AnnualReport): string {
  const bands = report.byBand.map((b) => `<tr><td${b.bandId ? ` class="band-${b.bandId}"` : ''}>${e(b.label)}</td><td class="num">${b.count}</td></tr>`).join('');
  const recs = report.byRecommendation.map((r) => `<tr><td>${e(r.label)}</td><td class="num">${r.count}</td></tr>`).join('');
  return [
    '<h2 id="summary">Summary</h2>',
    `<p>${plural(report.partnerships.length, 'partnership')} on the register this year; ${plural(report.newPartnerships.length, 'new partnership')}; ${plural(report.exits.length, 'exit')}; ${plural(report.overdueReviews.length, 'overdue review')}.</p>`,
    `<table class="summary-bands"><thead><tr><th>Score band</th><th>Partnerships</th></tr></thead><tbody>${bands}</tbody></table>`,
    `<table class="summary-recommendations"><thead><tr><th>Recommendation</th><th>Partnerships</th></tr></thead><tbody>${recs}</tbody></table>`,
  ].join('\n');
}

function partnershipTable(rows: ReportPartnership[]): string {
  if (!rows.length) return '';
  const body = rows
    .map((p) => {
      const s = p.score;
      return `<tr data-partnership="${e(p.id)}"><td>${e(p.name)}</td><td>${e(p.status)}</td><td class="num">${s?.percent !== undefined ? `${s.percent}%` : '-'}${s && s.year ? ` <span class="note">(${e(s.year)}${s.lowConfidence ? ', low confidence' : ''})</span>` : ''}</td><td${s?.bandId ? ` class="band-${s.bandId}"` : ''}>${e(s?.band ?? 'Not scored')}</td><td>${e(s?.trend ?? '-')}</td><td>${e(p.stage)}</td><td>${e(p.risk)}</td><td>${e(s?.recommendation ?? 'None yet')}</td></tr>`;
    })
    .join('\n');
  return `<table class="partnerships"><thead><tr><th>Partnership</th><th>Status</th><th>Score</th><th>Band</th><th>Trend</th><th>Stage</th><th>Overall risk</th><th>Recommendation</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function partnershipSection(p: ReportPartnership): string {
  const s = p.score;
  const chart = p.history.length
    ? svgBarChart({
        title: `${p.name}: self-assessment score by year`,
        unit: '%',
        bars: p.history.map((h) => ({ label: h.year, ...(h.percent !== undefined ? { value: h.percent } : {}), ...(h.bandId ? { tone: `band-${h.bandId}` } : {}) })),
      })
    : '<p class="note">No self-assessment has been closed yet, so there is no score chart.</p>';
  const facts = [
    ['Status', p.status],
    ['Lead officer', p.leadOfficer],
    ['Service area', p.serviceArea],
    ['Score', s?.percent !== undefined ? `${s.percent}% in ${s.year}` : 'Not scored yet'],
    ['Band', s?.band ?? 'Not scored'],
    ...(s?.lowConfidence ? [['Score confidence', s.lowConfidence]] : []),
    ['Trend', s?.trend ?? '-'],
    ['Stage', p.stage],
    ['Overall risk', p.risk],
    ['Recommendation', s?.recommendation ?? 'None yet'],
  ];
  return [
    `<section class="partnership" data-partnership="${e(p.id)}">`,
    `<h3>${e(p.name)}</h3>`,
    `<table><tbody>${facts.map(([k, v]) => `<tr><th scope="row">${e(k!)}</th><td>${e(v!)}</td></tr>`).join('')}</tbody></table>`,
    chart,
    ...(p.missingYears.length ? [`<p class="note">${e(missingYearsText(p.missingYears))}.</p>`] : []),
    ...listed(`Evidence gaps (don't know) in ${s?.year ?? ''}`, s?.evidenceGaps ?? [], 'evidence-gaps'),
    ...listed(`Evidence and comments in ${s?.year ?? ''}`, s?.evidence ?? [], 'evidence'),
    '</section>',
  ].join('\n');
}

/** A titled list, or nothing when there is nothing to list. */
function listed(title: string, lines: string[], className: string): string[] {
  return lines.length ? [`<p><strong>${e(title)}</strong></p>`, `<ul class="${className}">${lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`] : [];
}

function newPartnerships(report: AnnualReport): string {
  if (!report.newPartnerships.length) return '<p>No new partnership was registered this year.</p>';
  const rows = report.newPartnerships
    .map((n) => `<tr><td>${e(n.name)}</td><td>${e(formatUkDate(n.registered))}</td><td>${e(n.status)}</td><td>${e(n.significance)}</td><td>${e(n.serviceArea)}</td><td>${e(n.leadOfficer)}</td><td class="num">${e(formatGbp(n.councilCashPerYear))}</td></tr>`)
    .join('\n');
  return `<table class="new-partnerships"><thead><tr><th>Partnership</th><th>Registered</th><th>Status</th><th>Significance</th><th>Service area</th><th>Lead officer</th><th>Council cash a year</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function exitSection(x: ReportExit): string {
  const achievements = x.achievements.length
    ? `<ul>${x.achievements.map((a) => `<li>${e(a.objective)}: ${e(a.result)}${a.comment ? ` (${e(a.comment)})` : ''}</li>`).join('')}</ul>`
    : '<p class="note">No objectives were recorded.</p>';
  return [
    '<section class="exit">',
    `<h3>${e(x.name)}</h3>`,
    `<p>Left on ${e(formatUkDate(x.exitDate))}. ${e(x.outcome)}.</p>`,
    '<p><strong>What it achieved</strong></p>',
    achievements,
    ...(x.recognition ? [`<p><strong>Recognition:</strong> ${e(x.recognition)}</p>`] : []),
    ...(x.lessons
      ? [
          '<p><strong>Lessons learned</strong></p>',
          `<ul><li>What worked: ${e(x.lessons.worked)}</li><li>What did not: ${e(x.lessons.didNotWork)}</li><li>What we would do differently: ${e(x.lessons.doDifferently)}</li></ul>`,
        ]
      : []),
    '</section>',
  ].join('\n');
}

function overdue(report: AnnualReport): string {
  if (!report.overdueReviews.length) return `<p>No reviews were overdue on ${e(formatUkDate(report.producedOn))}.</p>`;
  const rows = report.overdueReviews
    .map((o) => `<tr><td>${e(o.name)}</td><td>${e(o.leadOfficer)}</td><td>${e(formatUkDate(o.due))}</td><td class="num">${plural(o.daysOverdue, 'day')}</td></tr>`)
    .join('\n');
  return `<p>On ${e(formatUkDate(report.producedOn))}:</p><table class="overdue"><thead><tr><th>Partnership</th><th>Lead officer</th><th>Review was due</th><th>Overdue by</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Each partnership's open and overdue actions, the share done on time, and its returns rate (issue 19). */
function actionsAndReturns(report: AnnualReport): string {
  if (!report.actionTotals && !report.partnerships.some((p) => p.returns)) return '';
  const rows = report.partnerships
    .map((p) => {
      const a = p.actions;
      const r = p.returns;
      return `<tr data-actions="${e(p.id)}"><td>${e(p.name)}</td><td class="num">${a ? a.open : '-'}</td><td class="num">${a ? a.overdue : '-'}</td><td class="num">${a ? a.done : '-'}</td><td class="num">${a?.onTimePercent !== undefined ? `${a.onTimePercent}%` : '-'}</td><td class="num">${r ? `${r.responded} of ${r.invited}${r.rate !== undefined ? ` (${r.rate}%)` : ''}` : '-'}</td></tr>`;
    })
    .join('');
  const t = report.actionTotals;
  return [
    '<h2 id="actions">Actions and returns</h2>',
    t ? `<p>Across these partnerships: ${t.open} open action${t.open === 1 ? '' : 's'}, ${t.overdue} overdue; ${t.done} done${t.onTimePercent !== undefined ? `, ${t.onTimePercent}% of those due done on time` : ''}.</p>` : '',
    `<table class="actions"><thead><tr><th>Partnership</th><th>Open actions</th><th>Overdue</th><th>Done</th><th>Done on time</th><th>Self-assessment returns</th></tr></thead><tbody>${rows}</tbody></table>`,
  ].join('\n');
}
