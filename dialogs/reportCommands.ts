import type { TurnContext } from 'botbuilder';
import { annualReportCard } from '../cards/annualReportCard.js';
import { documentLinkCard } from '../cards/documentLinkCard.js';
import { cardMessage } from '../src/bot/replies.js';
import type { SelfAssessment } from '../src/assessments/selfAssessment.js';
import { DocumentTooLargeError, type DocumentStore } from '../src/documents/documentStore.js';
import { assessmentYearOf } from '../src/domain/assessmentYear.js';
import type { RiskScale } from '../src/domain/riskScale.js';
import type { Logger } from '../src/logging/logger.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { AdaptiveCardJson } from '../cards/cardTypes.js';
import type { ExitDocument } from '../src/partnerships/exitDocument.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { Person } from '../src/people/person.js';
import * as permissions from '../src/permissions/permissions.js';
import { buildAnnualReport, type YearScore } from '../src/reports/annualReport.js';
import { yearBefore, yearBounds } from '../src/domain/assessmentYear.js';
import { renderAnnualReportHtml } from '../src/reports/annualReportHtml.js';
import { REGISTER_COLUMNS, registerTable } from '../src/reports/registerTable.js';
import { columnContext } from '../src/registerImport/registerColumns.js';
import type { ReferenceData } from '../src/config/referenceData.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import { toCsv } from '../src/reports/toCsv.js';
import type { Clock } from '../src/util/clock.js';
import { formatGbp, formatUkDate } from '../src/util/ukFormat.js';
import { evidenceGapLines, evidenceLines } from './selfAssessmentView.js';
import type { ActionLog, LoggedAction } from '../src/actions/actionLog.js';
import type { AnnualRounds } from '../src/assessments/annualRounds.js';
import type { SelfAssessmentResponse } from '../src/assessments/selfAssessment.js';
import type { ReportArchive } from '../src/reports/reportArchive.js';
import { buildCommitteeReport, COMMITTEE_SECTIONS, renderCommitteeReportHtml } from '../src/reports/committeeReport.js';
import { escalatingBands } from '../src/domain/riskReview.js';
import { describeActionCounts } from '../src/domain/actionRules.js';
import { reportListCard } from '../cards/governanceCards.js';
import { plain } from '../cards/markdown.js';
import type { Partnership } from '../src/partnerships/partnership.js';

export interface ReportCommandsServices {
  register: PartnershipRegister;
  people: PeopleDirectory;
  reference: ReferenceData;
  assessments: { history(partnershipId: string): Promise<SelfAssessment[]>; responses?(partnershipId: string, year: string): Promise<SelfAssessmentResponse[]> };
  /** The action log, for counts in the export and the reports. */
  actions?: ActionLog;
  /** The annual rounds, for the returns rate. */
  rounds?: AnnualRounds;
  /** Every report produced is kept here. */
  archive?: ReportArchive;
  documents: DocumentStore;
  scale: RiskScale;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
}

/**
 * The register export and the annual report for Leadership Team (spec sections
 * 2 and 9): the Strategic Partnership Officer produces them, Leadership Team
 * reads them; both see the whole register, so only they may ask.
 */
export class ReportCommands {
  constructor(private readonly services: ReportCommandsServices) {}

  async exportRegister(context: TurnContext, person: Person, inChannel = false): Promise<void> {
    const verdict = permissions.exportRegister(person);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const partnerships = await this.services.register.all();
    const today = this.today();
    const columns = columnContext(await this.services.people.everyone(), this.services.reference, this.services.scale, await this.services.actions?.countsByPartnership(today));
    const csv = toCsv(REGISTER_COLUMNS, registerTable(partnerships, columns));
    const link = await this.save(context, {
      title: `Partnership register on ${formatUkDate(today)}`,
      fileName: `partnership-register-${today}.csv`,
      contentType: 'text/csv; charset=utf-8',
      disposition: 'attachment',
      content: csv,
      createdBy: { objectId: person.objectId, name: person.name },
    });
    if (!link) return;
    this.services.logger.info({ documentId: link.id, kind: 'register-export', rows: partnerships.length }, 'register exported');
    const count = partnerships.length === 1 ? '1 partnership' : `${partnerships.length} partnerships`;
    const card = documentLinkCard({
      title: 'The partnership register',
      lines: [
        `${count} on ${formatUkDate(today)}, one row each with every register column, as a CSV file that opens in Excel. Sent back to me as it is, it imports with no changes.`,
        'It holds officers\' names and the council\'s money: keep it within the council.',
      ],
      buttonTitle: 'Download the register (CSV)',
      url: link.url,
      expiryNote: expiryNote(link.expiresAt),
    });
    await this.deliver(context, person, inChannel, card, `The partnership register: ${count}`);
  }

