import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReviewHorizon } from '../domain/reviewHorizon.js';
import type { QueryFilter, QueryPeriod, RegisterQuery } from '../status/registerQuery.js';
import { IntentClassifier, type IntentScore, type SavedPreparation, type TrainingDocument } from './classifier.js';
import { EntityRecogniser, placeholderOf, RegisterNames, type Entity, type EntityType, type ReferenceTerms, type RegisterVocabulary } from './entities.js';
import { loadLanguageData, type IntentFile, type LanguageData } from './languageData.js';
import { loadTerms } from './terms.js';
import { simpleWords, tokenise, type Token } from './tokens.js';
import { TypoIndex } from './typoIndex.js';
import { freeWordsOf } from './freeWords.js';

/** What a message was read as: an intent, the verb and data it asks for, and how sure the classifier is. */
export interface Reading {
  intent: string;
  verb: string;
  data: Record<string, unknown>;
  score: number;
  /** It changes something, so it is never done on a guess. */
  changes: boolean;
  /** Words for a button offering this reading. */
  offer: string;
  entities: Entity[];
}

export type Understanding =
  /** Sure enough to do it. */
  | { kind: 'act'; reading: Reading; alternatives: Reading[] }
  /** A likely reading, but not sure enough: offer the likeliest as buttons. */
  | { kind: 'ask'; reading: Reading; alternatives: Reading[] }
  | { kind: 'notUnderstood'; alternatives: Reading[] };

export interface UnderstandingContext {
  /** ISO date, for "before 31 March" and "this year". */
  today: string;
  /** The register's names; only partnerships `canSee` lets through count. */
  names?: RegisterNames;
  canSee?: (partnershipId: string) => boolean;
}

export interface LanguageOptions {
  /** The folder with terms.en-GB.json and the intent files in en-GB/. */
  dir: string;
  /** Service areas and Business Plan priorities, from the new-partnership bank. */
  reference: Omit<ReferenceTerms, 'terms'>;
  /** The risk scale's band ids, lowest first. */
  riskBands: readonly string[];
}

/** Sure enough to answer a question or start something that changes nothing yet. */
export const ACT_THRESHOLD = 0.7;
/** Sure enough to do something that changes a record, a role or a draft. */
export const CHANGE_THRESHOLD = 0.8;
/** Below this the message was not understood. */
export const UNDERSTOOD_THRESHOLD = 0.35;
/** Intents of the conversation itself, which a single word can carry ("evening", "cheers"). */
const CONVERSATION = new Set(['greeting', 'thanks', 'whoAreYou', 'whatCanYouDo', 'help', 'cancel', 'notNow']);
/**
 * Words that shape a sentence but say nothing of what is wanted. A message whose only known words are
 * these ("where is the coffee": "where", "is", "the") gives the classifier nothing to go on, and it
 * would still pick something, sometimes sure of it (it listed the register); such a message is not understood unless
 * it is one of the phrasings or small talk ("who are you then" is all such words). "no", "not" and
 * "yes" are not among them: they are answers.
 */
const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'of', 'and', 'or', 'for', 'in', 'on', 'to', 'with', 'at', 'by', 'from', 'about', 'into', 'as',
  'what', 'which', 'who', 'whose', 'where', 'when', 'how', 'why', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am',
  'i', 'im', 'ive', 'id', 'ill', 'me', 'my', 'you', 'your', 'youre', 'we', 'us', 'our', 'it', 'its', 'this', 'that',
  'these', 'those', 'there', 'here', 'they', 'them', 'their', 'he', 'she', 'him', 'her', 'his',
  'do', 'does', 'did', 'can', 'could', 'would', 'should', 'will', 'shall', 'may', 'might', 'must', 'have', 'has', 'had',
  'so', 'then', 'just', 'really', 'very', 'too', 'also', 'um', 'er', 'oh', 'ok', 'okay',
]);
/** Another reading this likely is worth offering beside the best one. */
const OFFER_THRESHOLD = 0.4;

