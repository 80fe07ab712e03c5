import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The register's fixed terms and the words for them (language/terms.en-GB.json), checked at start-up. */
const wordsList = z.array(z.string().trim().min(1).max(80)).min(1);
export const termsSchema = z
  .object({
    $comment: z.string().optional(),
    status: z.record(z.enum(['proposed', 'active', 'under-review', 'exiting', 'closed', 'rejected']), wordsList),
    stage: z.record(z.enum(['forming', 'frustration', 'functioning', 'flying', 'failing']), wordsList),
    significance: z.record(z.enum(['high', 'medium', 'low']), wordsList),
    risk: z.record(z.string().regex(/^[a-z0-9-]+\+?$/), wordsList),
    outcome: z.record(z.enum(['red', 'amber', 'green']), wordsList),
    role: z.record(z.enum(['ad', 'spo', 'leadership']), wordsList),
    order: z.record(z.enum(['cash:desc', 'cash:asc', 'started:desc', 'started:asc', 'score:desc', 'score:asc']), wordsList),
    areaSynonyms: z.record(z.string(), wordsList),
    prioritySynonyms: z.record(z.string(), wordsList),
  })
  .strict();

export type Terms = z.infer<typeof termsSchema>;

export function loadTerms(path: string, riskBandIds: readonly string[]): Terms {
  const terms = termsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  for (const key of Object.keys(terms.risk)) {
    if (!riskBandIds.includes(key.replace(/\+$/, ''))) throw new Error(`${path}: risk "${key}" is not a band of the risk scale (${riskBandIds.join(', ')})`);
  }
  return terms;
}
