import { truncate } from '../src/util/truncate.js';
import { plain } from '../cards/markdown.js';
import { yearKey } from '../src/domain/assessmentYear.js';
import type { TurnContext } from 'botbuilder';
import { annualRoundInvitationCard, selfAssessmentResultCard } from '../cards/selfAssessmentCards.js';
import { cardMessage } from '../src/bot/replies.js';
import type { SelfAssessment } from '../src/assessments/selfAssessment.js';
import { SELF_ASSESSMENT_BANK_ID, type SelfAssessmentService } from '../src/assessments/selfAssessmentService.js';
import { normaliseText } from '../src/conversation/normaliseText.js';
import { RECOMMENDATION_LABELS } from '../src/domain/involvementRecommendation.js';
import { STAGE_LABELS, STAGES } from '../src/domain/lifeCycleStage.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { Person } from '../src/people/person.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import type { LifeCycleStage, Partnership } from '../src/partnerships/partnership.js';
import * as permissions from '../src/permissions/permissions.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import type { DraftRepository } from '../src/questionnaire/draftRepository.js';
import { formatUkDate } from '../src/util/ukFormat.js';
import { pickPartnership } from './partnershipPicker.js';
import { adaptiveCard, commandButton, paragraph } from '../cards/cardTypes.js';
import { yearForResponse, yearToClose } from '../src/domain/assessmentYear.js';
import type { StartDecision } from './routing/questionnaireFlow.js';
import { closeCommand, respondCommand, selfAssessmentView } from './selfAssessmentView.js';
import type { ActionLog } from '../src/actions/actionLog.js';
import { selfAssessmentActions } from '../src/actions/actionSources.js';
import type { AnnualRounds } from '../src/assessments/annualRounds.js';
import type { RiskRegister } from '../src/partnerships/riskRegister.js';
import { riskReviewPrefill } from '../src/assessments/riskReviewAnswers.js';

export interface SelfAssessmentCommandDeps {
  service: SelfAssessmentService;
  register: PartnershipRegister;
  people: PeopleDirectory;
  drafts: DraftRepository;
  banks: BankCatalogue;
  notifier: Notifier;
  actions: ActionLog;
  risks: RiskRegister;
  rounds: AnnualRounds;
}

/** Said when the stage card comes back without one of the five stages. */
export const CHOOSE_A_STAGE = 'Please choose one of the five stages (Forming, Frustration, Functioning, Flying or Failing) and press Confirm stage again.';

const OPEN_STATUSES: Partnership['status'][] = ['active', 'under-review', 'proposed', 'exiting'];

/** What officers say about self-assessments outside the questionnaire itself. */
export class SelfAssessmentCommands {
  constructor(private readonly deps: SelfAssessmentCommandDeps) {}

