/** The most recent annual self-assessment result for a partnership, as the exit document records it. */
export interface LatestScore {
  /** The assessment year, e.g. "2026/27". */
  year: string;
  overallPercent: number;
  band: string;
}

/**
 * Where the exit interview reads the latest self-assessment score. The
 * self-assessment store implements it; the exit flow needs nothing else of it.
 */
export interface LatestScoreSource {
  latestScore(partnershipId: string): Promise<LatestScore | undefined>;
}
