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
  static async loadOrTrain(documents: readonly TrainingDocument[], files: readonly string[]): Promise<IntentClassifier> {
    const hash = hashOf(documents);
    for (const file of files) {
      const saved = readSaved(file);
      if (saved?.hash === hash) {
        const nlp = newNlp();
        (nlp as unknown as { fromJSON(json: unknown): void }).fromJSON(saved.model);
        return new IntentClassifier(nlp, 'loaded');
      }
    }
    const trained = await IntentClassifier.train(documents);
    const target = files.at(-1);
    if (target) trained.save(target, hash);
    return trained;
  }

  /** Trains and writes the model file that start-up loads (run by `npm run build`). */
  static async build(documents: readonly TrainingDocument[], file: string): Promise<void> {
    const trained = await IntentClassifier.train(documents);
    trained.save(file, hashOf(documents), true);
  }

  /** Intents best first, with scores from 0 to 1; "None" when nothing fits. */
  async classify(text: string): Promise<IntentScore[]> {
    const result = await this.nlp.nluManager.process('en', text);
    return result.classifications.filter((c: Classification) => c.score > 0).map((c: Classification) => ({ intent: c.intent, score: c.score }));
  }

  private save(file: string, hash: string, strict = false): void {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ hash, model: (this.nlp as unknown as { toJSON(): unknown }).toJSON() }));
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

function readSaved(file: string): { hash: string; model: unknown } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { hash?: unknown; model?: unknown };
    return typeof parsed.hash === 'string' ? { hash: parsed.hash, model: parsed.model } : undefined;
  } catch {
    return undefined;
  }
}
