import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bankSchema, isReferenceList, type Bank, type Option, type Question, type ReferenceList } from './bankSchema.js';
import { questionsReadBy } from './conditions.js';
import { bindToRiskScale, riskScaleMisfit, RiskScaleBindingError } from './riskScaleBinding.js';
import type { RiskScale } from '../domain/riskScale.js';
import { loadPresentations, pagesFor, type Presentation } from './presentation.js';
import type { Pages } from './steps.js';

/** A bank file that cannot be used; the message names the file and the question. */
export class BankError extends Error {
  override readonly name = 'BankError';
}

const FILE_NAME = /^([A-Za-z][A-Za-z0-9_-]*)\.v(\d+)\.json$/;

/**
 * Every version of every question bank. Drafts keep the version they started
 * on, so old versions stay loadable after a redeploy brings a newer one.
 */
/** The reference data versions a draft was started on (absent: the current ones). */
export interface ReferenceVersions {
  priorities?: number;
}

/** Options for a reference list at given versions: what `optionsFrom` is filled from. */
export type ReferenceOptions = (list: ReferenceList, versions: ReferenceVersions) => Option[];

export class BankCatalogue {
  private readonly banks = new Map<string, Map<number, Bank>>();
  private referenceOptions: ReferenceOptions | undefined;
  private readonly resolved = new Map<string, Bank>();
  private presentations: readonly Presentation[] = [];

  /**
   * @param warnings older versions that do not fit the configured risk scale,
   *   kept so the drafts started on them can finish; the app logs each line.
   */
  constructor(
    banks: Bank[],
    readonly warnings: readonly string[] = [],
  ) {
    for (const bank of banks) {
      const versions = this.banks.get(bank.id) ?? new Map<number, Bank>();
      versions.set(bank.version, bank);
      this.banks.set(bank.id, versions);
    }
  }

  /**
   * Reads and checks every `<id>.v<version>.json` in a folder against the
   * configured risk scale; throws BankError on the first mistake. The latest
   * version of each bank must fit the scale; an older one that does not (a
   * matrix changed while drafts were in progress) is kept with a warning.
   */
  static loadFromDirectory(directory: string, scale: RiskScale, cacheDirectory?: string): BankCatalogue {
    let files: string[];
    try {
      files = readdirSync(directory).filter((f) => f.endsWith('.json')).sort();
    } catch (error) {
      throw new BankError(`Question banks folder ${directory} cannot be read: ${(error as Error).message}`);
    }
    const texts = files.map((file) => readFileSync(join(directory, file), 'utf8'));
    // Checking the banks is most of the bot's own start-up (about 90 ms): banks that passed the checks
    // are kept, keyed by their files, the risk scale and the code that checks them, and read back
    // while all three are unchanged. A bank with a mistake is never kept, so it is refused every time.
    const cache = cacheDirectory ? checkedBanksCache(cacheDirectory, directory, files, texts, scale) : undefined;
    const cached = cache?.read();
    // How the banks are put on cards is read every time (small files), kept or not.
    if (cached) return new BankCatalogue(cached.banks, cached.warnings).usePresentations(loadPresentations(directory));
    const catalogue = BankCatalogue.check(directory, files, texts, scale);
    cache?.write({ banks: catalogue.all(), warnings: [...catalogue.warnings] });
    return catalogue.usePresentations(loadPresentations(directory));
  }

  private static check(directory: string, files: string[], texts: string[], scale: RiskScale): BankCatalogue {
    const read = files.map((file, i) => readBank(join(directory, file), file, texts[i]!, scale));
    const latest = new Map<string, number>();
    for (const { bank } of read) latest.set(bank.id, Math.max(latest.get(bank.id) ?? 0, bank.version));
    const warnings: string[] = [];
    for (const { bank, misfit } of read) {
      if (!misfit) continue;
      if (bank.version === latest.get(bank.id)) throw new BankError(misfit);
      warnings.push(`${misfit}; drafts started on this version finish on its own levels, new ones start on version ${latest.get(bank.id)}`);
    }
    return new BankCatalogue(
      read.map((r) => r.bank),
      warnings,
    );
  }

  /** How banks are put on cards (banks/presentation/); without, one card per section. */
  usePresentations(presentations: readonly Presentation[]): this {
    this.presentations = presentations;
    return this;
  }

