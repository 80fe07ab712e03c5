export type Significance = 'high' | 'medium' | 'low';

/** The reason a partnership is highly significant because of its risk: the risk review changes it with the risk. */
export const HIGH_RISK_REASON = 'its overall risk is high or very high';

export interface SignificanceFacts {
  /** Council cash per year, in pounds. */
  councilCash: number;
  councilRole?: string;
  /** The council holds money, employs staff, owns assets or signs contracts for it. */
  holdsMoneyStaffOrAssets: boolean;
  statutory: boolean;
  /** Could leave the council with liabilities (yes or not sure). */
  liabilities: boolean;
  informationSharingOnly: boolean;
  /** The overall residual risk band reaches "high" or above. */
  highRisk: boolean;
  /** A council priority could not be met without it (spec section 3). */
  essentialToPriority?: boolean;
  /** Facts that decide significance which the officer was not sure of, in words ("whether it will employ staff"). */
  uncertain?: string[];
}

/**
 * Significance (spec section 3): high if the council puts in cash at or over
 * the threshold, is the accountable body or holds money, staff or assets for
 * it, it is statutory, it is essential to a priority, or its risk is high;
 * low if it costs nothing, carries no liabilities and only shares information,
 * and nothing deciding that is unsure; medium otherwise.
 */
export function significanceOf(facts: SignificanceFacts, cashThreshold: number): { level: Significance; reasons: string[] } {
  const reasons: string[] = [];
  if (facts.councilCash >= cashThreshold) reasons.push(`council cash of £${facts.councilCash.toLocaleString('en-GB')} a year is at or over the £${cashThreshold.toLocaleString('en-GB')} threshold`);
  if (facts.councilRole === 'accountable-body') reasons.push('the council is the accountable body');
  if (facts.holdsMoneyStaffOrAssets) reasons.push('the council holds money, employs staff, owns assets or signs contracts for it');
  if (facts.statutory) reasons.push('it is a statutory partnership');
  if (facts.essentialToPriority) reasons.push('it is essential to delivering a council priority');
  if (facts.highRisk) reasons.push(HIGH_RISK_REASON);
  if (reasons.length > 0) return { level: 'high', reasons };
  // "Not sure" is not "no": until it is known, the partnership is not treated as low (and gets the full questions).
  if (facts.uncertain?.length) return { level: 'medium', reasons: facts.uncertain.map((u) => `not yet known ${u}`) };
  if (facts.councilCash === 0 && !facts.liabilities && facts.informationSharingOnly) {
    return { level: 'low', reasons: ['no council cash, no liabilities and it only shares information'] };
  }
  return { level: 'medium', reasons: ['it involves council resources or liabilities below the high threshold'] };
}
