import { scoreStatements, type CombinedStatement } from './selfAssessmentScoring.js';

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
  before?: number;
  now?: number;
  change?: number;
  trend?: Trend;
}

export interface YearComparison {
  previousYear: string;
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

export function trendOf(change: number): Trend {
  if (change >= TREND_POINTS) return 'improved';
  if (change <= -TREND_POINTS) return 'declined';
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

  const change = (area: string, a?: number, b?: number): ScoreChange => {
    if (a === undefined || b === undefined) return { area, ...(b !== undefined ? { before: b } : {}), ...(a !== undefined ? { now: a } : {}) };
    return { area, before: b, now: a, change: a - b, trend: trendOf(a - b) };
  };
  const moved = shared.flatMap((id) => {
    const a = current.statements[id]!.mean;
    const b = previous.statements[id]!.mean;
    return a !== undefined && b !== undefined && Math.abs(a - b) >= MOVED_BY ? [{ id, before: b, now: a }] : [];
  });
  return {
    previousYear: previous.year,
    sharedStatementsOnly: sharedOnly,
    sharedStatements: shared.length,
    sections: areas.map((area, i) => change(area, now.sections[i]!.percent, before.sections[i]!.percent)),
    overall: change('overall', now.overall.percent, before.overall.percent),
    moved,
  };
}
