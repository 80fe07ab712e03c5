import type { TurnContext } from 'botbuilder';
import { plain } from '../cards/markdown.js';
import { adaptiveCard, heading, paragraph } from '../cards/cardTypes.js';
import { assistantDirectorNoticeCard } from '../cards/newPartnershipCards.js';
import { cardMessage } from '../src/bot/replies.js';
import type { ReferenceData } from '../src/config/referenceData.js';
import type { RiskScale } from '../src/domain/riskScale.js';
import type { OutboundMessage, Notifier } from '../src/notifications/notifier.js';
import type { NewPartnershipAssessment, Partnership, PersonRef } from '../src/partnerships/partnership.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { Person } from '../src/people/person.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import * as permissions from '../src/permissions/permissions.js';
import type { Clock } from '../src/util/clock.js';
import { formatGbp, formatUkDate } from '../src/util/ukFormat.js';
import { latestOf } from './approvalHandler.js';

export interface PendingApprovalsDeps {
  register: PartnershipRegister;
  people: PeopleDirectory;
  notifier: Notifier;
  reference: ReferenceData;
  scale: RiskScale;
  clock: Clock;
}

/** A proposal nobody has decided yet, and whose move it is. */
export interface WaitingProposal {
  partnership: Partnership;
  assessment: NewPartnershipAssessment | undefined;
  /** "an Assistant Director for Housing to be appointed", "Helen Ward's decision (sent 3 December 2026)". */
  waitingFor: string;
  /** True while its service area has no Assistant Director: the queue that an appointment empties. */
  noDirector: boolean;
}

/** The notification key of a proposal's card to the Assistant Director: one per revision, so it is sent once. */
export function proposalNoticeKey(partnershipId: string, revision: number): string {
  return revision > 1 ? `new-partnership-${partnershipId}-r${revision}` : `new-partnership-${partnershipId}`;
}

/**
 * No dead ends for a proposal (issue 17 item 4). A proposal in a service area with no Assistant
 * Director waits in a queue: the SPO is told at once and sees it under "pending approvals"; when
 * an Assistant Director is appointed for the area, every waiting proposal is sent to them, once
 * each (the notification key is the proposal's revision). The register itself is the queue: a
 * proposed entry whose latest revision is undecided and was never sent to a director.
 */
export class PendingApprovals {
  constructor(private readonly deps: PendingApprovalsDeps) {}

  /** The card the deciding Assistant Director is sent, made from the proposal as stored. */
  noticeFor(partnership: Partnership, assessment: NewPartnershipAssessment, extra: { officerName?: string; changesSinceLast?: string[]; note?: string } = {}): OutboundMessage {
    const { scale, reference } = this.deps;
    const bandLabel = (id: string) => scale.bands.find((b) => b.id === id)?.label ?? id;
    const escalating = assessment.risks.filter((r) => scale.bands.find((b) => b.id === r.residualBand)?.escalation === 'red');
    const revision = assessment.revision ?? 1;
    return {
      card: assistantDirectorNoticeCard({
        partnershipId: partnership.id,
        partnershipName: partnership.name,
        officerName: extra.officerName ?? assessment.submittedBy.name,
        serviceArea: reference.areaLabel(partnership.serviceArea),
        rating: assessment.outcome,
        reasons: assessment.reasons,
        overallRisk: assessment.overallRisk ? bandLabel(assessment.overallRisk) : 'No risks recorded',
        veryHighRisks: escalating.map((r) => ({ category: reference.riskCategoryLabel(r.category), description: r.description, band: bandLabel(r.residualBand), score: r.residualScore })),
        significance: capitalise(partnership.significance),
        councilCash: formatGbp(partnership.councilCashPerYear),
        ...(revision > 1 ? { revision, changesSinceLast: extra.changesSinceLast ?? [] } : {}),
        ...(extra.note ? { note: extra.note } : {}),
      }),
      summary: `${escalating.length > 0 ? 'Very high risk: ' : ''}new partnership "${partnership.name}" for your approval`,
    };
  }

  /** Every undecided proposal, oldest first, with what it waits for. */
  async waiting(): Promise<WaitingProposal[]> {
    const proposed = (await this.deps.register.all()).filter((p) => p.status === 'proposed');
    const directors = new Map<string, Promise<Person | undefined>>();
    const directorOf = (area: string) => {
      if (!directors.has(area)) directors.set(area, this.deps.people.assistantDirectorFor(area));
      return directors.get(area)!;
    };
    const waiting: WaitingProposal[] = [];
    for (const partnership of proposed) waiting.push(await this.describe(partnership, directorOf));
    return waiting.sort((a, b) => (a.assessment?.submittedAt ?? a.partnership.createdAt).localeCompare(b.assessment?.submittedAt ?? b.partnership.createdAt));
  }

