/**
 * Prints how well the bot understands the public phrasing set: intent and
 * entity accuracy on the training part and on the held-out part, and the
 * phrasings it got wrong. `npm run language:accuracy`.
 */
import { fixtureLanguage } from '../support/languageFixture.js';
import { heldOutPart, score, trainingPart } from './phrasingSet.js';

const { language, names } = await fixtureLanguage();
const parts = [
  ['training', trainingPart(language)],
  ['held-out', heldOutPart()],
] as const;
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const rows: string[] = [];
for (const [name, phrasings] of parts) {
  const result = await score(language, names, phrasings);
  rows.push(`${name.padEnd(9)} ${String(result.phrasings).padStart(5)} phrasings  intent ${percent(result.intentAccuracy).padStart(6)}  entities ${percent(result.entityAccuracy).padStart(6)} (${result.entities})`);
  if (process.argv.includes('--misses')) for (const m of result.misses) console.log(`[${name}] ${JSON.stringify(m.text)}: expected ${m.expected}, got ${m.got}${m.entities ? `; ${m.entities}` : ''}`);
}
console.log(`part      phrasings         intent           entities\n${rows.join('\n')}`);
