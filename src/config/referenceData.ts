import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { simpleWords } from '../util/simpleWords.js';

export { simpleWords };

/**
 * The council's reference data as configuration, like the risk matrix: its
 * service areas, the priorities of its plans (versioned: records keep the
 * version they were judged on) and the kinds of risk it asks about. Each file is
 * checked at start-up; a mistake stops the bot with one line naming the file
 * and the entry.
 */

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens, starting with a letter');
const label = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
/** An email address or user principal name, as Entra gives it. */
const emailLike = z.string().trim().toLowerCase().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address or user principal name');

const serviceAreasSchema = z.object({
  areas: z
    .array(
      z.object({
        id,
        label,
        /** Other words officers use for it ("finance" for Resources), for typed requests and imports. */
        aliases: z.array(z.string().trim().min(1).max(80)).default([]),
        /** The area's Assistant Directors by email or UPN; granted the role once each (see PeopleDirectory). */
        assistantDirectors: z.array(emailLike).default([]),
      }),
    )
    .min(1, 'must list at least one service area'),
});

const prioritiesSchema = z.object({
  /** The plan new partnerships and reviews are judged against. */
  current: z.number().int().min(1),
  plans: z
    .array(
      z.object({
        version: z.number().int().min(1),
        name: label,
        priorities: z.array(z.object({ id, label })).min(1, 'must list at least one priority'),
      }),
    )
    .min(1, 'must list at least one plan'),
});

const riskCategoriesSchema = z.object({
  categories: z.array(z.object({ id, label, detail: z.string().trim().max(500).default('') })).min(1, 'must list at least one kind of risk'),
});

export type ServiceArea = z.infer<typeof serviceAreasSchema>['areas'][number];
export type PriorityPlan = z.infer<typeof prioritiesSchema>['plans'][number];
export type RiskCategory = z.infer<typeof riskCategoriesSchema>['categories'][number];

export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError';
}

export interface ReferenceDataFiles {
  serviceAreasFile: string;
  prioritiesFile: string;
  riskCategoriesFile: string;
}

/** The reference data, loaded and checked; lookups by id, label or alias. */
export class ReferenceData {
  readonly currentPlan: PriorityPlan;

  constructor(
    readonly serviceAreas: readonly ServiceArea[],
    readonly priorityPlans: readonly PriorityPlan[],
    currentVersion: number,
    readonly riskCategories: readonly RiskCategory[],
  ) {
    this.currentPlan = priorityPlans.find((p) => p.version === currentVersion)!;
  }

  static load(files: ReferenceDataFiles): ReferenceData {
    const areas = readChecked(files.serviceAreasFile, serviceAreasSchema, 'areas', 'area');
    const plans = readChecked(files.prioritiesFile, prioritiesSchema, 'plans', 'plan');
    const risks = readChecked(files.riskCategoriesFile, riskCategoriesSchema, 'categories', 'risk category');
    unique(files.serviceAreasFile, 'service area', areas.areas.map((a) => a.id));
    unique(files.serviceAreasFile, 'service area label', areas.areas.map((a) => simpleWords(a.label)));
    unique(files.riskCategoriesFile, 'risk category', risks.categories.map((c) => c.id));
    const versions = plans.plans.map((p) => p.version);
    versions.forEach((version, i) => {
      if (version !== i + 1) throw new ReferenceDataError(`${files.prioritiesFile}: plan ${i + 1} says version ${version}; plans are numbered 1, 2, 3… in order, and none is ever removed (records keep the version they were judged on)`);
    });
    for (const plan of plans.plans) unique(files.prioritiesFile, `priority in version ${plan.version}`, plan.priorities.map((p) => p.id));
    if (!versions.includes(plans.current)) throw new ReferenceDataError(`${files.prioritiesFile}: current is ${plans.current}, but there is no plan with that version`);
    return new ReferenceData(areas.areas, plans.plans, plans.current, risks.categories);
  }

  /** A service area by its id, its label or one of its aliases, forgiving case and punctuation. */
  serviceArea(text: string): ServiceArea | undefined {
    const wanted = simpleWords(text);
    if (!wanted) return undefined;
    return (
      this.serviceAreas.find((a) => a.id === text.trim().toLowerCase() || simpleWords(a.label) === wanted || a.aliases.some((alias) => simpleWords(alias) === wanted)) ??
      this.serviceAreas.find((a) => simpleWords(a.label).startsWith(wanted))
    );
  }

