import type { TurnContext } from 'botbuilder';
import { assistantDirectorNoticeCard, newPartnershipResultCard } from '../cards/newPartnershipCards.js';
import type { Bank } from '../src/questionnaire/bankSchema.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import type { NewPartnershipService } from '../src/partnerships/newPartnershipService.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { RiskScale } from '../src/domain/riskScale.js';
import { cardMessage } from '../src/bot/replies.js';
import { actionButton, adaptiveCard, paragraph } from '../cards/cardTypes.js';
import { similarNames } from '../src/partnerships/partnershipFinder.js';
import { STATUS_LABELS } from '../src/status/registerLists.js';
import { formatGbp, formatUkDate } from '../src/util/ukFormat.js';
import type { QuestionnaireCompletion } from './questionnaireCompletion.js';
import type { Clock } from '../src/util/clock.js';
import type { ReferenceData } from '../src/config/referenceData.js';
import { revisionOfDraft } from '../src/partnerships/newPartnershipService.js';
import { formatAnswer } from '../src/questionnaire/formatAnswer.js';
import { latestOf } from './approvalHandler.js';
import { proposalNoticeKey, type PendingApprovals } from './pendingApprovals.js';
import { plain } from '../cards/markdown.js';
import type { ActionLog } from '../src/actions/actionLog.js';
import { newPartnershipActions } from '../src/actions/actionSources.js';
import { escalatingBands } from '../src/domain/riskReview.js';

export const NEW_PARTNERSHIP_BANK_ID = 'new-partnership';

export interface NewPartnershipCompletionDeps {
  service: NewPartnershipService;
  register: PartnershipRegister;
  people: PeopleDirectory;
  notifier: Notifier;
  scale: RiskScale;
  clock: Clock;
  reference: ReferenceData;
  pending: PendingApprovals;
  /** Weak answers and the mitigations of high risks go into the partnership's action log. */
  actions?: ActionLog;
}

const STATUS_LABEL: Record<string, string> = { proposed: 'Proposed', active: 'Active' };

/** After the new-partnership questions: outcome, register entry, and the Assistant Director told. */
export class NewPartnershipCompletion implements QuestionnaireCompletion {
  constructor(private readonly deps: NewPartnershipCompletionDeps) {}

  /**
   * A name equal or very close to one on the register (M5) is not registered
   * silently: the officer sees the existing entry and says whether it is the same
   * partnership. True when it asked (nothing is registered until they answer).
   */
  private async askIfSameName(context: TurnContext, draft: Parameters<QuestionnaireCompletion['onSubmitted']>[1]['draft'], answers: Record<string, unknown>): Promise<boolean> {
    const name = typeof answers['NAME'] === 'string' ? answers['NAME'] : '';
    if (await this.deps.register.get(draft.id)) return false;
    const similar = similarNames(name, await this.deps.register.all()).slice(0, 3);
    if (similar.length === 0) return false;
    const described = similar.map((p) => `${p.name}: lead officer ${p.leadOfficer.name}, ${STATUS_LABELS[p.status].toLowerCase()}, started ${p.startDate.slice(0, 4)}`);
    const card = adaptiveCard(
      [
        paragraph(similar.length === 1 ? 'A partnership with this name is already on the register' : 'Partnerships with names like this are already on the register', { weight: 'Bolder' }),
        ...described.map((d) => paragraph(`• ${d}`, { spacing: 'Small' })),
        paragraph(`Is "${name}" the same partnership?`),
      ],
      [
        actionButton('Yes, the same one: don\'t register it', 'confirmPartnershipName', { draftId: draft.id, answer: 'same' }),
        actionButton('No, a different partnership: register it', 'confirmPartnershipName', { draftId: draft.id, answer: 'different' }, { style: 'positive' }),
      ],
    );
    await context.sendActivity(cardMessage(card, `Is ${name} already on the register?`));
    return true;
  }

  /** True (and the officer told) when the proposal a revision draft changes was decided after it was opened. */
  private async decidedMeanwhile(context: TurnContext, partnershipId: string, earlier: { adDecision?: { decision: string; by: { name: string }; at: string } } | undefined): Promise<boolean> {
    const current = await this.deps.register.get(partnershipId);
    const decision = earlier?.adDecision;
    if (current?.status === 'proposed' && (!decision || decision.decision === 'changes-requested')) return false;
    const how = decision && decision.decision !== 'changes-requested' ? `: ${decision.by.name} ${decision.decision.replace(/-/g, ' ')} it on ${formatUkDate(decision.at)}` : '';
    await context.sendActivity(`${plain(current?.name ?? 'That partnership')} ${DECIDED_MEANWHILE}${plain(how)}, so the decision stands and your changes have not been sent. To correct its entry, say "edit ${plain(current?.name ?? '')}".`);
    return true;
  }