  async annualReport(context: TurnContext, person: Person, request: { year?: string; relativeYear?: 'this' | 'last' }, inChannel = false): Promise<void> {
    const verdict = permissions.produceAnnualReport(person);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const today = this.today();
    const year = await this.reportYear(context, request, today, ' Ask for "annual report" for this year so far.');
    if (!year) return;
    // An Assistant Director's report covers their own areas; the SPO's and Leadership Team's the whole register.
    const areas = permissions.registerScopeOf(person) === 'area' ? [...(person.areas ?? [])].sort() : undefined;
    const partnerships = (await this.services.register.all()).filter((p) => !areas || areas.includes(p.serviceArea));
    const [yearStart, yearEnd] = yearBounds(year);
    const scores: Record<string, YearScore[]> = {};
    const exitDocuments: Record<string, ExitDocument | undefined> = {};
    for (const p of partnerships) {
      scores[p.id] = (await this.services.assessments.history(p.id)).map(yearScoreOf);
      if (p.status === 'closed' && p.exitDate && p.exitDate.slice(0, 10) >= yearStart && p.exitDate.slice(0, 10) <= yearEnd) {
        exitDocuments[p.id] = await this.services.register.exitDocument(p.id);
      }
    }
    const areaNames = areas?.map((a) => this.services.reference.areaLabel(a)).join(' and ');
    const { actions, returns } = await this.actionsAndReturns(partnerships, year);
    const report = buildAnnualReport({
      year, today, producedBy: person.name, partnerships, scores, exitDocuments, riskLabel: (id) => this.riskLabel(id), areaLabel: (id) => this.services.reference.areaLabel(id),
      ...(actions ? { actions } : {}), ...(returns ? { returns } : {}), ...(areaNames ? { audience: `the Assistant Director for ${areaNames}` } : {}),
    });
    const title = `Partnerships annual report ${year}${areaNames ? `: ${areaNames}` : ''}`;
    const fileName = `partnerships-annual-report-${year.replace('/', '-')}${areas ? `-${areas.join('-')}` : ''}.html`.slice(0, 150);
    const content = renderAnnualReportHtml(report);
    const link = await this.save(context, { title, fileName, contentType: 'text/html; charset=utf-8', disposition: 'inline', content, createdBy: { objectId: person.objectId, name: person.name } });
    if (!link) return;
    // Kept as a record of what went to Leadership Team (or the Assistant Director): the link expires, this does not.
    await this.services.archive?.keep({ kind: 'annual', title, year, ...(areas ? { areas } : {}), fileName, content, producedBy: { objectId: person.objectId, name: person.name } });
    this.services.logger.info({ documentId: link.id, kind: 'annual-report', year, partnerships: report.partnerships.length }, 'annual report produced');
    const card = annualReportCard({
      title,
      intro: `${report.partnerships.length === 1 ? '1 partnership' : `${report.partnerships.length} partnerships`} from ${formatUkDate(yearStart)} to ${formatUkDate(report.yearComplete ? yearEnd : today)}${report.yearComplete ? '' : ' (the year so far)'}. The full report has every partnership's score, trend, band, stage, risk and recommendation with charts, and the exits with their lessons; open it to read, print or save as PDF.`,
      byBand: report.byBand,
      byRecommendation: report.byRecommendation,
      newPartnerships: report.newPartnerships.map((n) => `${n.name} (${formatUkDate(n.registered)})`),
      exits: report.exits.map((x) => `${x.name} (left ${formatUkDate(x.exitDate)})`),
      overdueReviews: report.overdueReviews.map((o) => `${o.name} (due ${formatUkDate(o.due)})`),
      ...(report.actionTotals ? { actions: `Actions: ${describeActionCounts(report.actionTotals)}.` } : {}),
      url: link.url,
      expiryNote: expiryNote(link.expiresAt),
    });
    await this.deliver(context, person, inChannel, card, title);
  }

