import type { Logger } from '../logging/logger.js';
import type { Notifier } from '../notifications/notifier.js';
import type { PartnershipRegister } from '../partnerships/partnershipRegister.js';
import { placeholderIdFor, type Person } from './person.js';
import type { PeopleDirectory } from './peopleDirectory.js';

/**
 * Someone named by email before they used the bot (by an import, or "make
 * x@council.gov.uk assistant director") is a placeholder until their first
 * message: once Teams gives their email or UPN, everything the placeholder held
 * (roles, partnerships, messages waiting for them) moves to their identity.
 */
export class IdentityLinker {
  constructor(
    private readonly people: PeopleDirectory,
    private readonly register: PartnershipRegister,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
  ) {}

  /** Links every placeholder for the person's contacts; returns the person as they now stand. */
  async link(person: Person): Promise<Person> {
    let current = person;
    for (const contact of person.contacts ?? []) {
      const placeholderId = placeholderIdFor(contact);
      if (placeholderId === person.objectId) continue;
      const placeholder = await this.people.find(placeholderId);
      if (!placeholder?.pending) continue;
      const by = { objectId: person.objectId, name: person.name };
      current = (
        await this.people.changeRoles(person.objectId, { objectId: 'system', name: 'Partnership Toolkit' }, (mine) => ({ roles: [...mine.roles, ...placeholder.roles], areas: [...mine.areas, ...(placeholder.areas ?? [])] }), `${person.name} linked to ${contact}, named before their first message`)
      ).person;
      const ref = { objectId: person.objectId, name: person.name };
      for (const entry of await this.register.referencing(placeholderId)) {
        await this.register.correct(entry.id, by, 'partnership.officer-linked', (p) => ({
          ...p,
          leadOfficer: p.leadOfficer.objectId === placeholderId ? ref : p.leadOfficer,
          ownerId: p.ownerId === placeholderId ? person.objectId : p.ownerId,
          officerIds: [...new Set(p.officerIds.map((id) => (id === placeholderId ? person.objectId : id)))],
          ...(p.assistantDirector?.objectId === placeholderId ? { assistantDirector: ref } : {}),
        }), { note: `Linked ${contact} to the person's Teams identity at their first message` });
      }
      await this.notifier.moveWaiting(placeholderId, person.objectId);
      await this.people.removePlaceholder(placeholderId);
      this.logger.info({ linked: true }, 'a person named by email was linked to their identity');
    }
    return (await this.people.find(person.objectId)) ?? current;
  }
}
