import { fixtureLanguage } from './test/support/languageFixture.js';
const { language, names } = await fixtureLanguage();
for (const text of process.argv.slice(2)) {
  const u = await language.understand(text, { today: '2026-11-27', names });
  const r = 'reading' in u ? u.reading : undefined;
  console.log(JSON.stringify(text), u.kind, r?.intent, r?.score.toFixed(2), JSON.stringify(r?.data), '| alt:', u.alternatives.map((a) => `${a.intent}:${a.score.toFixed(2)}`).join(' '), '| ents:', r?.entities.map((e) => `${e.type}=${e.value}${e.unresolved ? '?' : ''}`).join(','));
}
