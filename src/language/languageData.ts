import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ENTITY_TYPES } from './entities.js';

/**
 * One intent file in language/en-GB/: what officers say (utterances, with
 * entities as placeholders such as `{partnership}`), which verb it asks for,
 * and how the entities become the verb's data.
 */
const placeholder = new RegExp(String.raw`\{(${ENTITY_TYPES.join('|')})\}`, 'g');

/** How a route field is filled from the message. */
export const SLOT_KINDS = {
  /** The partnership as named (the handler finds it among those the asker may see). */
  partnership: 'partnership',
  /** A person's name. */
  person: 'person',
  role: 'role',
  area: 'area',
  /** Organisations named after "with": "with Essex Police and the Rayleigh Business Group", one each. */
  organisations: 'organisations',
  /** A period as days: "for 2 weeks". */
  days: 'days',
  /** A council year, "2026/27", or this or last year. */
  year: 'year',
} as const;

const intentFileSchema = z
  .object({
    $comment: z.string().optional(),
    intent: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
    verb: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
    /** Words for a button offering this reading: "Who leads {partnership}?" */
    offer: z.string().min(1).max(120),
    /** It changes something (a record, a role, a draft): never done on a guess. */
    changes: z.boolean(),
    /** Fixed data the verb is given. */
    data: z.record(z.string(), z.unknown()).optional(),
    /** Values read from the officer's own words (src/language/freeWords.ts): a correction's field and new value, or a reason. */
    words: z.enum(['correction', 'reason', 'actionClose', 'meeting']).optional(),
    /** Route fields filled from entities. */
    slots: z.record(z.string(), z.enum(Object.keys(SLOT_KINDS) as [keyof typeof SLOT_KINDS, ...Array<keyof typeof SLOT_KINDS>])).optional(),
    /** A question about the register: what it asks (the filters come from the message). */
    query: z
      .object({
        ask: z.enum(['list', 'count', 'total', 'top', 'field']),
        field: z.string().optional(),
        filter: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
    utterances: z.array(z.string().trim().min(1).max(300)).min(3),
  })
  .strict();

export type IntentFile = z.infer<typeof intentFileSchema>;

export interface LanguageData {
  intents: IntentFile[];
  byIntent: Map<string, IntentFile>;
}

/** Reads and checks every intent file; a mistake stops start-up with the file named. */
export function loadLanguageData(dir: string): LanguageData {
  const intents: IntentFile[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(dir, file);
    let parsed: IntentFile;
    try {
      parsed = intentFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch (error) {
      throw new Error(`Language file ${path} is not valid: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (`${parsed.intent}.json` !== file) throw new Error(`Language file ${path} declares intent "${parsed.intent}"; name the file ${parsed.intent}.json`);
    for (const utterance of parsed.utterances) {
      const unknown = [...utterance.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((name) => !(ENTITY_TYPES as readonly string[]).includes(name!));
      if (unknown.length) throw new Error(`Language file ${path}: "${utterance}" has an unknown placeholder {${unknown[0]}}`);
    }
    intents.push(parsed);
  }
  const byIntent = new Map<string, IntentFile>();
  for (const intent of intents) byIntent.set(intent.intent, intent);
  return { intents, byIntent };
}

/** The placeholders an utterance uses, in order. */
export function placeholdersIn(utterance: string): string[] {
  return [...utterance.matchAll(placeholder)].map((m) => m[1]!);
}
