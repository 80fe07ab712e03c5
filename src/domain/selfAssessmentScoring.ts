/**
 * Scoring for the annual self-assessment (spec section 6). Pure functions:
 * officers' ratings in, section and overall scores out.
 */

/** One officer's rating of one statement: 0-3, not applicable, or don't know (scores 0). */
export type StatementRating = 0 | 1 | 2 | 3 | 'na' | 'dk';

export type ScoreBand = 'green' | 'amber' | 'red';

export const BAND_LABELS: Record<ScoreBand, string> = { green: 'Strong', amber: 'Developing', red: 'Weak' };

/** The statement as the partnership scores it, from every officer who responded. */
export interface CombinedStatement {
  /** Mean of the applicable ratings (don't know counts as 0); absent when all said not applicable. */
  mean?: number;
  notApplicable: boolean;
  /** Someone did not know: an evidence gap. */
  dontKnow: boolean;
  /** Highest and lowest actual ratings are 2 or more apart. */
  viewsDiffer: boolean;
  ratings: StatementRating[];
}

export interface SectionScore {
  area: string;
  /** Whole-number percentage; absent when no statement applies. */
  percent?: number;
  points: number;
  maxPoints: number;
  applicable: number;
  /** Statements not applicable or not known. */
  gaps: number;
  lowConfidence: boolean;
  band?: ScoreBand;
}

export interface Scores {
  sections: SectionScore[];
  overall: { percent?: number; points: number; maxPoints: number; band?: ScoreBand };
}

const VIEWS_DIFFER_AT = 2;
const LOW_CONFIDENCE_ABOVE = 2;

export function parseRating(value: unknown): StatementRating | undefined {
  if (value === 'na' || value === 'dk') return value;
  if (value === '0' || value === '1' || value === '2' || value === '3') return Number(value) as 0 | 1 | 2 | 3;
  if (value === 0 || value === 1 || value === 2 || value === 3) return value;
  return undefined;
}

/** Several officers may respond: the mean per statement, with "views differ" flagged. */
export function combineRatings(ratings: StatementRating[]): CombinedStatement {
  const applicable = ratings.filter((r) => r !== 'na');
  const numbers: number[] = applicable.map((r) => (r === 'dk' ? 0 : r));
  const actual = applicable.filter((r): r is 0 | 1 | 2 | 3 => r !== 'dk');
  const spread = actual.length > 1 ? Math.max(...actual) - Math.min(...actual) : 0;
  return {
    ...(numbers.length > 0 ? { mean: round1(numbers.reduce((a, b) => a + b, 0) / numbers.length) } : {}),
    notApplicable: numbers.length === 0,
    dontKnow: applicable.includes('dk'),
    viewsDiffer: spread >= VIEWS_DIFFER_AT,
    ratings,
  };
}

/** Combines every officer's response, statement by statement. */
export function combineResponses(responses: Array<Record<string, StatementRating>>, statementIds: readonly string[]): Record<string, CombinedStatement> {
  const combined: Record<string, CombinedStatement> = {};
  for (const id of statementIds) {
    const ratings = responses.map((r) => r[id]).filter((r): r is StatementRating => r !== undefined);
    combined[id] = combineRatings(ratings);
  }
  return combined;
}

export function bandOf(percent: number): ScoreBand {
  if (percent >= 75) return 'green';
  if (percent >= 50) return 'amber';
  return 'red';
}

/**
 * Section % = points / (3 x applicable statements) x 100; overall % = mean of
 * the section percentages. Percentages are rounded to whole numbers before
 * banding, so the band always matches the number the officer sees.
 */
export function scoreStatements(statements: Record<string, Pick<CombinedStatement, 'mean' | 'notApplicable' | 'dontKnow'>>, areaOf: Record<string, string>, areas: readonly string[]): Scores {
  const sections = areas.map((area): SectionScore => {
    const ids = Object.keys(statements).filter((id) => areaOf[id] === area);
    const applicable = ids.filter((id) => !statements[id]!.notApplicable && statements[id]!.mean !== undefined);
    const points = round1(applicable.reduce((sum, id) => sum + statements[id]!.mean!, 0));
    const maxPoints = applicable.length * 3;
    const gaps = ids.filter((id) => statements[id]!.notApplicable || statements[id]!.dontKnow).length;
    const percent = maxPoints > 0 ? Math.round((points / maxPoints) * 100) : undefined;
    return { area, points, maxPoints, applicable: applicable.length, gaps, lowConfidence: gaps > LOW_CONFIDENCE_ABOVE, ...(percent !== undefined ? { percent, band: bandOf(percent) } : {}) };
  });
  const scored = sections.filter((s) => s.percent !== undefined);
  const percent = scored.length > 0 ? Math.round(scored.reduce((sum, s) => sum + s.percent!, 0) / scored.length) : undefined;
  return {
    sections,
    overall: {
      points: round1(sections.reduce((sum, s) => sum + s.points, 0)),
      maxPoints: sections.reduce((sum, s) => sum + s.maxPoints, 0),
      ...(percent !== undefined ? { percent, band: bandOf(percent) } : {}),
    },
  };
}

/** "63 / 84", or "62.5 / 84" when officers' means leave a fraction. */
export function formatPoints(points: number, maxPoints: number): string {
  return `${Number.isInteger(points) ? points : points.toFixed(1)} / ${maxPoints}`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
