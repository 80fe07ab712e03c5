import { RECOMMENDATION_LABELS, type Recommendation } from '../domain/involvementRecommendation.js';
import { STAGE_LABELS } from '../domain/lifeCycleStage.js';
import { BAND_LABELS, type ScoreBand } from '../domain/selfAssessmentScoring.js';
import { EXIT_OUTCOME_LABELS, type ExitDocument } from '../partnerships/exitDocument.js';
import { yearBounds, yearsBetween } from '../domain/assessmentYear.js';
import { TREND_LABELS, type Trend } from '../domain/yearOnYear.js';
import type { Partnership } from '../partnerships/partnership.js';
import { byName, currentStage, reviewState, SIGNIFICANCE_LABELS, STATUS_LABELS } from '../status/registerLists.js';
import { actionCounts as countActions, returnsRate, type ActionCounts, type ActionFacts } from '../domain/actionRules.js';

/** What the report needs of one closed self-assessment year. */
export interface YearScore {
  year: string;
  percent?: number;
  band?: ScoreBand;
  trend?: string;
  change?: number;
  recommendation: Recommendation;
  /** Why the score rests on little evidence, when it does. */
  lowConfidence?: string;
  /** Statements officers did not know, and who will find out, as lines to print. */
  evidenceGaps?: string[];
  /** Officers' evidence and comments, one line per statement. */
  evidence?: string[];
}

export interface AnnualReportInput {
  /** "2026/27" */
  year: string;
  /** ISO date the report is produced on. */
  today: string;
  producedBy: string;
  partnerships: readonly Partnership[];
  /** Closed self-assessments per partnership id, any order. */
  scores: Readonly<Record<string, readonly YearScore[]>>;
  /** Exit documents per partnership id (only those that left in the year are read). */
  exitDocuments: Readonly<Record<string, ExitDocument | undefined>>;
  riskLabel(bandId: string): string;
  /** A service area's name ("Economic Development and Regeneration"); absent, its id is shown. */
  areaLabel?(areaId: string): string;
  /** Each partnership's action log (issue 19); absent: the report has no actions section. */
  actions?: Readonly<Record<string, readonly ActionFacts[]>>;
  /** Each partnership's returns to the year's self-assessment: officers invited and those who responded. */
  returns?: Readonly<Record<string, { invited: number; responded: number }>>;
  /** Who it is for: "Leadership Team" (the default) or "the Assistant Director for Communities". */
  audience?: string;
}

export interface ReportPartnership {
  id: string;
  name: string;
  status: string;
  serviceArea: string;
  leadOfficer: string;
  /** The score used: this year's, or the latest earlier one, with its year. */
  score?: {
    year: string;
    percent?: number;
    band?: string;
    bandId?: ScoreBand;
    trend?: string;
    recommendation: string;
    recommendationId: Recommendation;
    lowConfidence?: string;
    evidenceGaps: string[];
    evidence: string[];
  };
  stage: string;
  risk: string;
  /** Closed scores up to the report year, oldest first, for the chart (at most five years); a missing year has no percent. */
  history: Array<{ year: string; percent?: number; bandId?: ScoreBand; missing?: boolean }>;
  /** Years within that span with no closed self-assessment, so they read as missing rather than consecutive. */
  missingYears: string[];
  actions?: ActionCounts;
  returns?: { invited: number; responded: number; rate?: number };
}

export interface ReportNewPartnership {
  name: string;
  registered: string;
  status: string;
  significance: string;
  serviceArea: string;
  leadOfficer: string;
  councilCashPerYear: number;
}

export interface ReportExit {
  name: string;
  exitDate: string;
  outcome: string;
  achievements: Array<{ objective: string; result: string; comment?: string }>;
  recognition?: string;
  lessons?: { worked: string; didNotWork: string; doDifferently: string };
}

export interface ReportOverdue {
  name: string;
  leadOfficer: string;
  due: string;
  daysOverdue: number;
}

/** The annual report for Leadership Team as a view model: everything the card and the document show. */
export interface AnnualReport {
  year: string;
  yearStart: string;
  yearEnd: string;
  producedOn: string;
  producedBy: string;
  /** False while the year is still running: the report is "to date". */
  yearComplete: boolean;
  partnerships: ReportPartnership[];
  byBand: Array<{ label: string; bandId?: ScoreBand; count: number }>;
  byRecommendation: Array<{ label: string; count: number }>;
  newPartnerships: ReportNewPartnership[];
  exits: ReportExit[];
  overdueReviews: ReportOverdue[];
  audience: string;
  /** Every partnership's actions together; absent when the report was given no log. */
  actionTotals?: ActionCounts;
}

const RESULTS: Record<string, string> = { achieved: 'Achieved', partly: 'Partly achieved', not: 'Not achieved' };
const HISTORY_YEARS = 5;

/**
 * Builds the annual report for an April-to-March year from the register, the
 * closed self-assessments and the exit documents (spec section 9). Pure: the
 * caller reads storage, this decides what the report says.
 */