/** Everyday words that are never a name, on top of every word the utterance files use. */
const EVERYDAY = (
  'i me my mine we us our you your it its this that these those the a an and or but if of to in on at by for with from about as is are was were be been ' +
  'do does did have has had can could would should will shall may might must please thanks thank yes no not any all some every each which what who whom whose ' +
  'when where why how there here then than so very just also only again now today tomorrow yesterday week month year day days weeks months years ' +
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
  'monday tuesday wednesday thursday friday saturday sunday end start first last next one two three four five six seven eight nine ten twelve ' +
  'ever never always forever ok okay yes yeah no nope sure maybe ' +
  // "has anyone edited CSP": indefinite pronouns are never a name the register does not know ("nobody" is
  // left out: "make Nobody Here an SPO" names a person the bot does not know, and must say so).
  'anyone anybody anything everyone everybody everything someone somebody something else'
).split(' ');

/**
 * Understands what officers type: entities from the register and the
 * configuration, then an intent from the classifier trained on the utterance
 * files, then the verb and its data. Built once at start-up.
 */
export class LanguageUnderstanding {
  private constructor(
    readonly data: LanguageData,
    private readonly classifier: IntentClassifier,
    private readonly prepared: Prepared,
  ) {}

  static async create(options: LanguageOptions & { modelFiles?: readonly string[] }): Promise<LanguageUnderstanding> {
    const inputs = readInputs(options);
    // Saved with the model for exactly these inputs: start-up skips reading every utterance again.
    const saved = options.modelFiles ? IntentClassifier.loadPrepared(options.modelFiles, inputs.key) : undefined;
    if (saved) {
      const prepared = assemble(inputs, new Set(saved.prepared.common), saved.prepared.documents);
      return new LanguageUnderstanding(prepared.data, saved.classifier, prepared);
    }
    const prepared = prepare(inputs);
    const classifier = options.modelFiles
      ? await IntentClassifier.loadOrTrain(prepared.documents, options.modelFiles, savedPreparation(inputs, prepared))
      : await IntentClassifier.train(prepared.documents);
    return new LanguageUnderstanding(prepared.data, classifier, prepared);
  }

  /** Trains from the files and writes the model that start-up loads (`npm run build`). */
  static async buildModel(options: LanguageOptions & { file: string }): Promise<void> {
    const inputs = readInputs(options);
    const prepared = prepare(inputs);
    await IntentClassifier.build(prepared.documents, options.file, savedPreparation(inputs, prepared));
  }

  /** Whether the classifier was trained at this start-up or loaded from a saved model. */
  get modelSource(): 'trained' | 'loaded' {
    return this.classifier.source;
  }

  private takes(intent: string | undefined, kind: EntityType): boolean {
    return takesKind(intent ? this.data.byIntent.get(intent) : undefined, kind);
  }

  /** The register's names as the recogniser reads them; build once per register snapshot. */
  registerNames(vocabulary: RegisterVocabulary): RegisterNames {
    return new RegisterNames(vocabulary, this.prepared.common);
  }

  /**
   * Whether a message, read as the classifier reads it (names as placeholders, slips put right), is
   * word for word one of the texts it was trained on. The phrasing set uses it to keep its held-out
   * part unseen.
   */
  seenInTraining(text: string, context: UnderstandingContext): boolean {
    const { recogniser, common, typos, trainingTexts } = this.prepared;
    const tokens = tokenise(text.slice(0, 2000)).slice(0, 80);
    const entities = recogniser.recognise(tokens, { today: context.today, ...(context.names ? { names: context.names } : {}) });
    return trainingTexts.has(classifierText(tokens, entities, new Map(), common, typos));
  }

