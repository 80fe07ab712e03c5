import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Bank } from './bankSchema.js';
import { questionsReadBy } from './conditions.js';
import type { Pages } from './steps.js';

/**
 * How a bank's sections are put on cards. By default one card per section; a
 * presentation file (banks/presentation/<bank id>.v<version>.json) may put
 * several short sections on one card, so a long questionnaire takes fewer
 * submits. It is separate from the bank: a bank version is released data, and
 * its questions and rules do not change when its cards do.
 */
export const presentationSchema = z
  .object({
    bankId: z.string().min(1),
    version: z.number().int().min(1),
    /** Each entry is one card: the ids of the bank sections it asks, in order. */
    pages: z.array(z.array(z.string().min(1)).min(1)).min(1),
  })
  .strict();
export type Presentation = z.infer<typeof presentationSchema>;

const FILE_NAME = /^([A-Za-z][A-Za-z0-9_-]*)\.v(\d+)\.json$/;

/** Reads every presentation file of a banks folder (none is fine); a broken one stops start-up with its file named. */
export function loadPresentations(banksDirectory: string): Presentation[] {
  const directory = join(banksDirectory, 'presentation');
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((f) => FILE_NAME.test(f))
    .sort()
    .map((file) => {
      const parsed = presentationSchema.safeParse(JSON.parse(readFileSync(join(directory, file), 'utf8')));
      if (!parsed.success) throw new Error(`${join(directory, file)}: ${parsed.error.issues[0]?.message ?? 'not a presentation'}`);
      const [, id, version] = FILE_NAME.exec(file)!;
      if (parsed.data.bankId !== id || parsed.data.version !== Number(version)) throw new Error(`${join(directory, file)}: its bank id and version must match its name`);
      return parsed.data;
    });
}

/**
 * The cards of a bank version: its own presentation, else the newest one for
 * an earlier version of the same bank whose sections all still exist (a new
 * bank version keeps its cards), else one card per section. Every section is
 * on exactly one card, in bank order; a section no presentation names gets a
 * card of its own.
 */
export function pagesFor(bank: Bank, presentations: readonly Presentation[]): Pages {
  const sectionIds = bank.sections.map((s) => s.id);
  const candidates = presentations
    .filter((p) => p.bankId === bank.id && p.version <= bank.version)
    .filter((p) => p.pages.flat().every((id) => sectionIds.includes(id)) && looksBackOnly(bank, p.pages))
    .sort((a, b) => b.version - a.version);
  const chosen = candidates[0];
  if (!chosen) return sectionIds.map((id) => [id]);
  const used = new Set<string>();
  const pages: Pages = [];
  for (const page of chosen.pages) {
    const fresh = page.filter((id) => !used.has(id));
    fresh.forEach((id) => used.add(id));
    if (fresh.length > 0) pages.push(fresh);
  }
  for (const id of sectionIds) if (!used.has(id)) pages.push([id]);
  // Cards go in the order of their first sections; a card may bring a later section forward
  // (its questions look back only at sections already asked).
  return pages.sort((a, b) => sectionIds.indexOf(a[0]!) - sectionIds.indexOf(b[0]!));
}

/** True when no question on a card depends on a question asked on a later card. */
function looksBackOnly(bank: Bank, pages: Pages): boolean {
  const cardOf = new Map<string, number>();
  pages.forEach((ids, index) => ids.forEach((id) => bank.sections.find((s) => s.id === id)?.questions.forEach((q) => cardOf.set(q.id, index))));
  const sectionIds = bank.sections.map((s) => s.id);
  const ordered = [...pages].sort((a, b) => sectionIds.indexOf(a[0]!) - sectionIds.indexOf(b[0]!));
  const position = new Map(ordered.map((ids, i) => [ids[0]!, i]));
  const cardPosition = (questionId: string) => position.get(pages[cardOf.get(questionId)!]![0]!) ?? 0;
  for (const section of bank.sections) {
    for (const question of section.questions) {
      if (!question.condition || !cardOf.has(question.id)) continue;
      for (const ref of questionsReadBy(question.condition, bank.conditions)) {
        if (cardOf.has(ref) && cardPosition(ref) > cardPosition(question.id)) return false;
      }
    }
  }
  return true;
}
