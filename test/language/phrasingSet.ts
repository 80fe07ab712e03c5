import { readFileSync } from 'node:fs';
import type { Entity, RegisterNames } from '../../src/language/entities.js';
import type { LanguageUnderstanding, Reading } from '../../src/language/understanding.js';
import { findByName } from '../../src/partnerships/partnershipFinder.js';
import { FIXTURE_REGISTER } from '../support/languageFixture.js';

/**
 * The public phrasing set: what officers say, each with the intent meant and
 * the entities in it. Two parts: the training part is every utterance of the
 * intent files (language/en-GB) with its placeholders filled from the fixture
 * register; the held-out part (heldOut.en-GB.json, here) is written apart and
 * never trains the classifier.
 */
export interface Phrasing {
  text: string;
  intent: string;
  /** Entity type to its canonical value(s); `partners` is the organisations a new partnership is named with. */
  entities?: Record<string, string | string[]>;
}

/** The day the phrasings are read on: "before 31 March" is 31 March 2027. */
export const PHRASING_DAY = '2026-11-27';

const FILLS: Record<string, Array<[string, string]>> = {
  partnership: [
    ['the Community Safety Partnership', 'Community Safety Partnership'],
    ['CSP', 'Community Safety Partnership'],
    ['alpha youth forum', 'Alpha Youth Forum'],
    ['the youth forum', 'Alpha Youth Forum'],
    ['Beta Arts Trust', 'Beta Arts Trust'],
    ['the rayleigh town centre partnership', 'Rayleigh Town Centre Partnership'],
    ['friends of the park', 'Friends of the Park'],
    ['the Health and Wellbeing Board', 'Health and Wellbeing Board'],
    ['the LSP', 'Local Strategic Partnership (LSP)'],
    ['the christmas lights group', 'Rayleigh Christmas Lights Group'],
    ['the comunity safety partnership', 'Community Safety Partnership'],
  ],
  person: [['Sam Patel', 'Sam Patel'], ['Helen Ward', 'Helen Ward'], ['Priya Shah', 'Priya Shah'], ['Kim Osei', 'Kim Osei']],
  organisation: [['Essex Police', 'Essex Police'], ['the NHS Trust', 'NHS Trust'], ['Rayleigh Business Group', 'Rayleigh Business Group'], ['Age Concern', 'Age Concern'], ['Homes England', 'Homes England']],
  area: [['communities', 'communities'], ['housing', 'housing'], ['economic development', 'economy'], ['place and environment', 'place']],
  priority: [['early intervention', 'early-intervention'], ['enabling communities', 'communities'], ['maximising our assets', 'assets']],
  stage: [['forming', 'forming'], ['functioning', 'functioning'], ['failing', 'failing'], ['flying', 'flying']],
  status: [['active', 'active'], ['closed', 'closed'], ['proposed', 'proposed'], ['under review', 'under-review']],
  significance: [['high significance', 'high'], ['low significance', 'low']],
  risk: [['high risk', 'high+'], ['very high risk', 'very-high'], ['low risk', 'low']],
  outcome: [['red outcome', 'red'], ['amber rating', 'amber']],
  role: [['assistant director', 'ad'], ['SPO', 'spo'], ['leadership team', 'leadership']],
  order: [['biggest', 'cash:desc'], ['newest', 'started:desc'], ['oldest', 'started:asc'], ['best scoring', 'score:desc']],
  period: [['in the next 3 months', 'amount:3:month'], ['this year', 'year:this'], ['last year', 'year:last'], ['for 2 weeks', 'amount:2:week'], ['for 2026/27', 'year:2026/27'], ['within 30 days', 'amount:30:day']],
};