  async understand(text: string, context: UnderstandingContext): Promise<Understanding> {
    const { recogniser, common, typos, trainingTexts } = this.prepared;
    const tokens = tokenise(text.slice(0, 2000)).slice(0, 80);
    if (tokens.length === 0) return { kind: 'notUnderstood', alternatives: [] };
    const entities = recogniser.recognise(tokens, { today: context.today, ...(context.names ? { names: context.names } : {}), ...(context.canSee ? { canSee: context.canSee } : {}) });
    const unknown = entities.filter((e) => e.unresolved);
    // A name the register does not know (or the asker may not see) may be a partnership or a person: try both, and neither.
    let variants: Array<Map<Entity, EntityType | undefined>> = [new Map()];
    // A kind already named in the message (a partnership the asker may see) is not looked for again in stray words.
    const named = new Set(entities.filter((e) => !e.unresolved).map((e) => e.type));
    const kinds = (['partnership', 'person'] as EntityType[]).filter((k) => !named.has(k));
    for (const run of unknown.slice(0, 2)) {
      variants = variants.flatMap((v) => [
        // A message that is only such a name is not read as one.
        ...(run.start === 0 && run.end === tokens.length ? [] : kinds.map((k) => new Map(v).set(run, k))),
        new Map(v).set(run, undefined),
      ]);
    }
    let best: { scores: IntentScore[]; variant: Map<Entity, EntityType | undefined>; text: string; fitness: number } | undefined;
    for (const variant of variants) {
      const classified = classifierText(tokens, entities, variant, common, typos);
      const scores = await this.classifier.classify(classified);
      // Stray words read as a kind of name the intent does not take make a worse reading ("make Nobody Here an SPO" names a person).
      // A reading that leaves names it was given unused is a worse one: "make Nobody Here an SPO" names a person and a role.
      const kindsNamed = [...entities.filter((e) => !e.unresolved).map((e) => e.type), ...[...variant.values()].filter((k): k is EntityType => k !== undefined)];
      const fitness = (scores[0]?.score ?? 0) - 0.05 * kindsNamed.filter((kind) => !this.takes(scores[0]?.intent, kind)).length;
      if (!best || fitness > best.fitness + 1e-9) best = { scores, variant, text: classified, fitness };
    }
    const { scores, variant } = best!;
    const used = entities.filter((e) => !e.unresolved || variant.get(e) !== undefined).map((e) => (e.unresolved ? { ...e, type: variant.get(e)! } : e));
    const readings = scores
      .filter((s) => s.intent !== 'None' && this.data.byIntent.has(s.intent))
      .slice(0, 4)
      .map((s) => readingOf(this.data.byIntent.get(s.intent)!, s.score, used, tokens, context, this.prepared, text));
    const top = readings[0];
    const others = readings.slice(1).filter((r) => r.score >= OFFER_THRESHOLD);
    // Too few of the words are ones the bot knows (or names it knows) to read anything into them.
    const isKnown = (t: Token, i: number) => common.has(t.simple) || typos.lookup(t.simple).length > 0 || used.some((e) => i >= e.start && i < e.end && !e.unresolved);
    const known = tokens.filter(isKnown).length;
    const knowsWhatIsWanted = tokens.some((t, i) => !FUNCTION_WORDS.has(t.simple) && isKnown(t, i));
    if (!top || top.score < UNDERSTOOD_THRESHOLD || known * 2 < tokens.length || (!knowsWhatIsWanted && !CONVERSATION.has(top.intent) && !trainingTexts.has(best!.text))) {
      return { kind: 'notUnderstood', alternatives: readings.filter((r) => r.score >= OFFER_THRESHOLD).slice(0, 3) };
    }
    const needed = top.changes ? CHANGE_THRESHOLD : ACT_THRESHOLD;
    const sure =
      top.score >= needed &&
      // One word is too little to go on ("risk"?) unless it is one of the phrasings ("overdue"), a name, or small talk.
      (tokens.length > 1 || trainingTexts.has(best!.text) || (CONVERSATION.has(top.intent) && common.has(tokens[0]!.simple)) || used.some((e) => !e.unresolved && e.type === 'partnership')) &&
      // A question about one partnership that names none cannot be answered as asked.
      !(this.data.byIntent.get(top.intent)?.query?.ask === 'field' && !(top.data['question'] as RegisterQuery).partnershipName);
    return { kind: sure ? 'act' : 'ask', reading: top, alternatives: others };
  }
}

/** Whether an intent takes a kind of name: a partnership only where one partnership is asked about or acted on. */
function takesKind(intent: IntentFile | undefined, kind: EntityType): boolean {
  if (!intent) return false;
  if (intent.query) return intent.query.ask === 'field' ? kind === 'partnership' : kind !== 'partnership';
  const slots = Object.values(intent.slots ?? {});
  const slotKind: Record<string, EntityType> = { organisations: 'organisation', days: 'period', year: 'period' };
  return slots.some((slot) => (slotKind[slot] ?? slot) === kind);
}

