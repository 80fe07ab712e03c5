import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import nlpjs, { type Classification, type Nlp } from '@nlpjs/nlp';
import langEn from '@nlpjs/lang-en-min';

export interface IntentScore {
  intent: string;
  score: number;
}

export type TrainingDocument = { text: string; intent: string };

/** What start-up would otherwise work out from every utterance again: kept with the model. */
export interface SavedPreparation {
  /** Hash of everything the preparation was made from (the files, the reference data, the code). */
  inputs: string;
  documents: TrainingDocument[];
  /** The words the utterances and terms use, typing slips of them left out. */
  common: string[];
}

/** Bumped when the way documents become a model changes, so older saved models are not read. */
const MODEL_FORMAT = 1;

/**
 * The intent classifier: NLP.js's neural classifier, trained from the
 * utterance files. Training takes about a second on a busy 2-core machine, so
 * `npm run build` trains once and saves the model (dist/language-model.json);
 * start-up loads it in tens of milliseconds when it matches the files, and
 * otherwise trains and keeps the result in a cache file for the next start.
 */
export class IntentClassifier {
  private constructor(
    private readonly nlp: Nlp,
    /** How the model was had: trained now, or loaded from a saved file. */
    readonly source: 'trained' | 'loaded',
  ) {}

  static async train(documents: readonly TrainingDocument[]): Promise<IntentClassifier> {
    const nlp = newNlp();
    for (const { text, intent } of documents) nlp.addDocument('en', text, intent);
    await nlp.train();
    return new IntentClassifier(nlp, 'trained');
  }

  /**
   * A model saved for exactly these documents, from the first of `files` that
   * has one; otherwise trains, and saves to the last of `files` (best effort).
   */
  static async loadOrTrain(documents: readonly TrainingDocument[], files: readonly string[], prepared?: SavedPreparation): Promise<IntentClassifier> {
    const hash = hashOf(documents);
    for (const file of files) {
      const saved = readSaved(file);
      if (saved?.hash === hash) return IntentClassifier.fromSaved(saved.model);
    }
    const trained = await IntentClassifier.train(documents);
    const target = files.at(-1);
    if (target) trained.save(target, hash, false, prepared);
    return trained;
  }

  /**
   * The model and the preparation saved with it, from the first of `files` whose preparation was
   * made from exactly these inputs (`inputs`: a hash of the language files, the reference data and
   * the code that reads them). Start-up then skips reading every utterance again.
   */
  static loadPrepared(files: readonly string[], inputs: string): { classifier: IntentClassifier; prepared: SavedPreparation } | undefined {
    for (const file of files) {
      const saved = readSaved(file);
      if (saved?.prepared?.inputs === inputs && saved.hash === hashOf(saved.prepared.documents)) {
        return { classifier: IntentClassifier.fromSaved(saved.model), prepared: saved.prepared };
      }
    }
    return undefined;
  }

  /** Trains and writes the model file that start-up loads (run by `npm run build`). */
  static async build(documents: readonly TrainingDocument[], file: string, prepared?: SavedPreparation): Promise<void> {
    const trained = await IntentClassifier.train(documents);
    trained.save(file, hashOf(documents), true, prepared);
  }

  private static fromSaved(model: unknown): IntentClassifier {
    const nlp = newNlp();
    (nlp as unknown as { fromJSON(json: unknown): void }).fromJSON(model);
    return new IntentClassifier(nlp, 'loaded');
  }

  /** Intents best first, with scores from 0 to 1; "None" when nothing fits. */
  async classify(text: string): Promise<IntentScore[]> {
    const result = await this.nlp.nluManager.process('en', text);
    return result.classifications.filter((c: Classification) => c.score > 0).map((c: Classification) => ({ intent: c.intent, score: c.score }));
  }

  private save(file: string, hash: string, strict = false, prepared?: SavedPreparation): void {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ hash, model: (this.nlp as unknown as { toJSON(): unknown }).toJSON(), ...(prepared ? { prepared } : {}) }));
      renameSync(temporary, file);
    } catch (error) {
      // A read-only disk only costs the next start-up a training run.
      if (strict) throw error;
    }
  }
}

function newNlp(): Nlp {
  const nlp = new nlpjs.Nlp({ languages: ['en'], autoSave: false, autoLoad: false, nlu: { log: false }, forceNER: false });
  nlp.container.use(langEn.LangEn);
  return nlp;
}

function hashOf(documents: readonly TrainingDocument[]): string {
  return createHash('sha256').update(JSON.stringify({ MODEL_FORMAT, documents })).digest('hex');
}

function readSaved(file: string): { hash: string; model: unknown; prepared?: SavedPreparation } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { hash?: unknown; model?: unknown; prepared?: SavedPreparation };
    if (typeof parsed.hash !== 'string') return undefined;
    const prepared = parsed.prepared;
    const wellFormed = prepared && typeof prepared.inputs === 'string' && Array.isArray(prepared.documents) && Array.isArray(prepared.common);
    return { hash: parsed.hash, model: parsed.model, ...(wellFormed ? { prepared } : {}) };
  } catch {
    return undefined;
  }
}