  /** The label officers see for a service area id (the id itself for an area no longer configured). */
  areaLabel(areaId: string): string {
    return this.serviceAreas.find((a) => a.id === areaId)?.label ?? areaId;
  }

  plan(version: number): PriorityPlan | undefined {
    return this.priorityPlans.find((p) => p.version === version);
  }

  /** A priority of a plan by id or label. */
  priority(version: number, text: string): { id: string; label: string } | undefined {
    const wanted = simpleWords(text);
    return this.plan(version)?.priorities.find((p) => p.id === text.trim().toLowerCase() || simpleWords(p.label) === wanted);
  }

  /**
   * The labels of a record's priorities as it was judged: the labels kept on the
   * record, else those of its plan version (version 1 for records older than versioning).
   */
  priorityLabelsOf(record: { priorities: readonly string[]; priorityPlan?: { version: number; labels: Record<string, string> } }): string[] {
    const plan = this.plan(record.priorityPlan?.version ?? 1);
    return record.priorities.map((id) => record.priorityPlan?.labels[id] ?? plan?.priorities.find((p) => p.id === id)?.label ?? id);
  }

  /** A priority id's label: in the current plan, else the newest plan that has it. */
  priorityLabel(priorityId: string): string {
    for (const plan of [this.currentPlan, ...[...this.priorityPlans].reverse()]) {
      const found = plan.priorities.find((p) => p.id === priorityId);
      if (found) return found.label;
    }
    return priorityId;
  }

  /** What a record keeps of the plan it was judged against. */
  planRecordFor(priorityIds: readonly string[], version = this.currentPlan.version): { version: number; labels: Record<string, string> } {
    const plan = this.plan(version) ?? this.currentPlan;
    return { version: plan.version, labels: Object.fromEntries(priorityIds.map((id) => [id, plan.priorities.find((p) => p.id === id)?.label ?? id])) };
  }

  riskCategoryLabel(categoryId: string): string {
    return this.riskCategories.find((c) => c.id === categoryId)?.label ?? categoryId;
  }
}

function readChecked<S extends z.ZodType>(path: string, schema: S, listField: string, entryWord: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ReferenceDataError(`${path} cannot be read: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ReferenceDataError(`${path}: ${locate(json, issue.path, listField, entryWord)}${issue.message}`);
}

/** "area 3 (place), field label: " from a schema error path, so the line names the entry. */
function locate(json: unknown, path: PropertyKey[], listField: string, entryWord: string): string {
  if (path[0] !== listField || typeof path[1] !== 'number') return path.length ? `${path.join('.')}: ` : '';
  const entry = ((json as Record<string, unknown>)[listField] as Array<Record<string, unknown>> | undefined)?.[path[1]];
  const name = typeof entry?.['id'] === 'string' ? ` (${entry['id']})` : typeof entry?.['version'] === 'number' ? ` (version ${entry['version']})` : '';
  const rest = path.slice(2);
  if (rest[0] === 'priorities' && typeof rest[1] === 'number') {
    const priority = (entry?.['priorities'] as Array<Record<string, unknown>> | undefined)?.[rest[1]];
    const priorityName = typeof priority?.['id'] === 'string' ? ` (${priority['id']})` : '';
    return `${entryWord} ${path[1] + 1}${name}, priority ${rest[1] + 1}${priorityName}${rest.length > 2 ? `, field ${rest.slice(2).join('.')}` : ''}: `;
  }
  return `${entryWord} ${path[1] + 1}${name}${rest.length ? `, field ${rest.join('.')}` : ''}: `;
}

function unique(path: string, what: string, values: string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new ReferenceDataError(`${path}: ${what} "${value}" appears twice`);
    seen.add(value);
  }
}

/** The options a bank's `optionsFrom` question gets from the reference data, at the versions a draft started on. */
export function referenceOptions(reference: ReferenceData) {
  return (list: 'serviceAreas' | 'priorities' | 'riskCategories', versions: { priorities?: number }) => {
    if (list === 'serviceAreas') return reference.serviceAreas.map((a) => ({ value: a.id, label: a.label, ...(a.aliases.length ? { synonyms: a.aliases } : {}) }));
    if (list === 'riskCategories') return reference.riskCategories.map((c) => ({ value: c.id, label: c.label }));
    const plan = (versions.priorities !== undefined ? reference.plan(versions.priorities) : undefined) ?? reference.currentPlan;
    return plan.priorities.map((p) => ({ value: p.id, label: p.label }));
  };
}
