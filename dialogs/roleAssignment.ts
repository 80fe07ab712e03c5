import { plain } from '../cards/markdown.js';
import type { TurnContext } from 'botbuilder';
import { normaliseText } from '../src/conversation/normaliseText.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import { ROLE_LABELS, type Person, type Role } from '../src/people/person.js';
import * as permissions from '../src/permissions/permissions.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import { NEW_PARTNERSHIP_BANK_ID } from './newPartnershipCompletion.js';

/** The Strategic Partnership Officer gives people roles by name, e.g. an Assistant Director for a service area. */
export class RoleAssignment {
  constructor(
    private readonly people: PeopleDirectory,
    private readonly banks: BankCatalogue,
  ) {}

  async handle(context: TurnContext, requester: Person, request: { personName: string; role: Exclude<Role, 'officer'>; area?: string }): Promise<void> {
    const verdict = permissions.assignRoles(requester);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const wanted = normaliseText(request.personName);
    const matches = (await this.people.everyone()).filter((p) => normaliseText(p.name) === wanted);
    if (matches.length !== 1) {
      await context.sendActivity(
        matches.length === 0
          ? `I don't know anyone called ${request.personName} yet. They need to send me a message first, then try again.`
          : `More than one person is called ${request.personName}; please ask IT to set the role.`,
      );
      return;
    }
    const person = matches[0]!;
    let areas = person.areas ?? [];
    if (request.role === 'ad') {
      const area = this.serviceArea(request.area ?? '');
      if (!area) {
        await context.sendActivity(`Which service area? Say, for example, "make ${plain(person.name)} assistant director for ${this.areaLabels()[0] ?? 'Communities'}". Areas: ${this.areaLabels().join(', ')}.`);
        return;
      }
      areas = [...new Set([...areas, area.value])];
    }
    await this.people.setRoles(person.objectId, [...person.roles, request.role], areas);
    const areaText = request.role === 'ad' ? ` for ${this.areaLabels(areas).join(', ')}` : '';
    await context.sendActivity(`Done: ${plain(person.name)} is now ${ROLE_LABELS[request.role]}${areaText}.`);
  }

  private areaOptions(): Array<{ value: string; label: string }> {
    const bank = this.banks.latest(NEW_PARTNERSHIP_BANK_ID);
    const question = bank?.sections.flatMap((s) => s.questions).find((q) => q.id === 'AREA');
    return question && question.type === 'choice' ? question.options : [];
  }

  private areaLabels(values?: string[]): string[] {
    return this.areaOptions()
      .filter((o) => !values || values.includes(o.value))
      .map((o) => o.label);
  }

  private serviceArea(text: string): { value: string; label: string } | undefined {
    const wanted = normaliseText(text);
    if (!wanted) return undefined;
    const options = this.areaOptions();
    return options.find((o) => o.value === wanted || normaliseText(o.label) === wanted) ?? options.find((o) => normaliseText(o.label).startsWith(wanted));
  }
}