  /** The council year a report is asked for (named, last or this one); a year not yet begun is refused with its start date. */
  private async reportYear(context: TurnContext, request: { year?: string | undefined; relativeYear?: 'this' | 'last' | undefined }, today: string, hint = ''): Promise<string | undefined> {
    const current = assessmentYearOf(today);
    const year = request.year ?? (request.relativeYear === 'last' ? yearBefore(current) : current);
    if (yearBounds(year)[0] > today) {
      await context.sendActivity(`The ${year} year has not started yet: it runs from ${formatUkDate(yearBounds(year)[0])}.${hint}`);
      return undefined;
    }
    return year;
  }

  /** The report for the council's governance committee (members): the SPO produces it, for a meeting. */
  async committeeReport(context: TurnContext, person: Person, request: { year?: string | undefined; relativeYear?: 'this' | 'last' | undefined; meeting?: string | undefined }, inChannel = false): Promise<void> {
    const verdict = permissions.produceCommitteeReport(person);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const today = this.today();
    const year = await this.reportYear(context, request, today);
    if (!year) return;
    const partnerships = await this.services.register.allEntries();
    const [yearStart, yearEnd] = yearBounds(year);
    const exitDocuments: Record<string, ExitDocument | undefined> = {};
    for (const p of partnerships) {
      if (p.status === 'closed' && p.exitDate && p.exitDate.slice(0, 10) >= yearStart && p.exitDate.slice(0, 10) <= yearEnd) exitDocuments[p.id] = await this.services.register.exitDocument(p.id);
    }
    const log = await this.logByPartnership();
    const missingReturns = await this.missingReturnNames(partnerships, assessmentYearOf(today));
    const report = buildCommitteeReport({
      year, today, producedBy: person.name, ...(request.meeting ? { meeting: request.meeting } : {}), partnerships, actions: log, exitDocuments, missingReturns,
      highRiskBands: escalatingBands(this.services.scale), riskLabel: (id) => this.riskLabel(id), areaLabel: (a) => this.services.reference.areaLabel(a),
    });
    const title = `Partnerships report to the governance committee ${year}${request.meeting ? ` (${request.meeting})` : ''}`;
    const fileName = `partnerships-committee-report-${year.replace('/', '-')}.html`;
    const content = renderCommitteeReportHtml(report);
    const link = await this.save(context, { title, fileName, contentType: 'text/html; charset=utf-8', disposition: 'inline', content, createdBy: { objectId: person.objectId, name: person.name } });
    if (!link) return;
    await this.services.archive?.keep({ kind: 'committee', title, year, ...(request.meeting ? { meeting: request.meeting } : {}), fileName, content, producedBy: { objectId: person.objectId, name: person.name } });
    this.services.logger.info({ documentId: link.id, kind: 'committee-report', year, significant: report.significant.length }, 'committee report produced');
    const card = documentLinkCard({
      title,
      lines: [
        `For members${request.meeting ? ` at ${plain(request.meeting)}` : ''}: ${report.significant.length === 1 ? 'one significant partnership' : `${report.significant.length} significant partnerships`} with their assurance rating, ${report.remedial.length} remedial action${report.remedial.length === 1 ? '' : 's'} and their progress, resources committed (${formatGbp(report.resources.totalCash)} a year and ${report.resources.totalHours} officer hours a month), ${report.added.length} added and ${report.removed.length} removed, ${report.exits.length} exit${report.exits.length === 1 ? '' : 's'} with lessons, and ${report.overdueReturns.length} overdue return${report.overdueReturns.length === 1 ? '' : 's'}.`,
        `Sections: ${COMMITTEE_SECTIONS.map((s) => s.title).join('; ')}.`,
        'It is kept as a record of what went to the committee: say "list reports" to open it again later.',
      ],
      buttonTitle: 'Open the committee report',
      url: link.url,
      expiryNote: expiryNote(link.expiresAt),
    });
    await this.deliver(context, person, inChannel, card, title);
  }

