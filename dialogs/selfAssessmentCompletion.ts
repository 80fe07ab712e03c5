import { plain } from '../cards/markdown.js';
import { yearKey } from '../src/domain/assessmentYear.js';
import type { TurnContext } from 'botbuilder';
import { adaptiveCard, commandButton, paragraph } from '../cards/cardTypes.js';
import type { SelfAssessmentService } from '../src/assessments/selfAssessmentService.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import { canLead } from '../src/permissions/permissions.js';
import { formatUkDate } from '../src/util/ukFormat.js';
import type { QuestionnaireCompletion } from './questionnaireCompletion.js';
import type { SelfAssessmentCommands } from './selfAssessmentCommands.js';
import { closeCommand, respondCommand } from './selfAssessmentView.js';
import type { GovernanceCommands } from './governanceCommands.js';
import { riskReviewFromAnswers } from '../src/assessments/riskReviewAnswers.js';

/** After an officer submits their self-assessment response: combine, show the provisional result, tell the lead. */
export class SelfAssessmentCompletion implements QuestionnaireCompletion {
  constructor(
    private readonly service: SelfAssessmentService,
    private readonly commands: SelfAssessmentCommands,
    private readonly people: PeopleDirectory,
    private readonly notifier: Notifier,
    private readonly governance: GovernanceCommands,
  ) {}

  async onSubmitted(context: TurnContext, { draft, bank, answers }: Parameters<QuestionnaireCompletion['onSubmitted']>[1]): Promise<void> {
    const { assessment, alreadyClosed, partnership } = await this.service.recordResponse(draft, bank, answers);
    if (alreadyClosed) {
      // Closed while this response was on its way: whether it counted depends on whether the close saw it.
      const counted = assessment.respondents.some((r) => r.objectId === draft.ownerId);
      await context.sendActivity(
        counted
          ? `Thank you. The ${assessment.year} self-assessment for ${plain(partnership.name)} was closed on ${formatUkDate(assessment.closedAt!)} as your response arrived; your response is included in the result.`
          : `Thank you. The ${assessment.year} self-assessment for ${plain(partnership.name)} was already closed on ${formatUkDate(assessment.closedAt!)}, so your response is kept on record but doesn't change the result.`,
      );
      return;
    }
    // The risk review (bank v3 on) takes effect when it is given: a high risk raised reaches the Assistant Director now.
    const reviewLine = await this.governance.applyRiskReview(partnership, riskReviewFromAnswers(bank, answers), { objectId: draft.ownerId, name: draft.ownerName }, assessment.year);
    if (reviewLine) await context.sendActivity(reviewLine);
    const submitter = (await this.people.find(draft.ownerId)) ?? { objectId: draft.ownerId, roles: [] };
    const leads = canLead(submitter, partnership);
    await context.sendActivity(
      leads
        ? `Thank you, your response is in. When everyone who wants to respond has done so, close the ${assessment.year} assessment to get the final result, the suggested stage and the recommendation.`
        : `Thank you, your response is in. ${partnership.leadOfficer.name}, the lead officer, will close the ${assessment.year} assessment; I've let them know.`,
    );
    await this.commands.showResult(context, assessment, leads);
    if (!leads) {
      await this.notifier.notify(partnership.leadOfficer.objectId, `sa-response-${partnership.id}-${yearKey(assessment.year)}-${draft.ownerId}`, {
        card: adaptiveCard(
          [paragraph(`${draft.ownerName} has responded to the ${assessment.year} self-assessment for **${partnership.name}** (${assessment.respondents.length} response${assessment.respondents.length === 1 ? '' : 's'} so far).`)],
          [commandButton(`Close the ${assessment.year} assessment`, closeCommand(assessment.year, partnership.name), 'positive'), commandButton('Add my own response', respondCommand(assessment.year, partnership.name))],
        ),
        summary: `${draft.ownerName} responded to the self-assessment for ${partnership.name}`,
      });
    }
  }
}
