/**
 * `npm run build` runs this after compiling: it trains the intent classifier
 * from the intent files and saves the model as dist/language-model.json,
 * which start-up loads (in tens of milliseconds) while it matches the files.
 */
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { loadRiskScale } from '../domain/riskScale.js';
import { ReferenceData } from '../config/referenceData.js';
import { languageModelFiles, languageReference } from './languageSetup.js';
import { LanguageUnderstanding } from './understanding.js';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const started = performance.now();
const file = languageModelFiles()[0] ?? join('dist', 'language-model.json');
const scale = loadRiskScale(config.riskScaleFile);
await LanguageUnderstanding.buildModel({
  dir: config.languageDirectory,
  reference: languageReference(ReferenceData.load(config.referenceData)),
  riskBands: scale.bands.map((b) => b.id),
  file,
});
process.stdout.write(`Language model trained in ${Math.round(performance.now() - started)} ms: ${file}\n`);