/** The training part: every utterance of every intent file, its placeholders filled in turn from the fixture. */
export function trainingPart(language: LanguageUnderstanding): Phrasing[] {
  const used: Record<string, number> = {};
  const phrasings: Phrasing[] = [];
  for (const intent of language.data.intents) {
    for (const utterance of intent.utterances) {
      const entities: Record<string, string[]> = {};
      const text = utterance.replace(/\{([a-z]+)\}/g, (_m, type: string) => {
        const options = FILLS[type]!;
        const n = (used[type] = (used[type] ?? 0) + 1);
        // A role slot with an area needs the role that has areas; one without takes any.
        const [surface, value] = type === 'role' && utterance.includes('{area}') ? options[0]! : options[n % options.length]!;
        const key = intent.intent === 'newPartnership' && type === 'organisation' ? 'partners' : type;
        (entities[key] ??= []).push(value);
        return surface;
      });
      phrasings.push({ text, intent: intent.intent, ...(Object.keys(entities).length ? { entities: simplify(entities) } : {}) });
    }
  }
  return phrasings;
}

export function heldOutPart(): Phrasing[] {
  return JSON.parse(readFileSync(new URL('./heldOut.en-GB.json', import.meta.url), 'utf8')) as Phrasing[];
}

export interface Score {
  phrasings: number;
  intentsRight: number;
  entities: number;
  entitiesRight: number;
  intentAccuracy: number;
  entityAccuracy: number;
  misses: Array<{ text: string; expected: string; got: string; entities?: string }>;
}

/**
 * Reads every phrasing as the bot would (an officer who may see the whole
 * fixture register). An intent is right only when the bot would act on it:
 * the right intent, sure enough. An entity is right when the same words give
 * the same canonical value (a partnership the name finder would pick).
 */
export async function score(language: LanguageUnderstanding, names: RegisterNames, phrasings: Phrasing[]): Promise<Score> {
  let intentsRight = 0;
  let entities = 0;
  let entitiesRight = 0;
  const misses: Score['misses'] = [];
  for (const phrasing of phrasings) {
    const understood = await language.understand(phrasing.text, { today: PHRASING_DAY, names });
    const reading = understood.kind === 'act' ? understood.reading : undefined;
    const intentRight = reading?.intent === phrasing.intent;
    if (intentRight) intentsRight++;
    const found = reading ? extracted(reading, names) : {};
    const wrong: string[] = [];
    for (const [type, value] of Object.entries(phrasing.entities ?? {})) {
      entities++;
      const want = [value].flat().map(lower).sort().join(' | ');
      const got = (found[type] ?? []).map(lower).sort().join(' | ');
      if (want === got) entitiesRight++;
      else wrong.push(`${type}: wanted ${want}, got ${got || 'nothing'}`);
    }
    if (!intentRight || wrong.length) {
      misses.push({
        text: phrasing.text,
        expected: phrasing.intent,
        got: 'reading' in understood ? `${understood.kind} ${understood.reading.intent} ${understood.reading.score.toFixed(2)}` : understood.kind,
        ...(wrong.length ? { entities: wrong.join('; ') } : {}),
      });
    }
  }
  return {
    phrasings: phrasings.length,
    intentsRight,
    entities,
    entitiesRight,
    intentAccuracy: phrasings.length ? intentsRight / phrasings.length : 1,
    entityAccuracy: entities ? entitiesRight / entities : 1,
    misses,
  };
}

/** Entity values as the reading carries them, canonical: what the bot goes on to use. */
function extracted(reading: Reading, names: RegisterNames): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (type: string, value: string) => {
    const list = (out[type] ??= []);
    if (!list.includes(value)) list.push(value);
  };
  for (const e of reading.entities) add(e.type, canonical(e, names));
  const partners = reading.data['partnerNames'];
  if (Array.isArray(partners)) out['partners'] = partners.map(String);
  return out;
}

function canonical(e: Entity, names: RegisterNames): string {
  if (e.type === 'partnership') {
    if (!e.unresolved && !e.alsoFits) return names.partnerships.get(e.value)?.name ?? e.text;
    const found = findByName(e.text, FIXTURE_REGISTER.partnerships);
    return found.kind === 'one' ? found.match.name : e.text;
  }
  if (e.type === 'person') return e.unresolved ? e.text : (names.peopleNames.get(e.value) ?? e.text);
  if (e.type === 'organisation') return names.organisationNames.get(e.value) ?? e.text;
  return e.value;
}

function lower(s: string): string {
  return s.toLowerCase().replace(/^the /, '');
}

function simplify(entities: Record<string, string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(entities).map(([k, v]) => [k, k === 'partners' || v.length > 1 ? [...new Set(v)] : v[0]!]));
}