  /** The reports produced in the last twelve months, each opened again from its kept copy. */
  async listReports(context: TurnContext, person: Person): Promise<void> {
    const verdict = permissions.listReports(person);
    if (!verdict.allowed || !this.services.archive) {
      await context.sendActivity(verdict.allowed ? 'No reports are kept yet.' : verdict.refusal);
      return;
    }
    // The last twelve months, so June still shows what went to Leadership Team or the committee in March.
    const since = new Date(this.services.clock.now().getTime() - 365 * 86_400_000).toISOString();
    const yearStart = since.slice(0, 10);
    const reports = (await this.services.archive.producedSince(since)).filter((r) => permissions.canOpenReport(person, r));
    if (reports.length === 0) {
      await context.sendActivity(`No reports have been produced since ${formatUkDate(yearStart)}. Say "annual report" or "committee report" to produce one.`);
      return;
    }
    await context.sendActivity(
      cardMessage(
        reportListCard({
          title: 'Reports produced in the last 12 months',
          intro: `${reports.length === 1 ? 'One report' : `${reports.length} reports`} since ${formatUkDate(yearStart)}, newest first. Each is kept as it was produced; opening one makes a fresh link to that copy.`,
          reports: reports.map((r) => ({ id: r.id, title: r.title, detail: `Produced by ${r.producedBy.name} on ${formatUkDate(r.producedAt)}${r.meeting ? ` for ${r.meeting}` : ''}.` })),
        }),
        `${reports.length} reports this year`,
      ),
    );
  }

  /** A kept report opened again: a new link to the archived copy, whatever became of the first link. */
  async openReport(context: TurnContext, person: Person, request: { reportId: string }, inChannel = false): Promise<void> {
    const report = await this.services.archive?.get(request.reportId);
    const verdict = permissions.openReport(person, report);
    if (!verdict.allowed || !report) {
      await context.sendActivity(verdict.allowed ? permissions.REPORT_NOT_FOUND : verdict.refusal);
      return;
    }
    const link = await this.save(context, { title: report.title, fileName: report.fileName, contentType: 'text/html; charset=utf-8', disposition: 'inline', content: report.content, createdBy: { objectId: person.objectId, name: person.name } });
    if (!link) return;
    this.services.logger.info({ documentId: link.id, reportId: report.id, kind: 'report-reopened' }, 'kept report opened again');
    const card = documentLinkCard({
      title: report.title,
      lines: [`The report as ${plain(report.producedBy.name)} produced it on ${formatUkDate(report.producedAt)}${report.meeting ? ` for ${plain(report.meeting)}` : ''}, from the kept copy.`],
      buttonTitle: 'Open the report',
      url: link.url,
      expiryNote: expiryNote(link.expiresAt),
    });
    await this.deliver(context, person, inChannel, card, report.title);
  }

  /** Each partnership's action log and its returns to the year's round, when those are kept. */
  private async actionsAndReturns(partnerships: readonly Partnership[], year: string): Promise<{ actions?: Record<string, LoggedAction[]>; returns?: Record<string, { invited: number; responded: number }> }> {
    const actions = this.services.actions ? await this.logByPartnership() : undefined;
    const round = await this.services.rounds?.get(year);
    let returns: Record<string, { invited: number; responded: number }> | undefined;
    if (round && this.services.assessments.responses) {
      returns = {};
      for (const p of partnerships) {
        const invited = round.invited[p.id];
        if (!invited) continue;
        const responded = new Set((await this.services.assessments.responses(p.id, year)).map((r) => r.officer.objectId));
        returns[p.id] = { invited: invited.length, responded: invited.filter((id) => responded.has(id)).length };
      }
    }
    return { ...(actions ? { actions } : {}), ...(returns ? { returns } : {}) };
  }

