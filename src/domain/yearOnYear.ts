import { yearsBetween } from './assessmentYear.js';
import { roundWithin, scoreStatements, type CombinedStatement, type SectionScore } from './selfAssessmentScoring.js';

export type Trend = 'improved' | 'stable' | 'declined';

export const TREND_LABELS: Record<Trend, string> = { improved: 'Improved', stable: 'Stable', declined: 'Declined' };

/** What a comparison needs of one year's closed assessment. */
export interface YearScores {
  year: string;
  bankVersion: number;
  statements: Record<string, Pick<CombinedStatement, 'mean' | 'notApplicable' | 'dontKnow'>>;
  areaOf: Record<string, string>;
}

export interface ScoreChange {
  area: string;
  /** The percentages as shown. */
  before?: number;
  now?: number;
  /** The change in points as shown; the trend is worked out from the exact change. */
  change?: number;
  /** The unrounded change, for the rules that read it (a fall of 10 or more). */
  exactChange?: number;
  trend?: Trend;
}

export interface YearComparison {
  /** The latest earlier closed year: not always the year before. */
  previousYear: string;
  /** Years between the two with no closed assessment (absent on comparisons saved before it was kept). */
  missingYears?: string[];
  /** True when the bank changed between the years, so only shared statements were compared. */
  sharedStatementsOnly: boolean;
  sharedStatements: number;
  sections: ScoreChange[];
  overall: ScoreChange;
  /** Statements whose score moved by 2 or more. */
  moved: Array<{ id: string; before: number; now: number }>;
}

const TREND_POINTS = 5;
const MOVED_BY = 2;
/** Changes the rules read: the trend at 5 points, the failing-stage signal at a fall of 10. */
const CHANGE_THRESHOLDS = [TREND_POINTS, 10];
const FLOAT_SLACK = 1e-9;

export function trendOf(change: number): Trend {
  if (change + FLOAT_SLACK >= TREND_POINTS) return 'improved';
  if (change - FLOAT_SLACK <= -TREND_POINTS) return 'declined';
  return 'stable';
}

/**
 * Compares this year with the latest earlier one, statement by statement.
 * When the bank changed, both years are rescored on the statements they share,
 * so a new or dropped statement never shows as a change.
 */
export function compareYears(current: YearScores, previous: YearScores, areas: readonly string[]): YearComparison {
  const shared = Object.keys(current.statements).filter((id) => id in previous.statements && previous.areaOf[id] === current.areaOf[id]);
  const sameStatements = shared.length === Object.keys(current.statements).length && shared.length === Object.keys(previous.statements).length;
  const sharedOnly = current.bankVersion !== previous.bankVersion || !sameStatements;
  const pick = (statements: YearScores['statements']) => Object.fromEntries(shared.map((id) => [id, statements[id]!]));
  const now = scoreStatements(pick(current.statements), current.areaOf, areas);
  const before = scoreStatements(pick(previous.statements), previous.areaOf, areas);

  // Worked out on exact percentages; only what is shown is rounded, and never across a threshold.
  const change = (area: string, a: Pick<SectionScore, 'percent' | 'exactPercent'>, b: Pick<SectionScore, 'percent' | 'exactPercent'>): ScoreChange => {
    if (a.exactPercent === undefined || b.exactPercent === undefined) return { area, ...(b.percent !== undefined ? { before: b.percent } : {}), ...(a.percent !== undefined ? { now: a.percent } : {}) };
    const exact = a.exactPercent - b.exactPercent;
    return { area, before: b.percent!, now: a.percent!, change: roundWithin(exact, CHANGE_THRESHOLDS), exactChange: exact, trend: trendOf(exact) };
  };
  const moved = shared.flatMap((id) => {
    const a = current.statements[id]!.mean;
    const b = previous.statements[id]!.mean;
    return a !== undefined && b !== undefined && Math.abs(a - b) >= MOVED_BY ? [{ id, before: b, now: a }] : [];
  });
  return {
    previousYear: previous.year,
    missingYears: yearsBetween(previous.year, current.year),
    sharedStatementsOnly: sharedOnly,
    sharedStatements: shared.length,
    sections: areas.map((area, i) => change(area, now.sections[i]!, before.sections[i]!)),
    overall: change('overall', now.overall, before.overall),
    moved,
  };
}