  /** What one partnership waits for, for its detail card; undefined when it waits for nothing. */
  async waitingFor(partnership: Partnership): Promise<string | undefined> {
    if (partnership.status === 'exiting') {
      const document = await this.deps.register.exitDocument(partnership.id);
      if (document?.status === 'awaiting-sign-off') {
        const director = partnership.assistantDirector ?? (await this.deps.people.assistantDirectorFor(partnership.serviceArea));
        return director ? `${director.name} to sign off its exit` : `an Assistant Director for ${this.deps.reference.areaLabel(partnership.serviceArea)} (or the Strategic Partnership Officer) to sign off its exit`;
      }
      if (document?.status === 'changes-requested') return `${document.identification.completedBy.name}'s changes to the exit interview, asked for on ${formatUkDate(document.changesRequested?.at ?? document.identification.completedAt)}`;
      return undefined;
    }
    if (partnership.status !== 'proposed') return undefined;
    return (await this.describe(partnership, (area) => this.deps.people.assistantDirectorFor(area))).waitingFor;
  }

  private async describe(partnership: Partnership, directorOf: (area: string) => Promise<Person | undefined>): Promise<WaitingProposal> {
    const assessment = latestOf(await this.deps.register.assessments(partnership.id));
    const director = await directorOf(partnership.serviceArea);
    const area = this.deps.reference.areaLabel(partnership.serviceArea);
    let waitingFor: string;
    if (assessment?.adDecision?.decision === 'changes-requested') waitingFor = `${assessment.submittedBy.name}'s changes, asked for by ${assessment.adDecision.by.name} on ${formatUkDate(assessment.adDecision.at)}`;
    else if (!director) waitingFor = `an Assistant Director for ${area} to be appointed (the Strategic Partnership Officer may decide meanwhile)`;
    else if (assessment?.adNotifiedAt) waitingFor = `${director.name}'s decision, sent on ${formatUkDate(assessment.adNotifiedAt)}`;
    else waitingFor = `${director.name}'s decision: it reaches them when they next use the bot`;
    return { partnership, assessment, waitingFor, noDirector: !director };
  }

  /**
   * An Assistant Director was appointed for these areas: each waiting proposal there is sent to
   * them, once (a second appointment, or two instances at once, send nothing more), and the entry
   * names them. Returns how many were sent.
   */
  async deliverTo(director: PersonRef, areas: string[], by: PersonRef): Promise<number> {
    let sent = 0;
    for (const item of await this.waiting()) {
      const { partnership, assessment } = item;
      if (!areas.includes(partnership.serviceArea) || !assessment || assessment.adDecision || assessment.adNotifiedAt || assessment.submittedBy.objectId === director.objectId) continue;
      const result = await this.deps.notifier.notify(director.objectId, proposalNoticeKey(partnership.id, assessment.revision ?? 1), this.noticeFor(partnership, assessment), { once: true });
      if (result === 'alreadySent') continue;
      sent += 1;
      if (result === 'delivered') {
        await this.deps.register.updateAssessment(partnership.id, assessment.id, by, 'assessment.ad-notified', (a) => ({ ...a, adNotifiedAt: this.deps.clock.now().toISOString() }));
      }
      await this.deps.register.update(partnership.id, by, 'partnership.director-appointed', (p) => (p.assistantDirector?.objectId === director.objectId ? undefined : { ...p, assistantDirector: director }));
    }
    return sent;
  }

  /** "pending approvals": the SPO sees every undecided proposal; an Assistant Director those of their areas. */
  async list(context: TurnContext, person: Person): Promise<void> {
    const verdict = permissions.seePendingApprovals(person);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const all = await this.waiting();
    const mine = person.roles.includes('spo') ? all : all.filter((w) => (person.areas ?? []).includes(w.partnership.serviceArea));
    if (mine.length === 0) {
      await context.sendActivity('No proposals are waiting for a decision.');
      return;
    }
    const queued = mine.filter((w) => w.noDirector).length;
    const body = [
      heading(`Pending approvals (${mine.length})`),
      ...(queued > 0 ? [paragraph(`${queued === 1 ? '1 waits' : `${queued} wait`} for an Assistant Director to be appointed for its service area; each is sent to them as soon as one is.`, { isSubtle: true })] : []),
      ...mine.slice(0, 25).flatMap((w) => [
        paragraph(`**${plain(w.partnership.name)}** (${plain(this.deps.reference.areaLabel(w.partnership.serviceArea))}), proposed by ${plain(w.assessment?.submittedBy.name ?? w.partnership.leadOfficer.name)}${w.assessment ? ` on ${formatUkDate(w.assessment.submittedAt)}` : ''}`, { spacing: 'Medium' }),
        paragraph(`Waiting for ${plain(w.waitingFor)}.`, { spacing: 'None', isSubtle: true }),
      ]),
      ...(mine.length > 25 ? [paragraph(`And ${mine.length - 25} more.`, { isSubtle: true })] : []),
    ];
    await context.sendActivity(cardMessage(adaptiveCard(body, []), `Pending approvals: ${mine.length}`));
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