interface Prepared {
  data: LanguageData;
  recogniser: EntityRecogniser;
  common: Set<string>;
  typos: TypoIndex;
  documents: TrainingDocument[];
  trainingTexts: Set<string>;
  riskBandsAtOrAbove(band: string): string[];
}

interface Inputs {
  options: LanguageOptions;
  data: LanguageData;
  reference: ReferenceTerms;
  /** Hash of the files, the reference data and the code reading them: what a saved preparation must match. */
  key: string;
}

/**
 * The language files and reference data, and their key. The code of this folder is part of the
 * key, so a change to how utterances are read (in a deployment or on a developer's machine) never
 * meets a preparation saved by the older code.
 */
function readInputs(options: LanguageOptions): Inputs {
  const data = loadLanguageData(join(options.dir, 'en-GB'));
  const terms = loadTerms(join(options.dir, 'terms.en-GB.json'), options.riskBands);
  const reference: ReferenceTerms = { ...options.reference, terms };
  const key = createHash('sha256')
    .update(JSON.stringify({ intents: data.intents, reference, riskBands: options.riskBands, everyday: EVERYDAY }))
    .update(languageCode())
    .digest('hex');
  return { options, data, reference, key };
}

let codeOfThisFolder: Buffer | undefined;

/** The source (or compiled) files of src/language, read once. */
function languageCode(): Buffer {
  if (!codeOfThisFolder) {
    const dir = dirname(fileURLToPath(import.meta.url));
    const files = readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort();
    codeOfThisFolder = Buffer.concat(files.flatMap((f) => [Buffer.from(f), readFileSync(join(dir, f))]));
  }
  return codeOfThisFolder;
}

function savedPreparation(inputs: Inputs, prepared: Prepared): SavedPreparation {
  return { inputs: inputs.key, documents: prepared.documents, common: [...prepared.common] };
}

/** The recogniser and the typing-slip index over the known words, with the documents given. */
function assemble(inputs: Inputs, common: Set<string>, documents: TrainingDocument[]): Prepared {
  const { options, data, reference } = inputs;
  const recogniser = new EntityRecogniser(reference, common);
  const typos = new TypoIndex();
  for (const w of common) typos.add(w);
  const riskBandsAtOrAbove = (band: string) => {
    const index = options.riskBands.indexOf(band);
    return index === -1 ? [band] : options.riskBands.slice(index);
  };
  return { data, recogniser, common, typos, documents, trainingTexts: new Set(documents.map((d) => d.text)), riskBandsAtOrAbove };
}

/** Reads the files, builds the recogniser, and turns every utterance into the text the classifier learns. */
function prepare(inputs: Inputs): Prepared {
  const { data, reference } = inputs;
  const terms = reference.terms;
  const common = new Set<string>(EVERYDAY);
  const uses = new Map<string, number>();
  for (const intent of data.intents) for (const u of intent.utterances) for (const w of simpleWords(u.replace(/\{[a-z]+\}/g, ' '))) uses.set(w, (uses.get(w) ?? 0) + 1);
  // The utterance files spell some words wrongly on purpose ("ovredue"); those are slips of a commoner word, not words of their own.
  const spelling = new TypoIndex();
  for (const w of uses.keys()) spelling.add(w);
  for (const [w, n] of uses) {
    const slipOf = n <= 2 && spelling.neighbours(w).some((other) => (uses.get(other) ?? 0) >= 2 * n && !EVERYDAY.includes(w) && slipShaped(w, other));
    if (!slipOf) common.add(w);
  }
  const termPhrases = [
    ...Object.entries(terms).flatMap(([key, group]) => (key === '$comment' || typeof group !== 'object' ? [] : Object.values(group).flat())),
    ...reference.areas.flatMap((a) => [a.label, a.value]),
    ...reference.priorities.map((p) => p.label),
  ];
  for (const phrase of termPhrases) for (const w of simpleWords(String(phrase))) common.add(w);
  const { recogniser, typos } = assemble(inputs, common, []);
  const documents: TrainingDocument[] = [];
  for (const intent of data.intents) {
    for (const utterance of intent.utterances) {
      // Placeholders become entity words; terms the utterance spells out do too, as they will in messages.
      const tokens = tokenise(utterance.replace(/\{([a-z]+)\}/g, (_m, type: string) => ` ${placeholderOf(type as EntityType)} `));
      const entities = recogniser.recognise(tokens, { today: '2026-12-01' }).filter((e) => !e.unresolved);
      documents.push({ text: classifierText(tokens, entities, new Map(), common, typos), intent: intent.intent });
    }
  }
  return { ...assemble(inputs, common, documents), recogniser, typos };
}

