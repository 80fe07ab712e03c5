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
import { formatUkDate } from '../src/util/ukFormat.js';
import { evidenceGapLines, evidenceLines } from './selfAssessmentView.js';

export interface ReportCommandsServices {
  register: PartnershipRegister;
  people: PeopleDirectory;
  reference: ReferenceData;
  assessments: { history(partnershipId: string): Promise<SelfAssessment[]> };
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
    const columns = columnContext(await this.services.people.everyone(), this.services.reference, this.services.scale);
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
    const current = assessmentYearOf(today);
    const year = request.year ?? (request.relativeYear === 'last' ? yearBefore(current) : current);
    if (yearBounds(year)[0] > today) {
      await context.sendActivity(`The ${year} year has not started yet: it runs from ${formatUkDate(yearBounds(year)[0])}. Ask for "annual report" for this year so far.`);
      return;
    }
    const partnerships = await this.services.register.all();
    const [yearStart, yearEnd] = yearBounds(year);
    const scores: Record<string, YearScore[]> = {};
    const exitDocuments: Record<string, ExitDocument | undefined> = {};
    for (const p of partnerships) {
      scores[p.id] = (await this.services.assessments.history(p.id)).map(yearScoreOf);
      if (p.status === 'closed' && p.exitDate && p.exitDate.slice(0, 10) >= yearStart && p.exitDate.slice(0, 10) <= yearEnd) {
        exitDocuments[p.id] = await this.services.register.exitDocument(p.id);
      }
    }
    const report = buildAnnualReport({ year, today, producedBy: person.name, partnerships, scores, exitDocuments, riskLabel: (id) => this.riskLabel(id), areaLabel: (id) => this.services.reference.areaLabel(id) });
    const link = await this.save(context, {
      title: `Partnerships annual report ${year}`,
      fileName: `partnerships-annual-report-${year.replace('/', '-')}.html`,
      contentType: 'text/html; charset=utf-8',
      disposition: 'inline',
      content: renderAnnualReportHtml(report),
      createdBy: { objectId: person.objectId, name: person.name },
    });
    if (!link) return;
    this.services.logger.info({ documentId: link.id, kind: 'annual-report', year, partnerships: report.partnerships.length }, 'annual report produced');
    const card = annualReportCard({
      title: `Partnerships annual report ${year}`,
      intro: `${report.partnerships.length === 1 ? '1 partnership' : `${report.partnerships.length} partnerships`} from ${formatUkDate(yearStart)} to ${formatUkDate(report.yearComplete ? yearEnd : today)}${report.yearComplete ? '' : ' (the year so far)'}. The full report has every partnership's score, trend, band, stage, risk and recommendation with charts, and the exits with their lessons; open it to read, print or save as PDF.`,
      byBand: report.byBand,
      byRecommendation: report.byRecommendation,
      newPartnerships: report.newPartnerships.map((n) => `${n.name} (${formatUkDate(n.registered)})`),
      exits: report.exits.map((x) => `${x.name} (left ${formatUkDate(x.exitDate)})`),
      overdueReviews: report.overdueReviews.map((o) => `${o.name} (due ${formatUkDate(o.due)})`),
      url: link.url,
      expiryNote: expiryNote(link.expiresAt),
    });
    await this.deliver(context, person, inChannel, card, `Partnerships annual report ${year}`);
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
