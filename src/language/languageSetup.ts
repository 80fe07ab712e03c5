import { join } from 'node:path';
import type { ReferenceData } from '../config/referenceData.js';
import type { ReferenceTerms } from './entities.js';

/**
 * Service areas and council plan priorities as the reference data lists them
 * (config/service-areas.json, config/priorities.json). Priorities of every plan
 * version are known, since older records keep the ones they were judged on.
 */
export function languageReference(reference: ReferenceData): Omit<ReferenceTerms, 'terms'> {
  const priorities = new Map<string, { value: string; label: string }>();
  for (const plan of [reference.currentPlan, ...[...reference.priorityPlans].reverse()]) {
    for (const p of plan.priorities) if (!priorities.has(p.id)) priorities.set(p.id, { value: p.id, label: p.label });
  }
  return { areas: reference.serviceAreas.map((a) => ({ value: a.id, label: a.label })), priorities: [...priorities.values()] };
}

/**
 * Where a trained model is looked for: the one `npm run build` writes, then a
 * cache kept between runs from source (tests, `npm run dev`), which is also
 * where a model trained at start-up is kept.
 */
export function languageModelFiles(cwd = process.cwd()): string[] {
  return [join(cwd, 'dist', 'language-model.json'), join(cwd, 'node_modules', '.cache', 'partnership-toolkit', 'language-model.json')];
}
