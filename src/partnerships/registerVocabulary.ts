import type { LifeCycleStage, PartnershipStatus } from './partnership.js';
import type { Significance } from '../domain/significance.js';
import { STAGES, STAGE_LABELS } from '../domain/lifeCycleStage.js';
import { STATUS_LABELS } from '../status/registerLists.js';

/**
 * The register's fixed vocabularies (spec section 3), each value with the
 * label officers read: the council's role, the legal form. Service areas,
 * priorities and kinds of risk are the council's configuration instead
 * (src/config/referenceData.ts).
 */

export interface Option<T extends string = string> {
  value: T;
  label: string;
}

export const COUNCIL_ROLES: Option[] = [
  { value: 'lead', label: 'Lead partner' },
  { value: 'accountable-body', label: 'Accountable body' },
  { value: 'member', label: 'Member' },
  { value: 'observer', label: 'Observer' },
];

export const LEGAL_FORMS: Option[] = [
  { value: 'informal', label: 'Informal arrangement' },
  { value: 'terms-of-reference', label: 'Terms of reference' },
  { value: 'mou', label: 'Memorandum of understanding (MoU)' },
  { value: 'agreement', label: 'Agreement or service level agreement (SLA)' },
  { value: 'joint-committee', label: 'Joint committee' },
  { value: 'company', label: 'Company' },
  { value: 'charity', label: 'Charity or trust' },
  { value: 'cic', label: 'Community interest company (CIC)' },
  { value: 'statutory-body', label: 'Statutory body' },
  { value: 'other', label: 'Other' },
];

/** Statuses an entry may be given (removal is its own act, never a value typed in). */
export const SETTABLE_STATUSES: Option<Exclude<PartnershipStatus, 'removed'>>[] = (['proposed', 'active', 'under-review', 'exiting', 'closed', 'rejected'] as const).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

export const SIGNIFICANCE_OPTIONS: Option<Significance>[] = [
  { value: 'high', label: 'High' },
  { value: 'medium', label: 'Medium' },
  { value: 'low', label: 'Low' },
];

export const STAGE_OPTIONS: Option<LifeCycleStage>[] = STAGES.map((value) => ({ value, label: STAGE_LABELS[value] }));

export function labelOf(options: readonly Option[], value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return options.find((o) => o.value === value)?.label ?? value;
}
