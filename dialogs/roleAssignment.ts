import { plain } from '../cards/markdown.js';
import type { TurnContext } from 'botbuilder';
import { actionButton, adaptiveCard, paragraph } from '../cards/cardTypes.js';
import { cardMessage } from '../src/bot/replies.js';
import { simpleWords, type ReferenceData } from '../src/config/referenceData.js';
import { ROLE_LABELS, type Person, type Role } from '../src/people/person.js';
import * as permissions from '../src/permissions/permissions.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import { formatUkDate } from '../src/util/ukFormat.js';

export type NamedRole = Exclude<Role, 'officer'>;

export interface RoleRequest {
  personName: string;
  role: NamedRole;
  area?: string;
  /** Chosen on the "which one?" card: the person's identity, never their name. */
  personId?: string;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * Roles by identity (security report M1): the SPO names someone; when several
 * people share the name the bot asks which one, showing their email or user
 * principal name, and the role goes to that identity. Someone who has not used
 * the bot yet is named by email. Roles can be removed; every change is audited.
 */
export class RoleAssignment {
  constructor(
    private readonly people: PeopleDirectory,
    private readonly reference: ReferenceData,
    /** Told when someone becomes Assistant Director for areas; returns how many waiting proposals went to them. */
    private readonly onDirectorAppointed: (director: { objectId: string; name: string }, areas: string[], by: { objectId: string; name: string }) => Promise<number> = async () => 0,
  ) {}

  async assign(context: TurnContext, requester: Person, request: RoleRequest): Promise<void> {
    const verdict = permissions.assignRoles(requester);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const area = request.role === 'ad' ? this.reference.serviceArea(request.area ?? '') : undefined;
    if (request.role === 'ad' && !area) {
      const labels = this.reference.serviceAreas.map((a) => a.label);
      await context.sendActivity(`Which service area? Say, for example, "make ${plain(request.personName)} assistant director for ${labels[0]}". Areas: ${labels.join(', ')}.`);
      return;
    }
    const person = await this.choose(context, request, 'assignRole', await this.people.everyone(), true);
    if (!person) return;
    const { person: after, changed } = await this.people.changeRoles(
      person.objectId,
      { objectId: requester.objectId, name: requester.name },
      (current) => ({ roles: [...current.roles, request.role], areas: area ? [...current.areas, area.id] : current.areas }),
      `make ${person.name} ${ROLE_LABELS[request.role]}${area ? ` for ${area.label}` : ''}`,
    );
    const areaText = request.role === 'ad' ? ` for ${(after.areas ?? []).map((a) => this.reference.areaLabel(a)).join(', ')}` : '';
    const who = describe(after);
    // Even when nothing changed: a proposal that waited is sent at most once, so asking again is safe.
    const delivered = request.role === 'ad' && area ? await this.onDirectorAppointed({ objectId: after.objectId, name: after.name }, [area.id], { objectId: requester.objectId, name: requester.name }) : 0;
    const sent = delivered > 0 ? ` I've sent them the ${delivered === 1 ? 'proposal' : `${delivered} proposals`} that waited for an Assistant Director there.` : '';
    await context.sendActivity(changed ? `Done: ${who} is now ${ROLE_LABELS[request.role]}${areaText}.${after.pending ? ' They have not used the bot yet; the role is theirs from their first message.' : ''}${sent}` : `${who} is already ${ROLE_LABELS[request.role]}${areaText}. Nothing has changed.${sent}`);
  }

  /**
   * "who am I": the asker's name, Entra object id and roles. This is how a developer finds the id
   * the Agents Playground sends, to put in ADMIN_OBJECT_IDS (README, "Try the roles locally"); it
   * tells a person only about themselves.
   */
  async whoAmI(context: TurnContext, person: Person): Promise<void> {
    const roles = person.roles.filter((r) => r !== 'officer');
    const held = roles.length === 0
      ? 'You are an officer, with no other role.'
      : `Your roles: ${roles.map((r) => (r === 'ad' && person.areas?.length ? `${ROLE_LABELS[r]} for ${person.areas.map((a) => this.reference.areaLabel(a)).join(', ')}` : ROLE_LABELS[r])).join('; ')}.`;
    await context.sendActivity(`You are ${plain(person.name || 'unnamed')}. Your Entra object id is ${person.objectId}. ${held}`);
  }