  private async logByPartnership(): Promise<Record<string, LoggedAction[]>> {
    const byPartnership: Record<string, LoggedAction[]> = {};
    for (const action of (await this.services.actions?.all()) ?? []) (byPartnership[action.partnershipId] ??= []).push(action);
    return byPartnership;
  }

  /** Names of officers whose return to this year's round is still missing, per partnership. */
  private async missingReturnNames(partnerships: readonly Partnership[], year: string): Promise<Record<string, string[]>> {
    const round = await this.services.rounds?.get(year);
    if (!round || !this.services.assessments.responses) return {};
    const missing: Record<string, string[]> = {};
    for (const p of partnerships) {
      const invited = round.invited[p.id];
      if (!invited) continue;
      const responded = new Set((await this.services.assessments.responses(p.id, year)).map((r) => r.officer.objectId));
      const names = await Promise.all(invited.filter((id) => !responded.has(id)).map(async (id) => (await this.services.people.find(id))?.name ?? 'an officer'));
      if (names.length) missing[p.id] = names;
    }
    return missing;
  }

  /**
   * The link opens the document for whoever holds it, so in a channel it goes
   * to the person's 1:1 chat, never to everyone in the channel.
   */
  private async deliver(context: TurnContext, person: Person, inChannel: boolean, card: AdaptiveCardJson, summary: string): Promise<void> {
    if (!inChannel) {
      await context.sendActivity(cardMessage(card, summary));
      return;
    }
    const key = `document-${(context.activity.id ?? `${Date.now()}`).slice(0, 80).replace(/[/\\?#]/g, '-')}`;
    const result = await this.services.notifier.notify(person.objectId, key, { card, summary });
    await context.sendActivity(
      result === 'delivered'
        ? `I've sent it to you in our 1:1 chat: anyone with its link can open it, so I don't post it in a channel.`
        : `It's ready, and waiting for you in our 1:1 chat: anyone with its link can open it, so I don't post it in a channel. Message me there and it will arrive.`,
    );
  }

  private async save(context: TurnContext, doc: Parameters<DocumentStore['save']>[0]) {
    try {
      const saved = await this.services.documents.save(doc);
      await this.removeExpired();
      return saved;
    } catch (error) {
      if (!(error instanceof DocumentTooLargeError)) throw error;
      this.services.logger.warn({ err: error }, 'document too large to keep');
      await context.sendActivity('The document is too large for me to keep. Nothing was lost; please tell the team that runs this bot.');
      return undefined;
    }
  }

  /** Housekeeping: a failure here must not cost the person their document. */
  private async removeExpired(): Promise<void> {
    try {
      const removed = await this.services.documents.removeExpired();
      if (removed > 0) this.services.logger.info({ removed }, 'expired documents removed');
    } catch (error) {
      this.services.logger.warn({ err: error }, 'could not remove expired documents; trying again next time');
    }
  }

  private riskLabel(bandId: string): string {
    return this.services.scale.bands.find((b) => b.id === bandId)?.label ?? bandId;
  }

  private today(): string {
    return this.services.clock.now().toISOString().slice(0, 10);
  }
}

function yearScoreOf(a: SelfAssessment): YearScore {
  const overall = a.scores.overall;
  return {
    year: a.year,
    ...(overall.percent !== undefined ? { percent: overall.percent } : {}),
    ...(overall.band ? { band: overall.band } : {}),
    ...(a.comparison?.overall.trend ? { trend: a.comparison.overall.trend } : {}),
    ...(a.comparison?.overall.change !== undefined ? { change: a.comparison.overall.change } : {}),
    recommendation: a.recommendation.recommendation,
    ...(a.lowConfidence ? { lowConfidence: a.lowConfidence } : {}),
    evidenceGaps: evidenceGapLines(a),
    evidence: evidenceLines(a),
  };
}

function expiryNote(expiresAt: string): string {
  return `Anyone with this link can open it until ${formatUkDate(expiresAt)}, so share it only within the council. After that, ask me again for a fresh one.`;
}
