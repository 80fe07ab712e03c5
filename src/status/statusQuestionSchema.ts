import { z } from 'zod';
import type { StatusQuestion } from './statusQuestion.js';
import { councilYear, isoDate } from '../validation/cardFields.js';
import { registerQuerySchema } from './registerQuery.js';

const name = z.string().trim().min(1).max(150);
const statuses = z.array(z.enum(['proposed', 'active', 'under-review', 'exiting', 'closed', 'rejected'])).max(6);
const horizon = z.union([
  z.object({ amount: z.number().int().min(1).max(999), unit: z.enum(['day', 'week', 'month']) }).strict(),
  z.object({ until: isoDate }).strict(),
]);

/**
 * A status question as a "next page" button carries it. Card data comes back
 * from the client, so it is checked as strictly as anything typed.
 */
export const statusQuestionSchema: z.ZodType<StatusQuestion> = z.discriminatedUnion('kind', [
  registerQuerySchema,
  z.object({ kind: z.literal('dueReview'), horizon, onlyMine: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('overdue'), onlyMine: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('mine') }).strict(),
  z
    .object({
      kind: z.literal('register'),
      onlyMine: z.boolean().optional(),
      filter: z
        .object({
          statuses: statuses.optional(),
          significance: z.array(z.enum(['high', 'medium', 'low'])).max(3).optional(),
          risks: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/)).max(10).optional(),
          stages: z.array(z.enum(['forming', 'frustration', 'functioning', 'flying', 'failing'])).max(5).optional(),
          priority: z.string().regex(/^[a-z0-9-]{1,60}$/).optional(),
        })
        .strict(),
    })
    .strict(),
  z.object({ kind: z.literal('show'), partnershipName: name }).strict(),
  z.object({ kind: z.literal('scoreHistory'), partnershipName: name }).strict(),
  z.object({ kind: z.literal('exits'), year: councilYear.optional(), relativeYear: z.enum(['this', 'last']).optional() }).strict(),
]) as z.ZodType<StatusQuestion>;

/** What a "Previous page" or "Next page" button carries (verb `statusPage`). */
export const statusPageSchema = z.object({
  question: statusQuestionSchema,
  page: z.number().int().min(1).max(10_000),
});
