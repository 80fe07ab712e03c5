import { join } from 'node:path';
import type { BankCatalogue } from '../questionnaire/bankCatalogue.js';
import type { ReferenceTerms } from './entities.js';

/** The bank whose choices name the service areas and Business Plan priorities. */
const NEW_PARTNERSHIP_BANK = 'new-partnership';

/** Service areas and priorities as the latest new-partnership bank lists them. */
export function languageReference(banks: BankCatalogue): Omit<ReferenceTerms, 'terms'> {
  const questions = banks.latest(NEW_PARTNERSHIP_BANK)?.sections.flatMap((s) => s.questions) ?? [];
  const options = (id: string) => {
    const question = questions.find((q) => q.id === id);
    return question && 'options' in question ? (question.options ?? []).map((o) => ({ value: String(o.value), label: o.label })) : [];
  };
  return { areas: options('AREA'), priorities: options('A2').filter((o) => o.value !== 'none') };
}

/**
 * Where a trained model is looked for: the one `npm run build` writes, then a
 * cache kept between runs from source (tests, `npm run dev`), which is also
 * where a model trained at start-up is kept.
 */
export function languageModelFiles(cwd = process.cwd()): string[] {
  return [join(cwd, 'dist', 'language-model.json'), join(cwd, 'node_modules', '.cache', 'partnership-toolkit', 'language-model.json')];
}
