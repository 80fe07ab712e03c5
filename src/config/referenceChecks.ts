import { isReferenceList, type Bank, type Question } from '../questionnaire/bankSchema.js';
import type { BankCatalogue } from '../questionnaire/bankCatalogue.js';
import { ReferenceDataError, type ReferenceData, type ReferenceDataFiles } from './referenceData.js';

/**
 * Start-up checks that the question banks and the reference data agree: every
 * service area and kind of risk a bank offers (in any version a draft may still
 * use) must be in configuration, so its answers read with the council's labels.
 * A bank version whose options come from configuration is always in step.
 */
export function checkBanksAgainstReferenceData(banks: BankCatalogue, reference: ReferenceData, files: ReferenceDataFiles): void {
  for (const bank of banks.all()) {
    for (const question of questionsOf(bank)) {
      const role = roleOf(question);
      if (!role || !('options' in question)) continue;
      const known = role === 'serviceAreas' ? reference.serviceAreas.map((a) => a.id) : role === 'riskCategories' ? reference.riskCategories.map((c) => c.id) : undefined;
      if (!known) continue;
      const file = role === 'serviceAreas' ? files.serviceAreasFile : files.riskCategoriesFile;
      for (const option of question.options) {
        if (!known.includes(option.value)) {
          throw new ReferenceDataError(`${file}: the bank ${bank.id} v${bank.version} (question ${question.id}) offers "${option.value}", which the file does not list; add it (areas and kinds of risk are never removed while records use them)`);
        }
      }
    }
  }
}

/** Which reference list a question's options are: by the bank's own declaration, or by the ids the first banks used. */
function roleOf(question: Question): 'serviceAreas' | 'priorities' | 'riskCategories' | undefined {
  if ('optionsFrom' in question && isReferenceList(question.optionsFrom)) return question.optionsFrom;
  if (question.id === 'AREA') return 'serviceAreas';
  if (question.id === 'RCAT') return 'riskCategories';
  if (question.id === 'A2') return 'priorities';
  return undefined;
}

function questionsOf(bank: Bank): Question[] {
  return bank.sections.flatMap((s) => s.questions);
}
