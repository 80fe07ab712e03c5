import { ReferenceData } from '../../src/config/referenceData.js';
import { loadConfig } from '../../src/config/config.js';
import { loadRiskScale } from '../../src/domain/riskScale.js';
import { languageModelFiles, languageReference } from '../../src/language/languageSetup.js';
import { LanguageUnderstanding } from '../../src/language/understanding.js';
import type { RegisterNames, RegisterVocabulary } from '../../src/language/entities.js';

/**
 * A small register the phrasing set is written against: partnerships, their
 * partners and people, all invented. The officer who asks leads or is named
 * on every one, so every name counts as one they may see.
 */
export const FIXTURE_REGISTER: RegisterVocabulary = {
  partnerships: [
    ['csp', 'Community Safety Partnership', 'communities', ['Essex Police', 'NHS Trust', 'Fire and Rescue Service']],
    ['ayf', 'Alpha Youth Forum', 'communities', ['Rayleigh Business Group', 'Youth Action Trust']],
    ['rtcp', 'Rayleigh Town Centre Partnership', 'economy', ['Essex Police', 'Rayleigh Business Group']],
    ['bat', 'Beta Arts Trust', 'place', ['Arts Council England']],
    ['hwb', 'Health and Wellbeing Board', 'communities', ['NHS Trust', 'Age Concern']],
    ['rcl', 'Rayleigh Christmas Lights Group', 'economy', ['Rayleigh Lights Volunteers']],
    ['lsp', 'Local Strategic Partnership (LSP)', 'resources', ['County Council']],
    ['fotp', 'Friends of the Park', 'place', ['Park Volunteers']],
    ['ahp', 'Affordable Homes Partnership', 'housing', ['Sanctuary Housing', 'Homes England']],
    ['dcp', 'Digital Inclusion Project', 'customer', ['Citizens Advice']],
  ].map(([id, name, serviceArea, partners]) => ({ id: id as string, name: name as string, serviceArea: serviceArea as string, partners: partners as string[], officerIds: ['asker'] })),
  people: [
    ['sam', 'Sam Patel'],
    ['helen', 'Helen Ward'],
    ['priya', 'Priya Shah'],
    ['kim', 'Kim Osei'],
    ['alex', 'Alex Green'],
    ['jo', 'Jo Bloggs'],
  ].map(([objectId, name]) => ({ objectId: objectId!, name: name! })),
};

let built: Promise<{ language: LanguageUnderstanding; names: RegisterNames }> | undefined;

/** The bot's own language understanding (real banks, risk scale and intent files) and the fixture register's names. */
export function fixtureLanguage(): Promise<{ language: LanguageUnderstanding; names: RegisterNames }> {
  built ??= (async () => {
    const scale = loadRiskScale('config/risk-scale.json');
    const language = await LanguageUnderstanding.create({ dir: 'language', reference: languageReference(ReferenceData.load(loadConfig({}).referenceData)), riskBands: scale.bands.map((b) => b.id), modelFiles: languageModelFiles() });
    return { language, names: language.registerNames(FIXTURE_REGISTER) };
  })();
  return built;
}
