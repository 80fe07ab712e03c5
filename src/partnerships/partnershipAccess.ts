import { hasRole, type Person } from '../people/person.js';
import type { Partnership } from './partnership.js';

/**
 * Who may see and act on a partnership (spec section 2). Pure rules, so every
 * flow asks the same question and the authorisation tests cover one place.
 */
export function maySee(person: Pick<Person, 'objectId' | 'roles' | 'areas'>, partnership: Pick<Partnership, 'officerIds' | 'serviceArea'>): boolean {
  if (hasRole(person, 'spo') || hasRole(person, 'leadership')) return true;
  if (hasRole(person, 'ad') && (person.areas ?? []).includes(partnership.serviceArea)) return true;
  return partnership.officerIds.includes(person.objectId);
}

/** Completing questionnaires for it (self-assessment, exit interview): its officers and the SPO. */
export function mayAnswerFor(person: Pick<Person, 'objectId' | 'roles'>, partnership: Pick<Partnership, 'officerIds'>): boolean {
  return hasRole(person, 'spo') || partnership.officerIds.includes(person.objectId);
}

/** Closing a year's assessment, naming officers: the lead officer and the SPO. */
export function mayLead(person: Pick<Person, 'objectId' | 'roles'>, partnership: Pick<Partnership, 'leadOfficer'>): boolean {
  return hasRole(person, 'spo') || partnership.leadOfficer.objectId === person.objectId;
}

/** Signing off an exit: the partnership's Assistant Director (by area) and the SPO. */
export function maySignOff(person: Pick<Person, 'objectId' | 'roles' | 'areas'>, partnership: Pick<Partnership, 'serviceArea' | 'assistantDirector'>): boolean {
  if (hasRole(person, 'spo')) return true;
  if (partnership.assistantDirector?.objectId === person.objectId) return true;
  return hasRole(person, 'ad') && (person.areas ?? []).includes(partnership.serviceArea);
}
