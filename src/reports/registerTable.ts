import { TREND_LABELS, type Trend } from '../domain/yearOnYear.js';
import { RECOMMENDATION_LABELS, type Recommendation } from '../domain/involvementRecommendation.js';
import { STAGE_LABELS } from '../domain/lifeCycleStage.js';
import { BAND_LABELS, type ScoreBand } from '../domain/selfAssessmentScoring.js';
import type { Partnership } from '../partnerships/partnership.js';
import { byName, currentStage, PRIORITY_LABELS, STATUS_LABELS } from '../status/registerLists.js';
import { formatUkDate } from '../util/ukFormat.js';
import type { CsvCell } from './toCsv.js';

/** The register's columns, in the order the export shows them. */
export const REGISTER_COLUMNS = [
  'Partnership',
  'Reference',
  'Status',
  'Significance',
  'Purpose',
  'Lead officer',
  'Service area',
  'Assistant Director',
  'Partners',
  'Council role',
  'Legal form',
  'Statutory',
  'Business Plan priorities',
  'Council cash per year (£)',
  'In-kind contribution',
  'Overall risk',
  'Life-cycle stage',
  'Next review',
  'Latest score (%)',
  'Score band',
  'Score confidence',
  'Trend',
  'Recommendation',
  'Assessment year',
  'Start date',
  'End date',
  'Council left',
] as const;

const SIGNIFICANCE: Record<string, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/**
 * The register as rows of cells, one per partnership, alphabetical. Money stays
 * a number so a spreadsheet can total it; dates are UK dates. Pure.
 */
export function registerTable(partnerships: readonly Partnership[], riskLabel: (bandId: string) => string): CsvCell[][] {
  return [...partnerships].sort(byName).map((p) => {
    const latest = p.latestAssessment;
    return [
      p.name,
      p.id,
      STATUS_LABELS[p.status],
      SIGNIFICANCE[p.significance] ?? p.significance,
      p.purpose,
      p.leadOfficer.name,
      p.serviceArea,
      p.assistantDirector?.name,
      p.partners.map((row) => String(row['name'] ?? '').trim()).filter(Boolean).join('; '),
      p.councilRole,
      p.legalForm,
      p.statutory ? 'Yes' : 'No',
      p.priorities.map((id) => PRIORITY_LABELS[id] ?? id).join('; '),
      p.councilCashPerYear,
      p.inKind,
      p.overallRisk ? riskLabel(p.overallRisk) : undefined,
      `${STAGE_LABELS[currentStage(p)]}${p.stage.confirmed ? '' : ' (suggested)'}`,
      p.status === 'active' || p.status === 'under-review' ? formatUkDate(p.nextReviewDue) : undefined,
      latest?.percent,
      latest?.band ? (BAND_LABELS[latest.band as ScoreBand] ?? latest.band) : undefined,
      latest?.lowConfidence,
      latest?.trend ? (TREND_LABELS[latest.trend as Trend] ?? latest.trend) : undefined,
      latest ? (RECOMMENDATION_LABELS[latest.recommendation as Recommendation] ?? latest.recommendation) : undefined,
      latest?.year,
      formatUkDate(p.startDate),
      p.endDate ? formatUkDate(p.endDate) : undefined,
      p.exitDate ? formatUkDate(p.exitDate) : undefined,
    ];
  });
}