  async remove(context: TurnContext, requester: Person, request: RoleRequest): Promise<void> {
    const verdict = permissions.assignRoles(requester);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const area = request.area ? this.reference.serviceArea(request.area) : undefined;
    if (request.area && !area) return void (await context.sendActivity(`I don't know a service area called "${request.area.slice(0, 80)}". Areas: ${this.reference.serviceAreas.map((a) => a.label).join(', ')}.`));
    const holders = await this.people.listWithRole(request.role);
    const person = await this.choose(context, request, 'removeRole', holders, false);
    if (!person) return;
    const { person: after, changed } = await this.people.changeRoles(
      person.objectId,
      { objectId: requester.objectId, name: requester.name },
      (current) => {
        const areas = area ? current.areas.filter((a) => a !== area.id) : [];
        const keepRole = request.role === 'ad' && areas.length > 0;
        return { roles: keepRole ? current.roles : current.roles.filter((r) => r !== request.role), areas: request.role === 'ad' ? areas : current.areas };
      },
      `remove ${person.name} as ${ROLE_LABELS[request.role]}${area ? ` for ${area.label}` : ''}`,
    );
    const still = after.roles.includes(request.role) ? ` They are still ${ROLE_LABELS[request.role]} for ${(after.areas ?? []).map((a) => this.reference.areaLabel(a)).join(', ')}.` : '';
    await context.sendActivity(changed ? `Done: ${describe(after)} is no longer ${ROLE_LABELS[request.role]}${area ? ` for ${area.label}` : ''}.${still}` : `${describe(after)} was not ${ROLE_LABELS[request.role]}${area ? ` for ${area.label}` : ''}. Nothing has changed.`);
  }

  /** "who are the assistant directors": the holders, with their areas and email. Anyone may ask. */
  async list(context: TurnContext, role: NamedRole): Promise<void> {
    const holders = (await this.people.listWithRole(role)).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    const plural = role === 'leadership' ? 'Leadership Team' : `${ROLE_LABELS[role]}s`;
    if (holders.length === 0) return void (await context.sendActivity(`Nobody is ${ROLE_LABELS[role]} yet. The Strategic Partnership Officer gives roles, for example "make Helen Ward assistant director for Communities".`));
    const lines = holders.map((p) => `• ${describe(p)}${role === 'ad' ? `: ${(p.areas ?? []).map((a) => this.reference.areaLabel(a)).join(', ') || 'no service area'}` : ''}${p.pending ? ' (has not used the bot yet)' : ''}`);
    const card = adaptiveCard([paragraph(`The ${plural} (${holders.length})`, { weight: 'Bolder', size: 'Medium' }), ...lines.map((l) => paragraph(l, { spacing: 'Small' }))]);
    await context.sendActivity(cardMessage(card, `The ${plural}: ${holders.length}`));
  }

  /**
   * The one person meant: by the identity a "which one?" button carries, by email
   * (a placeholder for someone not yet seen, when `mayCreate`), or by name; several
   * of one name are offered as buttons carrying their identities.
   */
  private async choose(context: TurnContext, request: RoleRequest, verb: 'assignRole' | 'removeRole', among: Person[], mayCreate: boolean): Promise<Person | undefined> {
    if (request.personId) {
      const chosen = among.find((p) => p.objectId === request.personId);
      if (!chosen) await context.sendActivity("That person's record has changed since the card was sent, so nothing was changed. Ask again.");
      return chosen;
    }
    const named = request.personName.trim();
    if (EMAIL.test(named)) {
      const address = named.toLowerCase();
      const found = among.filter((p) => p.contacts?.includes(address));
      if (found.length > 0) return found.find((p) => !p.pending) ?? found[0];
      if (mayCreate) return this.people.placeholder(address, address);
      await context.sendActivity(`Nobody with the email ${address} holds that role. Nothing has changed.`);
      return undefined;
    }
    const wanted = simpleWords(named);
    const matches = among.filter((p) => simpleWords(p.name) === wanted);
    if (matches.length === 1) return matches[0];
    if (matches.length === 0) {
      await context.sendActivity(
        mayCreate
          ? `I don't know anyone called ${plain(named.slice(0, 80))} yet. If they haven't used the bot, name them by email instead, for example "make helen.ward@council.gov.uk assistant director for Communities"; the role is theirs from their first message.`
          : `Nobody called ${plain(named.slice(0, 80))} holds that role. Ask "who are the ${request.role === 'ad' ? 'assistant directors' : request.role === 'spo' ? 'strategic partnership officers' : 'leadership team'}" to see who does.`,
      );
      return undefined;
    }
    const lead = `More than one person is called ${plain(named.slice(0, 80))}. Which one do you mean?`;
    const card = adaptiveCard(
      [paragraph(lead)],
      matches.slice(0, 6).map((p) => actionButton(`${p.name} (${p.contacts?.[0] ?? 'email not known yet'}; first seen ${formatUkDate(p.firstSeen)})`, verb, { personName: named, role: request.role, ...(request.area ? { area: request.area } : {}), personId: p.objectId })),
    );
    await context.sendActivity(cardMessage(card, lead));
    return undefined;
  }
}

/** A person as shown in replies and cards: their name, and the email that tells two of one name apart (escaped for markdown). */
function describe(person: Person): string {
  const contact = person.contacts?.[0];
  return plain(contact && contact !== person.name ? `${person.name} (${contact})` : person.name);
}
