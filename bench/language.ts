import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRiskScale } from '../src/domain/riskScale.js';
import { languageReference } from '../src/language/languageSetup.js';
import { LanguageUnderstanding } from '../src/language/understanding.js';
import { ReferenceData } from '../src/config/referenceData.js';
import { loadConfig } from '../src/config/config.js';

export interface LanguageResult {
  messages: number;
  partnerships: number;
  /** Per message: entities, classification and the reading, as the router calls it. */
  perMessageMs: { p50: number; p95: number; p99: number; max: number };
  /** Start-up with the model `npm run build` saved (median of 3). */
  startupLoadedMs: number;
  /** Start-up training from the intent files, with no saved model (median of 3). */
  startupTrainedMs: number;
  /** Building the register's names for 1,000 or so partnerships (done again when the register changes). */
  namesBuildMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (n: number) => Math.round(n * 1000) / 1000;

/** The language understanding's cost, in this process: start-up both ways, and every held-out phrasing read 5 times over a large register. */
export async function measureLanguage(partnerships = 1000): Promise<LanguageResult> {
  const scale = loadRiskScale('config/risk-scale.json');
  const options = { dir: 'language', reference: languageReference(ReferenceData.load(loadConfig({}).referenceData)), riskBands: scale.bands.map((b) => b.id) };
  const model = join(tmpdir(), `bench-language-model-${process.pid}.json`);
  await LanguageUnderstanding.buildModel({ ...options, file: model });
  const language = await LanguageUnderstanding.create({ ...options, modelFiles: [model] });
  const words = ['North', 'South', 'Rayleigh', 'Hockley', 'Rochford', 'Canvey', 'Coastal', 'Green', 'Youth', 'Arts', 'Health', 'Housing', 'Digital', 'Heritage', 'Sports', 'Carers'];
  const kinds = ['Partnership', 'Forum', 'Trust', 'Network', 'Board', 'Group', 'Alliance', 'Project'];
  const vocabulary = {
    partnerships: Array.from({ length: partnerships }, (_, i) => ({
      id: `p${i}`,
      name: `${words[i % words.length]} ${words[(i * 7 + 3) % words.length]} ${kinds[i % kinds.length]} ${i}`,
      officerIds: ['asker'],
      serviceArea: 'communities',
      partners: [`${words[(i * 3) % words.length]} Council`, 'Essex Police'],
    })),
    people: Array.from({ length: 300 }, (_, i) => ({ objectId: `u${i}`, name: `Officer ${words[i % words.length]} ${i}` })),
  };
  let t = performance.now();
  const names = language.registerNames(vocabulary);
  const namesBuildMs = performance.now() - t;
  const phrasings = (JSON.parse(readFileSync('test/language/heldOut.en-GB.json', 'utf8')) as Array<{ text: string }>).map((p) => p.text);
  const times: number[] = [];
  for (let round = 0; round < 7; round++) {
    for (const text of phrasings) {
      t = performance.now();
      await language.understand(text, { today: '2026-11-27', names, canSee: () => true });
      // The first two rounds warm the JIT and are not counted.
      if (round > 1) times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const loaded: number[] = [];
  const trained: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    await LanguageUnderstanding.create({ ...options, modelFiles: [model] });
    loaded.push(performance.now() - t);
    t = performance.now();
    await LanguageUnderstanding.create(options);
    trained.push(performance.now() - t);
  }
  return {
    messages: times.length,
    partnerships,
    perMessageMs: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)), max: round(times.at(-1)!) },
    startupLoadedMs: Math.round(median(loaded)),
    startupTrainedMs: Math.round(median(trained)),
    namesBuildMs: Math.round(namesBuildMs),
  };
}

if (process.argv[1]?.endsWith('language.ts')) {
  const result = await measureLanguage(Number(process.env['BENCH_LANGUAGE_PARTNERSHIPS'] ?? 1000));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
