import { z } from 'zod';

/**
 * The format of a question bank: versioned data the council can replace
 * without a code change. Banks live in banks/<id>.v<version>.json.
 */

const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'must be a short identifier (letters, digits, _ or -)');

export const optionSchema = z.object({
  value: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'must be lower-case letters, digits, _ or -'),
  label: z.string().min(1).max(200),
  /** Other words an officer might type for this option. */
  synonyms: z.array(z.string().min(1)).optional(),
});

/** Asked only if ...: conditions on earlier answers. */
export type Condition =
  | { question: string; equals: string | number | boolean }
  | { question: string; in: string[] }
  | { question: string; includes: string }
  | { question: string; answered: boolean }
  /** Numeric comparison; choice values such as "3" compare as numbers. */
  | { question: string; atLeast: number }
  | { question: string; atMost: number }
  /**
   * A risk score: the product of two numeric answers (likelihood x impact),
   * at least a number, or above or below the product of two others. In a bank
   * file `atLeast` may be "action-band": the lowest score of the risk scale's
   * first band that needs action, filled in from the configured scale when the
   * bank loads (src/questionnaire/riskScaleBinding.ts).
   */
  | { score: [string, string]; atLeast: number }
  | { score: [string, string]; above: [string, string] }
  | { score: [string, string]; below: [string, string] }
  /** A named condition defined once in the bank's `conditions`. */
  | { ref: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ question: id, equals: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
    z.object({ question: id, in: z.array(z.string()).min(1) }).strict(),
    z.object({ question: id, includes: z.string() }).strict(),
    z.object({ question: id, answered: z.boolean() }).strict(),
    z.object({ question: id, atLeast: z.number() }).strict(),
    z.object({ question: id, atMost: z.number() }).strict(),
    z.object({ score: z.tuple([id, id]), atLeast: z.number() }).strict(),
    z.object({ score: z.tuple([id, id]), above: z.tuple([id, id]) }).strict(),
    z.object({ score: z.tuple([id, id]), below: z.tuple([id, id]) }).strict(),
    z.object({ ref: id }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

const columnSchema = z
  .object({
    id,
    label: z.string().min(1).max(100),
    type: z.enum(['text', 'choice', 'number', 'money', 'date']),
    required: z.boolean().default(false),
    options: z.array(optionSchema).optional(),
    maxLength: z.number().int().min(1).max(2000).default(200),
  })
  .strict();

const common = {
  id,
  prompt: z.string().min(1).max(500),
  help: z.string().max(2000).optional(),
  required: z.boolean().default(true),
  condition: conditionSchema.optional(),
  tags: z.array(z.string().min(1)).default([]),
  /** Consecutive questions with the same group are shown on one card. */
  group: id.optional(),
  /** Flow-specific data (scoring weights, actions for weak answers...). */
  meta: z.record(z.string(), z.unknown()).optional(),
};

export const questionSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('yesNoUnsure') }).strict(),
  z
    .object({
      ...common,
      type: z.literal('text'),
      minLength: z.number().int().min(0).default(0),
      maxLength: z.number().int().min(1).max(10_000).default(2000),
      placeholder: z.string().max(100).optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('choice'),
      options: z.array(optionSchema).min(2),
      /** The options are the configured risk scale's levels, filled in when the bank loads (a file then lists none). */
      optionsFrom: z.enum(['likelihood', 'impact']).optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('multiChoice'),
      options: z.array(optionSchema).min(2),
      /** An option that cannot be combined with others, e.g. "none". */
      exclusiveOption: z.string().optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.enum(['number', 'money']),
      min: z.number().optional(),
      max: z.number().optional(),
      integer: z.boolean().default(false),
      unit: z.string().max(40).optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('date'),
      /** Earliest and latest accepted dates: an ISO date or "today". */
      notBefore: z.string().optional(),
      notAfter: z.string().optional(),
      /** A word that may stand instead of a date, e.g. "open-ended". */
      alternative: optionSchema.optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('list'),
      columns: z.array(columnSchema).min(1).max(6),
      minRows: z.number().int().min(0).default(1),
      maxRows: z.number().int().min(1).max(30).default(10),
      /** What one row is called, e.g. "partner". */
      itemName: z.string().min(1).max(40).default('item'),
    })
    .strict(),
]);

export const sectionSchema = z
  .object({
    id,
    title: z.string().min(1).max(200),
    intro: z.string().max(1000).optional(),
    questions: z.array(questionSchema).min(1),
  })
  .strict();

export const bankSchema = z
  .object({
    id,
    version: z.number().int().min(1),
    title: z.string().min(1).max(200),
    /** How the bot names the questionnaire in a sentence, e.g. "the new partnership questions". */
    description: z.string().max(1000).optional(),
    /** Named conditions, used by questions as { "ref": name }, so a rule is written once. */
    conditions: z.record(id, conditionSchema).default({}),
    sections: z.array(sectionSchema).min(1),
  })
  .strict();

export type Bank = z.infer<typeof bankSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export type Option = z.infer<typeof optionSchema>;
export type ListColumn = z.infer<typeof columnSchema>;
export type ListQuestion = Extract<Question, { type: 'list' }>;

/** A stored answer: its shape follows the question type. */
export type AnswerValue = string | number | string[] | ListRow[];
export type ListRow = Record<string, string | number>;
export type Answers = Record<string, AnswerValue>;
