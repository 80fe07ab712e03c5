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
  /**
   * Exact mean of the applicable ratings (don't know counts as 0); absent when
   * all said not applicable. Never rounded here: rounding before summing moved
   * scores across band boundaries.
   */
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
  /** The percentage as shown: whole, and on the same side of a band boundary as the exact one; absent when no statement applies. */
  percent?: number;
  /** The unrounded percentage the band and every rule are worked out from. */
  exactPercent?: number;
  /** Exact points (means summed); rounded only when shown. */
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
  overall: { percent?: number; exactPercent?: number; points: number; maxPoints: number; band?: ScoreBand };
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
    ...(numbers.length > 0 ? { mean: numbers.reduce((a, b) => a + b, 0) / numbers.length } : {}),
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

/**
 * Exact percentages come from divisions and means, so 75 can arrive as
 * 74.99999999999999; anything that close to a boundary counts as on it.
 */
const FLOAT_SLACK = 1e-9;

export function bandOf(percent: number): ScoreBand {
  if (percent + FLOAT_SLACK >= 75) return 'green';
  if (percent + FLOAT_SLACK >= 50) return 'amber';
  return 'red';
}

/** Where a percentage changes band; a shown percentage never crosses one. */
const BAND_BOUNDARIES = [50, 75];

/**
 * The percentage as officers see it: rounded to a whole number once, except
 * that it is never rounded up across a band boundary (an exact 74.6% shows as
 * 74%, Developing), so the number shown always agrees with its band.
 */
export function displayPercent(exact: number): number {
  return roundWithin(exact, BAND_BOUNDARIES);
}

/**
 * Rounds to a whole number unless that would put it on the other side of one
 * of the thresholds (compared by size, so -4.6 does not become -5 when 5 is a
 * threshold); then it is cut towards zero instead.
 */
export function roundWithin(exact: number, thresholds: readonly number[]): number {
  const rounded = Math.round(exact);
  const size = Math.abs(exact) + FLOAT_SLACK;
  const crosses = thresholds.some((t) => Math.abs(rounded) >= t !== size >= t);
  return crosses ? Math.trunc(exact) : rounded;
}

/** The exact percentage of a stored score; scores saved before exact values were kept have only the shown one. */
export function exactPercentOf(score: { percent?: number; exactPercent?: number }): number | undefined {
  return score.exactPercent ?? score.percent;
}

/**
 * Section % = points / (3 x applicable statements) x 100; overall % = mean of
 * the section percentages. Everything is worked out and banded on exact
 * values; only the `percent` shown is rounded, once (spec section 6).
 */
export function scoreStatements(statements: Record<string, Pick<CombinedStatement, 'mean' | 'notApplicable' | 'dontKnow'>>, areaOf: Record<string, string>, areas: readonly string[]): Scores {
  const sections = areas.map((area): SectionScore => {
    const ids = Object.keys(statements).filter((id) => areaOf[id] === area);
    const applicable = ids.filter((id) => !statements[id]!.notApplicable && statements[id]!.mean !== undefined);
    const points = applicable.reduce((sum, id) => sum + statements[id]!.mean!, 0);
    const maxPoints = applicable.length * 3;
    const gaps = ids.filter((id) => statements[id]!.notApplicable || statements[id]!.dontKnow).length;
    const exact = maxPoints > 0 ? (points / maxPoints) * 100 : undefined;
    return { area, points, maxPoints, applicable: applicable.length, gaps, lowConfidence: gaps > LOW_CONFIDENCE_ABOVE, ...scored(exact) };
  });
  const withScores = sections.filter((s) => s.exactPercent !== undefined);
  const exact = withScores.length > 0 ? withScores.reduce((sum, s) => sum + s.exactPercent!, 0) / withScores.length : undefined;
  return {
    sections,
    overall: {
      points: sections.reduce((sum, s) => sum + s.points, 0),
      maxPoints: sections.reduce((sum, s) => sum + s.maxPoints, 0),
      ...scored(exact),
    },
  };
}

function scored(exact: number | undefined): { percent?: number; exactPercent?: number; band?: ScoreBand } {
  return exact === undefined ? {} : { percent: displayPercent(exact), exactPercent: exact, band: bandOf(exact) };
}

/**
 * Why a score rests on little evidence (spec section 6: more than 2 statements
 * of an area not applicable or not known), in words an officer reads on the
 * card, the register and the report. `areas` are the low-confidence areas'
 * titles; `ofAll` is how many areas were scored or could have been.
 */
export function lowConfidenceText(areas: readonly string[], ofAll: number): string | undefined {
  if (areas.length === 0) return undefined;
  const where = areas.length === ofAll && ofAll > 1 ? 'every area' : areas.length === 1 ? areas[0]! : `${areas.slice(0, -1).join(', in ')} and in ${areas.at(-1)!}`;
  return `Low confidence in ${where}: more than 2 statements ${areas.length === 1 ? 'there' : 'in each'} were not applicable or not known`;
}

/** "63 / 84", or "62.5 / 84" when officers' means leave a fraction: points are rounded here, for display only. */
export function formatPoints(points: number, maxPoints: number): string {
  return `${formatMean(points)} / ${maxPoints}`;
}

/** A mean or a sum of means as shown: whole, or to one decimal place. */
export function formatMean(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}