/**
 * Whether a word the files use rarely has the shape of a typing slip of a commoner one: two letters
 * swapped ("ovredue"), a letter missed after the first ("intervew"), or one doubled ("closse"). A letter
 * changed or added is more often another word ("exited" and "edited", "charge" and "change", "taken"
 * and "take"), which must stay itself.
 */
function slipShaped(typed: string, meant: string): boolean {
  if (typed.length === meant.length) {
    const differ = [...typed].map((c, i) => (c === meant[i] ? -1 : i)).filter((i) => i !== -1);
    return differ.length === 2 && differ[1] === differ[0]! + 1 && typed[differ[0]!] === meant[differ[1]!] && typed[differ[1]!] === meant[differ[0]!];
  }
  if (typed.length === meant.length - 1) {
    for (let i = 1; i < meant.length; i++) if (meant.slice(0, i) + meant.slice(i + 1) === typed) return true;
    return false;
  }
  if (typed.length === meant.length + 1) {
    for (let i = 1; i < typed.length; i++) if (typed[i] === typed[i - 1] && typed.slice(0, i) + typed.slice(i + 1) === meant) return true;
  }
  return false;
}

/** Words with entities as placeholders and slips in ordinary words put right. */
function classifierText(tokens: readonly Token[], entities: readonly Entity[], unknownAs: Map<Entity, EntityType | undefined>, common: ReadonlySet<string>, typos: TypoIndex): string {
  const out: string[] = [];
  const starting = new Map(entities.map((e) => [e.start, e]));
  let i = 0;
  while (i < tokens.length) {
    const entity = starting.get(i);
    if (entity && (!entity.unresolved || unknownAs.get(entity) !== undefined)) {
      const type = entity.unresolved ? unknownAs.get(entity)! : entity.type;
      // "who leads the youth forum" and "who leads {partnership}" are one phrasing: an article before a name says nothing of the intent.
      if (type === 'partnership' && out.at(-1) === 'the') out.pop();
      out.push(placeholderOf(type));
      i = entity.end;
      continue;
    }
    const word = tokens[i]!.simple;
    out.push(/^ent[a-z]+$/.test(word) || common.has(word) ? word : (typos.lookup(word)[0] ?? word));
    i++;
  }
  return out.join(' ');
}

function readingOf(intent: IntentFile, score: number, entities: readonly Entity[], tokens: readonly Token[], context: UnderstandingContext, prepared: Prepared, text: string): Reading {
  // Free words first: a partnership the register knows (an entity, below) is named better than the words typed.
  const data: Record<string, unknown> = { ...(intent.data ?? {}), ...(intent.words ? freeWordsOf(intent.words, text) : {}) };
  const nameOf = (e: Entity | undefined): string | undefined => {
    if (!e) return undefined;
    if (e.type === 'partnership' && !e.unresolved && !e.alsoFits) return context.names?.partnerships.get(e.value)?.name ?? e.text;
    if (e.type === 'person' && !e.unresolved) return context.names?.peopleNames.get(e.value) ?? e.text;
    return e.text;
  };
  for (const [field, kind] of Object.entries(intent.slots ?? {})) {
    let value: unknown;
    if (kind === 'partnership') value = nameOf(first(entities, 'partnership'))?.slice(0, 150);
    else if (kind === 'person') value = nameOf(first(entities, 'person'))?.slice(0, 150);
    else if (kind === 'role' || kind === 'area') value = first(entities, kind)?.value;
    else if (kind === 'organisations') value = organisationsNamed(tokens, entities);
    else if (kind === 'days') value = daysOf(first(entities, 'period')?.value);
    else if (kind === 'year') Object.assign(data, yearOf(first(entities, 'period')?.value));
    if (value !== undefined) data[field] = value;
  }
  const question = intent.query ? queryOf(intent, entities, tokens, context, prepared) : undefined;
  if (question) data['question'] = question;
  let offer = intent.offer.replace(/\{([a-z]+)\}/g, (_m, type: string) => nameOf(first(entities, type as EntityType)) ?? (type === 'partnership' ? 'a partnership' : type));
  if (intent.intent === 'askList' && question && Object.keys(question.filter).length > 0) offer = 'Show those partnerships';
  return { intent: intent.intent, verb: intent.verb, data, score, changes: intent.changes, offer: offer.replace(/\s+/g, ' ').trim().slice(0, 120), entities: [...entities] };
}