  /** Works out whether to start a new self-assessment, resume the officer's draft, or explain why not. */
  async prepareStart(context: TurnContext, person: Person, partnershipName: string | undefined, namedYear?: string): Promise<StartDecision> {
    const { service, register, drafts } = this.deps;
    const partnership = await pickPartnership(context, register, person, {
      name: partnershipName,
      purpose: 'do the self-assessment',
      commandFor: (name) => `self-assessment for ${name}`,
      statuses: OPEN_STATUSES,
    });
    if (!partnership) return { kind: 'handled' };
    const verdict = permissions.respondToSelfAssessment(person, partnership);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return { kind: 'handled' };
    }
    if (partnership.status === 'proposed') {
      await context.sendActivity(`${plain(partnership.name)} hasn't been approved yet, so there's no annual self-assessment for it until it is active.`);
      return { kind: 'handled' };
    }
    const which = yearForResponse(service.today(), await service.openYears(partnership.id), namedYear);
    if ('refused' in which) {
      await context.sendActivity(which.refused);
      return { kind: 'handled' };
    }
    const year = which.year;
    const existing = await service.assessment(partnership.id, year);
    if (existing?.status === 'closed') {
      const score = existing.scores.overall.percent === undefined ? '' : ` with ${existing.scores.overall.percent}%`;
      await context.sendActivity(`The ${year} self-assessment for ${plain(partnership.name)} was closed on ${formatUkDate(existing.closedAt!)}${score}. The next review is due on ${formatUkDate(partnership.nextReviewDue)}.`);
      return { kind: 'handled' };
    }
    const mine = (await drafts.inProgress(person.objectId)).find((d) => d.bankId === SELF_ASSESSMENT_BANK_ID && d.context['partnershipId'] === partnership.id && d.context['year'] === year);
    if (mine) {
      await context.sendActivity(`You've already started the ${year} self-assessment for ${plain(partnership.name)}; carrying on where you left off.`);
      return { kind: 'resume', draftId: mine.id };
    }
    const others = (existing?.respondents ?? []).filter((r) => r.objectId !== person.objectId);
    await context.sendActivity(
      `Let's do the ${year} self-assessment for ${plain(partnership.name)}. There are 28 statements in four areas, each rated from 0 to 3, one card per area, a short review of its risks (usually by the lead officer; skip it if someone else is doing it), then a few questions about how the partnership feels now. The card says how long it takes, and you can **save for later** at any point.` +
        (which.stillOpen && !namedYear ? ` The ${year} self-assessment is still open, so your response is added to it; to respond for ${service.currentYear()} instead, say "the ${service.currentYear()} self-assessment for ${plain(partnership.name)}".` : '') +
        (others.length > 0 ? ` ${others.map((o) => o.name).join(', ')} ${others.length === 1 ? 'has' : 'have'} already responded; your ratings are combined with theirs.` : ''),
    );
    return {
      kind: 'start',
      request: {
        bankId: SELF_ASSESSMENT_BANK_ID,
        owner: { objectId: person.objectId, name: person.name },
        subject: { partnershipId: partnership.id, name: partnership.name },
        context: { partnershipId: partnership.id, year },
        // The risk review starts from the risks on the register: the officer confirms or changes them.
        answers: riskReviewPrefill(this.deps.banks.latest(SELF_ASSESSMENT_BANK_ID)!, await this.deps.risks.current(partnership.id)),
      },
    };
  }

  async close(context: TurnContext, person: Person, partnershipName: string | undefined, namedYear?: string): Promise<void> {
    const { service, register, notifier } = this.deps;
    const partnership = await pickPartnership(context, register, person, {
      name: partnershipName,
      purpose: 'close the self-assessment',
      commandFor: (name) => `close the self-assessment for ${name}`,
      statuses: OPEN_STATUSES,
    });
    if (!partnership) return;
    const verdict = permissions.closeSelfAssessment(person, partnership);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    // The year the open assessment belongs to, not the calendar's: responses of 31 March are closed in April.
    const which = yearToClose(service.today(), await service.openYears(partnership.id), namedYear);
    if ('choose' in which) {
      await context.sendActivity(
        cardMessage(
          adaptiveCard([paragraph(`${partnership.name} has more than one self-assessment open. Which year do you want to close?`)], which.choose.map((y) => commandButton(`Close the ${y} assessment`, closeCommand(y, partnership.name)))),
          `Which year to close for ${partnership.name}?`,
        ),
      );
      return;
    }
    const year = which.year;
    const result = await service.close(partnership.id, year, { objectId: person.objectId, name: person.name });
    if (result.kind === 'noResponses') {
      await context.sendActivity(`Nobody has responded to the ${year} self-assessment for ${plain(partnership.name)} yet. Start it by saying "self-assessment for ${plain(partnership.name)}".`);
      return;
    }
    if (result.kind === 'alreadyClosed') {
      await context.sendActivity(`The ${year} self-assessment for ${plain(partnership.name)} is already closed. Here is the result:`);
      await this.showResult(context, result.assessment, true);
      return;
    }
    await this.showResult(context, result.assessment, true);
    // The year's 0 and 1 ratings and "don't know"s become actions in the log, each with an owner and a date.
    const bank = this.deps.banks.version(result.assessment.bankId, result.assessment.bankVersion);
    const prompts = new Map((bank?.sections ?? []).flatMap((s) => s.questions.map((q) => [q.id, q.prompt] as const)));
    const statementText = (id: string) => truncate(prompts.get(id) ?? 'A statement no longer asked', 70);
    const raised = await this.deps.actions.raise(result.partnership, selfAssessmentActions(result.assessment, statementText), { objectId: person.objectId, name: person.name });
    if (raised.length > 0) await context.sendActivity(`${raised.length === 1 ? 'One action' : `${raised.length} actions`} from this year's ratings ${raised.length === 1 ? 'is' : 'are'} now in the action log of ${plain(partnership.name)}, each with its owner and due date; say "open actions for ${plain(partnership.name)}" to see them.`);
    const director = result.partnership.assistantDirector;
    const recommendation = result.assessment.recommendation.recommendation;
    if (director && director.objectId !== person.objectId && (recommendation === 'review' || recommendation === 'exit')) {
      await notifier.notify(director.objectId, `self-assessment-${partnership.id}-${yearKey(year)}`, {
        card: selfAssessmentResultCard(await this.viewFor(result.assessment, false)),
        summary: `${partnership.name}: ${RECOMMENDATION_LABELS[recommendation]}`,
      });
    }
  }

  /** The stage confirmation card was submitted; the route has checked its fields. */
  async confirmStage(context: TurnContext, person: Person, request: { partnershipId: string; year: string; stage?: string | undefined }): Promise<void> {
    const { service, register } = this.deps;
    const { stage, year } = request;
    if (stage === undefined || !(STAGES as readonly string[]).includes(stage)) {
      await context.sendActivity(CHOOSE_A_STAGE);
      return;
    }
    const partnership = await register.get(request.partnershipId);
    if (!partnership) {
      await context.sendActivity("That card is out of date: I can't find the self-assessment it belongs to.");
      return;
    }
    const verdict = permissions.confirmStage(person, partnership);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const assessment = await service.confirmStage(partnership.id, year, stage as LifeCycleStage, { objectId: person.objectId, name: person.name });
    if (!assessment) {
      await context.sendActivity(`The ${year} self-assessment for ${plain(partnership.name)} isn't closed yet, so its stage can't be confirmed.`);
      return;
    }
    const changed = assessment.stage.stage !== stage ? ` (changed from the suggested ${STAGE_LABELS[assessment.stage.stage]})` : '';
    await context.sendActivity(`Stage confirmed for ${plain(partnership.name)}: ${STAGE_LABELS[stage as LifeCycleStage]}${changed}. Recommendation: ${RECOMMENDATION_LABELS[assessment.recommendation.recommendation]}.`);
    if (assessment.recommendation.recommendation === 'exit') await this.showResult(context, assessment, true);
  }

  /** The SPO invites every officer named on each active partnership to complete this year's self-assessment ("by all officers involved"). */
  async startAnnualRound(context: TurnContext, person: Person): Promise<void> {
    const { service, register, notifier } = this.deps;
    const verdict = permissions.startAnnualRound(person);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const year = service.currentYear();
    const by = { objectId: person.objectId, name: person.name };
    let delivered = 0;
    let waiting = 0;
    let done = 0;
    let partnerships = 0;
    const invited: Record<string, string[]> = {};
    for (const partnership of (await register.all()).filter((p) => p.status === 'active' || p.status === 'under-review')) {
      if ((await service.assessment(partnership.id, year))?.status === 'closed') {
        done++;
        continue;
      }
      await register.update(partnership.id, by, 'partnership.annual-review-started', (p) => (p.status === 'active' ? { ...p, status: 'under-review' } : undefined));
      partnerships++;
      const officers = [...new Set([partnership.leadOfficer.objectId, ...partnership.officerIds])];
      invited[partnership.id] = officers;
      for (const officerId of officers) {
        // The lead officer's key is the one rounds have always used, so a round started again invites nobody twice.
        const key = officerId === partnership.leadOfficer.objectId ? `annual-round-${partnership.id}-${yearKey(year)}` : `annual-round-${partnership.id}-${yearKey(year)}-${officerId}`;
        const outcome = await notifier.notify(officerId, key, {
          card: annualRoundInvitationCard({ partnershipName: partnership.name, year, dueBy: formatUkDate(partnership.nextReviewDue), command: respondCommand(year, partnership.name) }),
          summary: `Annual self-assessment for ${partnership.name}`,
        });
        if (outcome === 'delivered') delivered++;
        else waiting++;
      }
    }
    if (partnerships > 0) await this.deps.rounds.recordInvitations(year, by, this.deps.service.now(), invited);
    const total = delivered + waiting;
    if (total === 0) {
      await context.sendActivity(done > 0 ? `Every active partnership has already closed its ${year} self-assessment.` : 'There are no active partnerships in the register yet.');
      return;
    }
    await context.sendActivity(
      `The ${year} annual round has started: ${total} officer${total === 1 ? '' : 's'} named on ${partnerships} partnership${partnerships === 1 ? '' : 's'} invited (${delivered} now; ${waiting} will see it when they next use the bot). Ask "who hasn't responded" to see the returns.` +
        (done > 0 ? ` ${done} partnership${done === 1 ? ' has' : 's have'} already closed this year's self-assessment.` : ''),
    );
  }

  /** The lead officer or SPO names another officer on a partnership, so they can respond too. */
  async addOfficer(context: TurnContext, person: Person, request: { personName: string; partnershipName: string }): Promise<void> {
    const { register, people } = this.deps;
    const partnership = await pickPartnership(context, register, person, {
      name: request.partnershipName,
      purpose: 'add an officer',
      commandFor: (name) => `add ${request.personName} to ${name}`,
    });
    if (!partnership) return;
    const verdict = permissions.nameOfficer(person, partnership);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const wanted = normaliseText(request.personName);
    const matches = (await people.everyone()).filter((p) => normaliseText(p.name) === wanted);
    if (matches.length !== 1) {
      await context.sendActivity(
        matches.length === 0
          ? `I don't know anyone called ${request.personName} yet. They need to send me a message first, then try again.`
          : `More than one person is called ${request.personName}; please ask the Strategic Partnership Officer to add them.`,
      );
      return;
    }
    const officer = matches[0]!;
    await register.update(partnership.id, { objectId: person.objectId, name: person.name }, 'partnership.officer-added', (p) =>
      p.officerIds.includes(officer.objectId) ? undefined : { ...p, officerIds: [...p.officerIds, officer.objectId] },
    );
    await context.sendActivity(`Done: ${plain(officer.name)} is now named on ${plain(partnership.name)} and can respond to its self-assessment.`);
  }

  async showResult(context: TurnContext, assessment: SelfAssessment, mayLeadIt: boolean): Promise<void> {
    const card = selfAssessmentResultCard(await this.viewFor(assessment, mayLeadIt));
    const overall = assessment.scores.overall.percent;
    await context.sendActivity(cardMessage(card, `${assessment.partnershipName} ${assessment.year}: ${overall === undefined ? 'not scored' : `${overall}%`}`));
  }

  async viewFor(assessment: SelfAssessment, mayLeadIt: boolean) {
    const earlier = (await this.deps.service.history(assessment.partnershipId)).filter((a) => a.year < assessment.year);
    return selfAssessmentView(assessment, { bank: this.deps.banks.version(assessment.bankId, assessment.bankVersion), earlier, mayLead: mayLeadIt });
  }
}