  /** The cards a new draft on this bank version asks, one entry per card. */
  pagesOf(bank: Bank): Pages {
    return pagesFor(bank, this.presentations);
  }

  /** Fills `optionsFrom` questions from the council's reference data (set once at start-up). */
  useReferenceData(options: ReferenceOptions): this {
    this.referenceOptions = options;
    this.resolved.clear();
    return this;
  }

  latest(bankId: string, versions: ReferenceVersions = {}): Bank | undefined {
    const all = this.banks.get(bankId);
    if (!all) return undefined;
    return this.version(bankId, Math.max(...all.keys()), versions);
  }

  /** A bank version with its reference-data options filled in for the versions a draft started on. */
  version(bankId: string, version: number, versions: ReferenceVersions = {}): Bank | undefined {
    const bank = this.banks.get(bankId)?.get(version);
    if (!bank || !this.referenceOptions || !usesReferenceDataOnce(bank)) return bank;
    const cacheKey = `${bankId}.v${version}.p${versions.priorities ?? 'current'}`;
    let filled = this.resolved.get(cacheKey);
    if (!filled) {
      const options = this.referenceOptions;
      filled = {
        ...bank,
        sections: bank.sections.map((section) => ({
          ...section,
          questions: section.questions.map((q) => ((q.type === 'choice' || q.type === 'multiChoice') && isReferenceList(q.optionsFrom) ? { ...q, options: [...options(q.optionsFrom, versions), ...q.options] } : q)),
        })),
      };
      this.resolved.set(cacheKey, filled);
    }
    return filled;
  }

  /** Every bank version, as deployed (reference options not filled in). */
  all(): Bank[] {
    return [...this.banks.values()].flatMap((versions) => [...versions.values()]);
  }

  ids(): string[] {
    return [...this.banks.keys()];
  }
}

interface CheckedBanks {
  banks: Bank[];
  warnings: string[];
}

/** Where checked banks are kept between starts (best effort: a read-only disk only costs the check). */
function checkedBanksCache(cacheDirectory: string, directory: string, files: string[], texts: string[], scale: RiskScale) {
  const key = createHash('sha256').update(JSON.stringify({ files, texts, scale })).update(questionnaireCode()).digest('hex');
  const file = join(cacheDirectory, `banks-${createHash('sha256').update(resolve(directory)).digest('hex').slice(0, 12)}.json`);
  return {
    read(): CheckedBanks | undefined {
      try {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown } & Partial<CheckedBanks>;
        return saved.key === key && Array.isArray(saved.banks) && Array.isArray(saved.warnings) ? { banks: saved.banks, warnings: saved.warnings } : undefined;
      } catch {
        return undefined;
      }
    },
    write(checked: CheckedBanks): void {
      try {
        mkdirSync(cacheDirectory, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify({ key, ...checked }));
        renameSync(temporary, file);
      } catch {
        // Not kept: the next start checks the banks again.
      }
    },
  };
}

let codeOfThisFolder: Buffer | undefined;

/** The source (or compiled) files of src/questionnaire, read once: how banks are checked is part of the key. */
function questionnaireCode(): Buffer {
  if (!codeOfThisFolder) {
    const dir = dirname(fileURLToPath(import.meta.url));
    const names = readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort();
    codeOfThisFolder = Buffer.concat(names.flatMap((f) => [Buffer.from(f), readFileSync(join(dir, f))]));
  }
  return codeOfThisFolder;
}

/** One bank file, checked; with a scale, its risk questions are bound to it, and a misfit thrown. */
export function parseBankFile(path: string, fileName: string, text: string, scale?: RiskScale): Bank {
  const { bank, misfit } = readBank(path, fileName, text, scale);
  if (misfit) throw new BankError(misfit);
  return bank;
}

function readBank(path: string, fileName: string, text: string, scale: RiskScale | undefined): { bank: Bank; misfit?: string } {
  const nameMatch = FILE_NAME.exec(fileName);
  if (!nameMatch) throw new BankError(`${path}: the file name must be <bank id>.v<version>.json`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BankError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  try {
    json = bindToRiskScale(json, scale);
  } catch (error) {
    if (!(error instanceof RiskScaleBindingError)) throw error;
    throw new BankError(`${path}: ${error.questionId ? `question ${error.questionId}: ` : ''}${error.message}`);
  }
  const parsed = bankSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BankError(`${path}: ${locate(json, issue.path)}${issue.message}`);
  }
  const bank = parsed.data;
  if (bank.id !== nameMatch[1] || bank.version !== Number(nameMatch[2])) {
    throw new BankError(`${path}: the file says bank "${bank.id}" version ${bank.version}, but its name says "${nameMatch[1]}" version ${nameMatch[2]}`);
  }
  checkConsistency(bank, path);
  const misfit = scale ? riskScaleMisfit(bank, scale) : undefined;
  return { bank, ...(misfit ? { misfit: `${path}: question ${misfit.questionId} ${misfit.message}` } : {}) };
}

