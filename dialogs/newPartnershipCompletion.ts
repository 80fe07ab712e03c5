import type { TurnContext } from 'botbuilder';
import { assistantDirectorNoticeCard, newPartnershipResultCard } from '../cards/newPartnershipCards.js';
import type { Bank } from '../src/questionnaire/bankSchema.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import type { NewPartnershipService } from '../src/partnerships/newPartnershipService.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { RiskScale } from '../src/domain/riskScale.js';
import { cardMessage } from '../src/bot/replies.js';
import { formatGbp, formatUkDate } from '../src/util/ukFormat.js';
import type { QuestionnaireCompletion } from './questionnaireCompletion.js';
import type { Clock } from '../src/util/clock.js';

export const NEW_PARTNERSHIP_BANK_ID = 'new-partnership';

export interface NewPartnershipCompletionDeps {
  service: NewPartnershipService;
  register: PartnershipRegister;
  people: PeopleDirectory;
  notifier: Notifier;
  scale: RiskScale;
  clock: Clock;
}

const STATUS_LABEL: Record<string, string> = { proposed: 'Proposed', active: 'Active' };

/** After the new-partnership questions: outcome, register entry, and the Assistant Director told. */
export class NewPartnershipCompletion implements QuestionnaireCompletion {
  constructor(private readonly deps: NewPartnershipCompletionDeps) {}

  async onSubmitted(context: TurnContext, { draft, bank, answers }: Parameters<QuestionnaireCompletion['onSubmitted']>[1]): Promise<void> {
    const { service, people, notifier, scale, register } = this.deps;
    const area = typeof answers['AREA'] === 'string' ? answers['AREA'] : 'unknown';
    const areaLabel = optionLabel(bank, 'AREA', area);
    const director = await people.assistantDirectorFor(area);
    const submitter = { objectId: draft.ownerId, name: draft.ownerName };
    const result = await service.submit(draft, bank, answers, submitter, director ? { objectId: director.objectId, name: director.name } : undefined);
    const { partnership, outcome, risks } = result;
    const bandLabel = (id: string) => scale.bands.find((b) => b.id === id)?.label ?? id;
    const escalating = risks.risks.filter((r) => scale.bands.find((b) => b.id === r.residualBand)?.escalation === 'red');

    const notice = {
      card: assistantDirectorNoticeCard({
        partnershipId: partnership.id,
        partnershipName: partnership.name,
        officerName: draft.ownerName,
        serviceArea: areaLabel,
        rating: outcome.rating,
        reasons: outcome.reasons,
        overallRisk: risks.overall ? risks.overall.label : 'No risks recorded',
        veryHighRisks: escalating.map((r) => ({ category: r.category, description: r.description, band: bandLabel(r.residualBand), score: r.residualScore })),
        significance: capitalise(partnership.significance),
        councilCash: formatGbp(partnership.councilCashPerYear),
      }),
      summary: `${escalating.length > 0 ? 'Very high risk: ' : ''}new partnership "${partnership.name}" for your approval`,
    };

    let note: string;
    if (director) {
      const delivered = await notifier.notify(director.objectId, `new-partnership-${partnership.id}`, notice);
      if (delivered === 'delivered') {
        await register.updateAssessment(partnership.id, result.assessment.id, submitter, 'assessment.ad-notified', (a) => ({ ...a, adNotifiedAt: this.deps.clock.now().toISOString() }));
        note = `${director.name}, Assistant Director for ${areaLabel}, has been sent this summary to approve. You'll hear here when they decide.`;
      } else {
        note = `${director.name}, Assistant Director for ${areaLabel}, hasn't started using this bot yet, so the summary will reach them as soon as they do. You don't need to do anything.`;
      }
    } else {
      const officers = await people.listWithRole('spo');
      for (const spo of officers) await notifier.notify(spo.objectId, `new-partnership-${partnership.id}`, notice);
      note =
        officers.length > 0
          ? `No Assistant Director is set up for ${areaLabel} yet, so I've sent the summary to the Strategic Partnership Officer to pass on.`
          : `No Assistant Director is set up for ${areaLabel} yet. Please let the Strategic Partnership Officer know about this partnership.`;
    }

    await context.sendActivity(
      cardMessage(
        newPartnershipResultCard({
          partnershipName: partnership.name,
          rating: outcome.rating,
          reasons: outcome.reasons,
          actions: outcome.actions,
          significance: capitalise(partnership.significance),
          significanceReasons: result.assessment.significanceReasons,
          riskCounts: scale.bands.map((b) => ({ label: `${b.label} risks`, count: risks.counts[b.id] ?? 0 })),
          topRisks: risks.top.map((r) => ({ category: r.category, description: r.description, band: bandLabel(r.residualBand), score: r.residualScore })),
          status: STATUS_LABEL[partnership.status] ?? partnership.status,
          stage: capitalise(partnership.stage.suggested),
          nextReviewDue: formatUkDate(partnership.nextReviewDue),
          assistantDirectorNote: note,
        }),
        `${partnership.name}: ${outcome.rating}`,
      ),
    );
  }
}

function optionLabel(bank: Bank, questionId: string, value: string): string {
  for (const section of bank.sections) {
    const question = section.questions.find((q) => q.id === questionId);
    if (question && (question.type === 'choice' || question.type === 'multiChoice')) return question.options.find((o) => o.value === value)?.label ?? value;
  }
  return value;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