function queryOf(intent: IntentFile, entities: readonly Entity[], tokens: readonly Token[], context: UnderstandingContext, prepared: Prepared): RegisterQuery {
  const spec = intent.query!;
  const filter: QueryFilter = { ...(spec.filter as QueryFilter | undefined) };
  const all = (type: EntityType) => [...new Set(entities.filter((e) => e.type === type && !e.unresolved).map((e) => e.value))];
  const statuses = all('status');
  if (statuses.length) filter.statuses = statuses as QueryFilter['statuses'];
  const stages = all('stage');
  if (stages.length) filter.stages = stages as QueryFilter['stages'];
  const significance = all('significance');
  if (significance.length) filter.significance = significance as QueryFilter['significance'];
  const risks = all('risk').flatMap((r) => (r.endsWith('+') ? prepared.riskBandsAtOrAbove(r.slice(0, -1)) : [r]));
  if (risks.length) filter.risks = [...new Set(risks)];
  const outcomes = all('outcome');
  if (outcomes.length) filter.outcomes = outcomes as QueryFilter['outcomes'];
  const priority = all('priority')[0];
  if (priority) filter.priority = priority;
  const area = all('area')[0];
  if (area) filter.area = area;
  const organisation = entities.find((e) => e.type === 'organisation' && !e.unresolved);
  if (organisation) filter.partner = context.names?.organisationNames.get(organisation.value) ?? organisation.text;
  const person = entities.find((e) => e.type === 'person' && !e.unresolved);
  if (person) {
    const named = { id: person.value, name: context.names?.peopleNames.get(person.value) ?? person.text };
    if (entities.some((e) => e.type === 'role' && e.value === 'ad')) filter.director = named;
    else filter.officer = named;
  }
  const words = tokens.map((t) => t.simple).join(' ');
  if (/\b(my|mine)\b|\bi (lead|run|manage|work on|look after|am on|am named on)\b|\bam i\b/.test(words) && spec.ask !== 'field') filter.mine = true;
  const period = first(entities, 'period');
  if (period) {
    if (filter.reviewDue) {
      const horizon = horizonOf(period.value, context.today);
      if (horizon) filter.reviewDue = horizon;
    } else if (filter.ended) {
      const p = periodOf(period.value, context.today);
      if (p) filter.ended = p;
    } else if (filter.started) {
      const p = periodOf(period.value, context.today);
      if (p) filter.started = p;
    }
  }
  const query: RegisterQuery = { kind: 'query', ask: spec.ask, filter };
  if (spec.field) query.field = spec.field as RegisterQuery['field'];
  const order = all('order')[0];
  if (order) {
    const [by, direction] = order.split(':') as [NonNullable<RegisterQuery['order']>['by'], 'asc' | 'desc'];
    query.order = { by, direction };
  }
  if (spec.ask === 'field') {
    const named = first(entities, 'partnership');
    if (named) {
      const resolved = !named.unresolved && !named.alsoFits ? context.names?.partnerships.get(named.value)?.name : undefined;
      query.partnershipName = (resolved ?? named.text).slice(0, 150);
    }
  }
  return query;
}

function first(entities: readonly Entity[], type: EntityType): Entity | undefined {
  return entities.find((e) => e.type === type);
}