export function buildAnnualReport(input: AnnualReportInput): AnnualReport {
  const [yearStart, yearEnd] = yearBounds(input.year);
  const inYear = (iso: string | undefined) => !!iso && iso.slice(0, 10) >= yearStart && iso.slice(0, 10) <= yearEnd;

  // Partnerships the council was in during the year: registered by its end, not
  // rejected, and not already left before it began.
  const covered = input.partnerships
    .filter((p) => p.status !== 'rejected' && p.createdAt.slice(0, 10) <= yearEnd)
    .filter((p) => !(p.status === 'closed' && p.exitDate && p.exitDate.slice(0, 10) < yearStart))
    .sort(byName);

  const partnerships = covered.map((p): ReportPartnership => {
    const years = [...(input.scores[p.id] ?? [])].filter((s) => s.year <= input.year).sort((a, b) => a.year.localeCompare(b.year));
    const latest = years.at(-1);
    return {
      id: p.id,
      name: p.name,
      status: STATUS_LABELS[p.status],
      serviceArea: input.areaLabel?.(p.serviceArea) ?? p.serviceArea,
      leadOfficer: p.leadOfficer.name,
      ...(latest
        ? {
            score: {
              year: latest.year,
              ...(latest.percent !== undefined ? { percent: latest.percent } : {}),
              ...(latest.band ? { band: BAND_LABELS[latest.band], bandId: latest.band } : {}),
              trend: latest.trend ? `${TREND_LABELS[latest.trend as Trend] ?? latest.trend}${latest.change !== undefined ? ` (${signed(latest.change)} points)` : ''}` : 'First year',
              recommendation: RECOMMENDATION_LABELS[latest.recommendation] ?? latest.recommendation,
              recommendationId: latest.recommendation,
              ...(latest.lowConfidence ? { lowConfidence: latest.lowConfidence } : {}),
              evidenceGaps: latest.evidenceGaps ?? [],
              evidence: latest.evidence ?? [],
            },
          }
        : {}),
      stage: `${STAGE_LABELS[currentStage(p)]}${p.stage.confirmed ? '' : ' (suggested)'}`,
      risk: p.overallRisk ? input.riskLabel(p.overallRisk) : 'Not assessed',
      history: withMissingYears(years)
        .slice(-HISTORY_YEARS)
        .map((y) => ('missing' in y ? { year: y.year, missing: true } : { year: y.year, ...(y.percent !== undefined ? { percent: y.percent } : {}), ...(y.band ? { bandId: y.band } : {}) })),
      missingYears: years.flatMap((y, i) => (i > 0 ? yearsBetween(years[i - 1]!.year, y.year) : [])),
      ...(input.actions ? { actions: countActions(input.actions[p.id] ?? [], input.today) } : {}),
      ...(input.returns?.[p.id] ? { returns: withRate(input.returns[p.id]!) } : {}),
    };
  });

  const bands: Array<ScoreBand | undefined> = ['green', 'amber', 'red', undefined];
  const byBand = bands.map((bandId) => ({
    label: bandId ? BAND_LABELS[bandId] : 'Not yet scored',
    ...(bandId ? { bandId } : {}),
    count: partnerships.filter((p) => p.score?.bandId === bandId).length,
  }));
  const recommendations = Object.keys(RECOMMENDATION_LABELS) as Recommendation[];
  const byRecommendation = [
    ...recommendations.map((r) => ({ label: RECOMMENDATION_LABELS[r], count: partnerships.filter((p) => p.score?.recommendationId === r).length })),
    { label: 'No recommendation yet', count: partnerships.filter((p) => !p.score).length },
  ];

  // A proposal the Assistant Director turned down never became a partnership.
  const newPartnerships = input.partnerships
    .filter((p) => p.status !== 'rejected' && inYear(p.createdAt))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((p) => ({
      name: p.name,
      registered: p.createdAt.slice(0, 10),
      status: STATUS_LABELS[p.status],
      significance: SIGNIFICANCE_LABELS[p.significance],
      serviceArea: input.areaLabel?.(p.serviceArea) ?? p.serviceArea,
      leadOfficer: p.leadOfficer.name,
      councilCashPerYear: p.councilCashPerYear,
    }));

  const exits = input.partnerships
    .filter((p) => p.status === 'closed' && inYear(p.exitDate))
    .sort((a, b) => a.exitDate!.localeCompare(b.exitDate!))
    .map((p): ReportExit => {
      const doc = input.exitDocuments[p.id];
      return {
        name: p.name,
        exitDate: p.exitDate!.slice(0, 10),
        outcome: doc ? (EXIT_OUTCOME_LABELS[doc.outcome] ?? doc.outcome) : 'No exit document was recorded',
        achievements: (doc?.objectives ?? []).map((o) => ({ objective: o.objective, result: RESULTS[o.result] ?? o.result, ...(o.comment ? { comment: o.comment } : {}) })),
        ...(doc?.recognition ? { recognition: doc.recognition } : {}),
        ...(doc ? { lessons: { worked: doc.lessons.worked, didNotWork: doc.lessons.didNotWork, doDifferently: doc.lessons.doDifferently } } : {}),
      };
    });

  const overdueReviews = input.partnerships
    .flatMap((p) => {
      const state = reviewState(p, input.today);
      return state.state === 'overdue' ? [{ name: p.name, leadOfficer: p.leadOfficer.name, due: p.nextReviewDue, daysOverdue: state.days }] : [];
    })
    .sort((a, b) => a.due.localeCompare(b.due));

  return {
    year: input.year,
    yearStart,
    yearEnd,
    producedOn: input.today,
    producedBy: input.producedBy,
    yearComplete: input.today > yearEnd,
    partnerships,
    byBand,
    byRecommendation,
    newPartnerships,
    exits,
    overdueReviews,
    audience: input.audience ?? 'Leadership Team',
    ...(input.actions ? { actionTotals: countActions(covered.flatMap((p) => input.actions![p.id] ?? []), input.today) } : {}),
  };
}

function withRate(r: { invited: number; responded: number }): { invited: number; responded: number; rate?: number } {
  const rate = returnsRate(r.invited, r.responded);
  return { ...r, ...(rate !== undefined ? { rate } : {}) };
}

/** The closed years with every year missing between them put in its place. */
function withMissingYears(years: readonly YearScore[]): Array<YearScore | { year: string; missing: true }> {
  return years.flatMap((y, i) => [...(i > 0 ? yearsBetween(years[i - 1]!.year, y.year).map((year) => ({ year, missing: true as const })) : []), y]);
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
