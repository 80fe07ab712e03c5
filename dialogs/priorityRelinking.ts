import type { TurnContext } from 'botbuilder';
import { actionButton, adaptiveCard, paragraph } from '../cards/cardTypes.js';
import { cardMessage } from '../src/bot/replies.js';
import type { ReferenceData } from '../src/config/referenceData.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { Person } from '../src/people/person.js';
import * as permissions from '../src/permissions/permissions.js';

export const RELINK_INPUT = 'priorities';

/**
 * When the council adopts a new plan, each partnership keeps the priorities it was
 * judged against until its next review; then its lead officer is asked which of the
 * new plan's priorities it supports, and the entry moves to the current plan.
 */
export class PriorityRelinking {
  constructor(
    private readonly register: PartnershipRegister,
    private readonly reference: ReferenceData,
  ) {}

  /** Offers the re-link card if the partnership was judged against an older plan and the person may correct it. */
  async offer(context: TurnContext, person: Person, partnershipId: string): Promise<void> {
    const p = await this.register.get(partnershipId);
    const plan = this.reference.currentPlan;
    if (!p || (p.priorityPlan?.version ?? 1) >= plan.version || !permissions.correctFields(person, p, ['priorities']).allowed) return;
    const was = this.reference.priorityLabelsOf(p);
    const card = adaptiveCard(
      [
        paragraph(`The council now works to the ${plan.name}`, { weight: 'Bolder' }),
        paragraph(`${p.name} was linked to the ${this.reference.plan(p.priorityPlan?.version ?? 1)?.name ?? 'earlier plan'}${was.length ? ` (${was.join('; ')})` : ''}. Which of the new plan's priorities does it support?`),
        { type: 'Input.ChoiceSet', id: RELINK_INPUT, isMultiSelect: true, style: 'expanded', choices: plan.priorities.map((x) => ({ title: x.label, value: x.id })) },
      ],
      [actionButton('Link to these priorities', 'relinkPriorities', { partnershipId: p.id, version: plan.version }, { style: 'positive', withInputs: true })],
    );
    await context.sendActivity(cardMessage(card, `Link ${p.name} to the ${plan.name}`));
  }

  async relink(context: TurnContext, person: Person, request: { partnershipId: string; version: number; priorities: string[] }): Promise<void> {
    const p = await this.register.get(request.partnershipId);
    const plan = this.reference.plan(request.version);
    if (!p || !plan) return void (await context.sendActivity("I can't find that partnership or plan any more. Nothing was changed."));
    const verdict = permissions.correctFields(person, p, ['priorities']);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const ids = request.priorities.filter((id) => plan.priorities.some((x) => x.id === id));
    await this.register.correct(p.id, { objectId: person.objectId, name: person.name }, 'partnership.priorities-relinked', (current) => ({ ...current, priorities: ids, priorityPlan: this.reference.planRecordFor(ids, plan.version) }), { note: `Re-linked to the ${plan.name}` });
    await context.sendActivity(ids.length ? `Linked ${p.name} to the ${plan.name}: ${ids.map((id) => plan.priorities.find((x) => x.id === id)!.label).join('; ')}.` : `Recorded that ${p.name} supports none of the ${plan.name}'s priorities.`);
  }
}