/** Words that, straight after a partner's name, begin what the partnership is for rather than another partner: "with Essex Police on a new scheme". */
const AFTER_THE_PARTNERS = new Set(['on', 'for', 'to', 'in', 'about', 'around', 'regarding', 'covering', 'at', 'from', 'because', 'which', 'that', 'who', 'so', 'over', 'across']);
/**
 * Inside a name not in the register, only a preposition followed by an article ends the list ("with Sanctuary Housing on
 * the estate"): organisations' own names use prepositions ("Action on Hearing Loss", "Council for Voluntary Service").
 */
const PURPOSE_AFTER_A_NAME = new Set(['on', 'about', 'around', 'regarding', 'covering']);
const ARTICLES = new Set(['a', 'an', 'the', 'our', 'their', 'this', 'its', 'some']);

/** The organisations named after "with", one each: known partners whole, the rest split at commas and "and". */
function organisationsNamed(tokens: readonly Token[], entities: readonly Entity[]): string[] | undefined {
  const withAt = tokens.findIndex((t) => t.simple === 'with');
  if (withAt === -1) return undefined;
  // A partner already in the register keeps its whole name (even with "and" in it); part of a name is not one.
  const whole = (e: Entity) => simpleWords(e.text).filter((w) => w !== 'the').join(' ') === e.value;
  const known = new Map(entities.filter((e) => e.type === 'organisation' && !e.unresolved && e.start > withAt && whole(e)).map((e) => [e.start, e]));
  const names: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const name = current.join(' ').replace(/^(?:(?:the|a|an)(?:\s+|$))+/i, '').trim();
    if (name) names.push(name);
    current = [];
  };
  for (let i = withAt + 1; i < tokens.length; i++) {
    const entity = known.get(i);
    if (entity) {
      flush();
      names.push(entity.text.replace(/^the\s+/i, ''));
      i = entity.end - 1;
      continue;
    }
    const token = tokens[i]!;
    if (token.simple === 'and' || token.simple === 'plus') {
      flush();
      continue;
    }
    const afterAName = current.length === 0 ? names.length > 0 && !tokens[i - 1]?.listBreak && !['and', 'plus'].includes(tokens[i - 1]?.simple ?? '') : false;
    if (afterAName && AFTER_THE_PARTNERS.has(token.simple)) break;
    if (current.length > 0 && PURPOSE_AFTER_A_NAME.has(token.simple) && ARTICLES.has(tokens[i + 1]?.simple ?? '')) break;
    current.push(token.text);
    if (token.listBreak) flush();
  }
  flush();
  return names.length ? names.slice(0, 12).map((n) => n.slice(0, 120)) : undefined;
}

function horizonOf(value: string, today: string): ReviewHorizon | undefined {
  const [kind, a, b] = value.split(':');
  if (kind === 'amount') return { amount: Number(a), unit: b as 'day' | 'week' | 'month' };
  if (kind === 'until') return { until: a! };
  const p = periodOf(value, today);
  return p && 'from' in p ? { until: p.to } : undefined;
}

function periodOf(value: string, today: string): QueryPeriod | undefined {
  const [kind, a, b] = value.split(':');
  if (kind === 'year') return a === 'this' || a === 'last' ? { relativeYear: a } : { year: a! };
  if (kind === 'past') {
    const from = new Date(`${today}T00:00:00Z`);
    const n = Number(a);
    if (b === 'month') from.setUTCMonth(from.getUTCMonth() - n);
    else from.setUTCDate(from.getUTCDate() - n * (b === 'week' ? 7 : 1));
    return { from: from.toISOString().slice(0, 10), to: today };
  }
  if (kind === 'until') return { from: today, to: a! };
  return undefined;
}

function daysOf(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const [kind, a, b] = value.split(':');
  if (kind !== 'amount') return undefined;
  const n = Number(a);
  return b === 'month' ? n * 30 : b === 'week' ? n * 7 : n;
}

function yearOf(value: string | undefined): { year?: string; relativeYear?: 'this' | 'last' } {
  if (!value?.startsWith('year:')) return {};
  const year = value.slice(5);
  return year === 'this' || year === 'last' ? { relativeYear: year } : { year };
}