  async onSubmitted(context: TurnContext, { draft, bank, answers }: Parameters<QuestionnaireCompletion['onSubmitted']>[1]): Promise<void> {
    const { service, people, notifier, scale, register } = this.deps;
    const area = typeof answers['AREA'] === 'string' ? answers['AREA'] : 'unknown';
    const areaLabel = this.deps.reference.areaLabel(area);
    const revisionOf = revisionOfDraft(draft);
    if (!revisionOf && draft.context['nameConfirmed'] !== true && (await this.askIfSameName(context, draft, answers))) return;
    const earlier = revisionOf ? latestOf((await register.assessments(revisionOf.partnershipId)).filter((a) => a.id !== draft.id)) : undefined;
    // Reopened before the decision, but decided meanwhile: the decision stands and the changes are not sent.
    if (revisionOf && (await this.decidedMeanwhile(context, revisionOf.partnershipId, earlier))) return;
    const director = await people.assistantDirectorFor(area);
    const submitter = { objectId: draft.ownerId, name: draft.ownerName };
    const result = await service.submit(draft, bank, answers, submitter, director ? { objectId: director.objectId, name: director.name } : undefined);
    const { partnership, outcome, risks } = result;
    const bandLabel = (id: string) => scale.bands.find((b) => b.id === id)?.label ?? id;
    const escalating = risks.risks.filter((r) => scale.bands.find((b) => b.id === r.residualBand)?.escalation === 'red');
    await this.deps.actions?.raise(partnership, newPartnershipActions(result.assessment, escalatingBands(scale)), submitter);

    const notice = this.deps.pending.noticeFor(partnership, result.assessment, {
      officerName: draft.ownerName,
      ...(revisionOf ? { changesSinceLast: earlier ? changedAnswers(bank, earlier.answers, answers) : [] } : {}),
    });
    const noticeKey = proposalNoticeKey(partnership.id, revisionOf?.revision ?? 1);
    let note: string;
    if (director) {
      const delivered = await notifier.notify(director.objectId, noticeKey, notice);
      if (delivered === 'delivered') {
        await register.updateAssessment(partnership.id, result.assessment.id, submitter, 'assessment.ad-notified', (a) => (a.adNotifiedAt ? undefined : { ...a, adNotifiedAt: this.deps.clock.now().toISOString() }), { once: true });
        note = `${director.name}, Assistant Director for ${areaLabel}, has been sent this summary to approve. You'll hear here when they decide.`;
      } else if ((await people.find(director.objectId))?.personalChat) {
        // Teams did not take it just now: the outbox keeps trying.
        note = `${director.name}, Assistant Director for ${areaLabel}, couldn't be reached in Teams just now; I'll keep trying, and the summary will also reach them the next time they message me. You don't need to do anything.`;
      } else {
        note = `${director.name}, Assistant Director for ${areaLabel}, hasn't started using this bot yet, so the summary will reach them as soon as they do. You don't need to do anything.`;
      }
    } else {
      // No dead end: the proposal waits in the queue ("pending approvals"), the SPO is told now, and
      // appointing an Assistant Director for the area sends it to them (dialogs/pendingApprovals.ts).
      const officers = await people.listWithRole('spo');
      const toSpo = this.deps.pending.noticeFor(partnership, result.assessment, {
        officerName: draft.ownerName,
        ...(revisionOf ? { changesSinceLast: earlier ? changedAnswers(bank, earlier.answers, answers) : [] } : {}),
        note: `No Assistant Director is set up for ${areaLabel} yet, so this proposal waits under "pending approvals" and goes to the Assistant Director as soon as one is appointed. Meanwhile you may decide in their place.`,
      });
      for (const spo of officers) await notifier.notify(spo.objectId, noticeKey, toSpo);
      note =
        officers.length > 0
          ? `No Assistant Director is set up for ${areaLabel} yet, so your proposal waits for one: I've told the Strategic Partnership Officer, who can see it under "pending approvals" and may decide meanwhile, and it goes to the Assistant Director as soon as one is appointed. You don't need to do anything.`
          : `No Assistant Director is set up for ${areaLabel} yet, so your proposal waits for one: it goes to the Assistant Director as soon as one is appointed, and the Strategic Partnership Officer sees it under "pending approvals". You don't need to do anything.`;
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
          topRisks: risks.top.map((r) => ({ category: this.deps.reference.riskCategoryLabel(r.category), description: r.description, band: bandLabel(r.residualBand), score: r.residualScore })),
          status: STATUS_LABEL[partnership.status] ?? partnership.status,
          stage: capitalise(partnership.stage.suggested),
          nextReviewDue: formatUkDate(partnership.nextReviewDue),
          assistantDirectorNote: note,
          reopen: { partnershipId: partnership.id },
        }),
        `${partnership.name}: ${outcome.rating}`,
      ),
    );
  }
}

/** Said when a reopened proposal was decided before it was resubmitted. */
export const DECIDED_MEANWHILE = 'was decided while you were changing its answers';

/** Each answer that differs between two revisions, as "Question: before → now". */
function changedAnswers(bank: Bank, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const question of bank.sections.flatMap((s) => s.questions)) {
    const was = before[question.id] as never;
    const now = after[question.id] as never;
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    const show = (value: never) => (value === undefined ? 'not answered' : formatAnswer(question, value).slice(0, 200));
    lines.push(`${question.prompt} ${show(was)} → ${show(now)}`);
  }
  return lines;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