/** Turns a schema error path into "question A3, field prompt: ". */
function locate(json: unknown, path: PropertyKey[]): string {
  const [first, sectionIndex, third, questionIndex, ...rest] = path;
  if (first !== 'sections' || typeof sectionIndex !== 'number') return path.length ? `field ${path.join('.')}: ` : '';
  const section = (json as { sections: Array<{ id?: string; questions?: Array<{ id?: string }> }> }).sections[sectionIndex];
  if (third !== 'questions' || typeof questionIndex !== 'number') {
    return `section ${section?.id ?? sectionIndex + 1}${third ? `, field ${String(third)}` : ''}: `;
  }
  const question = section?.questions?.[questionIndex];
  const where = question?.id ? `question ${question.id}` : `question ${questionIndex + 1} of section ${section?.id ?? sectionIndex + 1}`;
  return `${where}${rest.length ? `, field ${rest.join('.')}` : ''}: `;
}

/** True when some question takes its options from reference data. */
/** Banks are data that never change once loaded, so whether one uses reference data is worked out once (it was a scan of every question on every turn). */
const referenceUse = new WeakMap<Bank, boolean>();
function usesReferenceDataOnce(bank: Bank): boolean {
  let uses = referenceUse.get(bank);
  if (uses === undefined) referenceUse.set(bank, (uses = usesReferenceData(bank)));
  return uses;
}

export function usesReferenceData(bank: Bank, list?: ReferenceList): boolean {
  return bank.sections.some((s) => s.questions.some((q) => (q.type === 'choice' || q.type === 'multiChoice') && isReferenceList(q.optionsFrom) && (!list || q.optionsFrom === list)));
}

function checkConsistency(bank: Bank, path: string): void {
  const seen = new Map<string, Question>();
  const sectionIds = new Set<string>();
  for (const section of bank.sections) {
    if (sectionIds.has(section.id)) throw new BankError(`${path}: section ${section.id} appears twice`);
    sectionIds.add(section.id);
    for (const question of section.questions) {
      const fail = (message: string): never => {
        throw new BankError(`${path}: question ${question.id}: ${message}`);
      };
      if (seen.has(question.id)) fail('the id is used twice');
      if (question.condition) {
        let refs: string[] = [];
        try {
          refs = questionsReadBy(question.condition, bank.conditions);
        } catch (error) {
          fail(`its condition ${(error as Error).message}`);
        }
        for (const ref of refs) {
          if (ref === question.id) fail('its condition refers to itself');
          if (!seen.has(ref)) fail(`its condition refers to "${ref}", which is not an earlier question`);
        }
      }
      if ((question.type === 'choice' || question.type === 'multiChoice') && !question.optionsFrom && question.options.length < 2) {
        throw new BankError(`${path}: question ${question.id}, field options: needs at least 2 options (or optionsFrom, to take them from the council's reference data)`);
      }
      if (question.type === 'choice' || question.type === 'multiChoice') {
        const values = question.options.map((o) => o.value);
        if (new Set(values).size !== values.length) fail('two options have the same value');
        if (question.type === 'multiChoice' && question.exclusiveOption && !values.includes(question.exclusiveOption)) {
          fail(`exclusiveOption "${question.exclusiveOption}" is not one of its options`);
        }
      }
      if ((question.type === 'number' || question.type === 'money') && question.min !== undefined && question.max !== undefined && question.min > question.max) {
        fail('min is greater than max');
      }
      if (question.type === 'list') {
        if (question.minRows > question.maxRows) fail('minRows is greater than maxRows');
        for (const column of question.columns) {
          if (column.type === 'choice' && (!column.options || column.options.length < 2)) fail(`column ${column.id} is a choice without at least two options`);
        }
      }
      seen.set(question.id, question);
    }
  }
}
