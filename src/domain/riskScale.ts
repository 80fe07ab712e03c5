import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The council's risk matrix as data: a 4 x 4 scale by default, a 5 x 5 one
 * by changing config/risk-scale.json, never code.
 */
const level = z.object({ value: z.number().int().min(1), label: z.string().min(1), detail: z.string() });

export const riskScaleSchema = z
  .object({
    name: z.string().min(1),
    likelihood: z.array(level).min(2),
    impact: z.array(level).min(2),
    bands: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z][a-z-]*$/),
          label: z.string().min(1),
          min: z.number().int().min(1),
          max: z.number().int().min(1),
          colour: z.enum(['green', 'amber', 'red']),
          /** What a risk in this band does to a new partnership's outcome. */
          escalation: z.enum(['none', 'amber', 'red']),
          guidance: z.string(),
        }),
      )
      .min(1),
  })
  .superRefine((scale, ctx) => {
    for (const band of scale.bands) {
      if (band.min > band.max) ctx.addIssue({ code: 'custom', path: ['bands'], message: `band ${band.id} starts at ${band.min}, after its end at ${band.max}` });
    }
    if (!scale.bands.some((b) => b.escalation !== 'none')) ctx.addIssue({ code: 'custom', path: ['bands'], message: 'no band needs action (every escalation is "none"), so no risk would ever need a mitigation plan' });
    for (let i = 1; i < scale.bands.length; i++) {
      if (scale.bands[i]!.min <= scale.bands[i - 1]!.max) ctx.addIssue({ code: 'custom', path: ['bands'], message: `band ${scale.bands[i]!.id} overlaps the band before it; list bands from lowest to highest` });
    }
  });

export type RiskScale = z.infer<typeof riskScaleSchema>;
export type RiskBand = RiskScale['bands'][number];

export class RiskScaleError extends Error {
  override readonly name = 'RiskScaleError';
}

export function loadRiskScale(path: string): RiskScale {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RiskScaleError(`Risk scale ${path} cannot be read: ${(error as Error).message}`);
  }
  const parsed = riskScaleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RiskScaleError(`Risk scale ${path}: ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The first band that needs action (spec section 5: high and above need a
 * mitigation plan with dates), and the lowest score in it. The bank's "still
 * high after controls" questions and the outcome's risk actions both use it.
 */
export function actionBand(scale: RiskScale): RiskBand {
  return scale.bands.find((b) => b.escalation !== 'none')!;
}
