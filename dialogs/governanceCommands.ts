import type { TurnContext } from 'botbuilder';
import { actionListCard, addRiskCard, closeActionCard, noticeCard, returnsCard, type ActionLine } from '../cards/governanceCards.js';
import { plain } from '../cards/markdown.js';
import { cardMessage } from '../src/bot/replies.js';
import type { ActionLog, LoggedAction } from '../src/actions/actionLog.js';
import { riskActions } from '../src/actions/actionSources.js';
import type { AnnualRounds } from '../src/assessments/annualRounds.js';
import type { SelfAssessmentService } from '../src/assessments/selfAssessmentService.js';
import type { ReferenceData } from '../src/config/referenceData.js';
import { daysOverdue, isOverdue, returnsRate } from '../src/domain/actionRules.js';
import { bandFor, riskScore } from '../src/domain/riskAssessment.js';
import { escalatingBands, type RegisterRisk, type ReviewedRisk } from '../src/domain/riskReview.js';
import { actionBand, type RiskScale } from '../src/domain/riskScale.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { Partnership, PersonRef } from '../src/partnerships/partnership.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { RiskRegister } from '../src/partnerships/riskRegister.js';
import type { Person } from '../src/people/person.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import * as permissions from '../src/permissions/permissions.js';
import type { Clock } from '../src/util/clock.js';
import { formatUkDate } from '../src/util/ukFormat.js';
import { pickPartnership } from './partnershipPicker.js';

export interface GovernanceDeps {
  register: PartnershipRegister;
  people: PeopleDirectory;
  notifier: Notifier;
  actions: ActionLog;
  risks: RiskRegister;
  rounds: AnnualRounds;
  selfAssessments: SelfAssessmentService;
  scale: RiskScale;
  reference: ReferenceData;
  clock: Clock;
}

const OPEN_STATUSES: Partnership['status'][] = ['active', 'under-review', 'proposed', 'exiting'];
/** At most this many actions on one card; the rest are counted. */
const ACTIONS_PER_CARD = 15;

/**
 * The governance cycle in conversation (issue 19): the action log asked about and
 * closed, risks added, and who has responded to the year's self-assessment.
 */
export class GovernanceCommands {
  constructor(private readonly deps: GovernanceDeps) {}

  /** "my actions", or "open actions for <partnership>". */
  async listActions(context: TurnContext, person: Person, request: { partnershipName?: string | undefined; mine?: boolean | undefined }): Promise<void> {
    const { actions, register } = this.deps;
    if (!request.partnershipName || request.mine) {
      const mine = await actions.openOwnedBy(person.objectId);
      if (mine.length === 0) {
        await context.sendActivity('You have no open actions. Actions come from the toolkit\'s questionnaires (weak answers, 0 or 1 ratings, "don\'t know"s, high risks, exits) and from conditions of approval.');
        return;
      }
      const partnerships = new Map((await Promise.all([...new Set(mine.map((a) => a.partnershipId))].map((id) => register.get(id)))).filter((p): p is Partnership => p !== undefined).map((p) => [p.id, p]));
      const overdue = mine.filter((a) => isOverdue(a, this.today())).length;
      await context.sendActivity(
        cardMessage(
          actionListCard({
            title: 'My actions',
            intro: `${mine.length === 1 ? 'One open action' : `${mine.length} open actions`}${overdue ? `, ${overdue} overdue` : ''}, soonest due first. Press one to close it when it is done, or say "close action" and its number and partnership.`,
            actions: mine.slice(0, ACTIONS_PER_CARD).map((a) => this.line(a, person, partnerships.get(a.partnershipId))),
            ...(mine.length > ACTIONS_PER_CARD ? { more: `And ${mine.length - ACTIONS_PER_CARD} more.` } : {}),
          }),
          `My actions: ${mine.length} open`,
        ),
      );
      return;
    }
    const partnership = await pickPartnership(context, register, person, { name: request.partnershipName, purpose: 'see the actions', commandFor: (name) => `open actions for ${name}` });
    if (!partnership) return;
    const verdict = permissions.seeActions(person, partnership);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const log = await actions.forPartnership(partnership.id);
    const open = log.filter((a) => a.status === 'open');
    if (log.length === 0) {
      // Recorded before the log existed: the latest self-assessment's actions and the risks' own, as they were kept.
      const earlier = await this.actionsBeforeTheLog(partnership);
      await context.sendActivity(earlier.length ? `Open actions for ${plain(partnership.name)}:\n\n${earlier.map((l) => `• ${plain(l)}`).join('\n\n')}` : `No open actions are recorded for ${plain(partnership.name)}.`);
      return;
    }
    if (open.length === 0) {
      await context.sendActivity(`No open actions are recorded for ${plain(partnership.name)} (${log.length} closed).`);
      return;
    }
    const overdue = open.filter((a) => isOverdue(a, this.today())).length;
    await context.sendActivity(
      cardMessage(
        actionListCard({
          title: `Open actions for ${partnership.name}`,
          intro: `${open.length === 1 ? 'One open action' : `${open.length} open actions`}${overdue ? `, ${overdue} overdue` : ''}; ${log.length - open.length} closed.`,
          actions: open.slice(0, ACTIONS_PER_CARD).map((a) => this.line(a, person, partnership)),
          ...(open.length > ACTIONS_PER_CARD ? { more: `And ${open.length - ACTIONS_PER_CARD} more.` } : {}),
        }),
        `${partnership.name}: ${open.length} open actions`,
      ),
    );
  }

  /** The close card for one action (a press on a list). */
  async showCloseCard(context: TurnContext, person: Person, request: { partnershipId: string; actionId: string }): Promise<void> {
    const found = await this.find(context, person, request);
    if (!found) return;
    const { partnership, action } = found;
    if (action.status !== 'open') {
      await context.sendActivity(this.alreadyClosed(action));
      return;
    }
    await context.sendActivity(cardMessage(closeActionCard({ partnershipId: partnership.id, actionId: action.id, partnershipName: partnership.name, number: action.number, text: action.text, detail: this.detail(action) }), `Close action ${action.number}`));
  }

  /** The close card submitted: done with its evidence, or dropped with a reason. */
  async closeByCard(context: TurnContext, person: Person, request: { partnershipId: string; actionId: string; outcome: 'done' | 'dropped'; note: string }): Promise<void> {
    const found = await this.find(context, person, request);
    if (!found) return;
    await this.close(context, person, found.partnership, found.action, request.outcome, request.note);
  }

  /** "close action 2 on CSP: minutes of 3 May". */
  async closeInWords(context: TurnContext, person: Person, request: { partnershipName?: string | undefined; actionNumber?: number | undefined; outcome?: 'done' | 'dropped' | undefined; note?: string | undefined }): Promise<void> {
    const { register, actions } = this.deps;
    const partnership = await pickPartnership(context, register, person, {
      name: request.partnershipName,
      purpose: 'close an action',
      commandFor: (name) => `open actions for ${name}`,
    });
    if (!partnership) return;
    const seen = permissions.seeActions(person, partnership);
    if (!seen.allowed) {
      await context.sendActivity(seen.refusal);
      return;
    }
    const log = await actions.forPartnership(partnership.id);
    const open = log.filter((a) => a.status === 'open');
    const action = request.actionNumber !== undefined ? log.find((a) => a.number === request.actionNumber) : open.length === 1 ? open[0] : undefined;
    if (!action) {
      await context.sendActivity(
        request.actionNumber !== undefined
          ? `${plain(partnership.name)} has no action ${request.actionNumber}. Say "open actions for ${plain(partnership.name)}" to see their numbers.`
          : `Which action? ${plain(partnership.name)} has ${open.length} open; say "close action" with its number, e.g. "close action ${open[0]?.number ?? 1} on ${plain(partnership.name)}: minutes of 3 May".`,
      );
      return;
    }
    if (action.status !== 'open') {
      await context.sendActivity(this.alreadyClosed(action));
      return;
    }
    await this.close(context, person, partnership, action, request.outcome ?? 'done', request.note ?? '');
  }

  private async close(context: TurnContext, person: Person, partnership: Partnership, action: LoggedAction, outcome: 'done' | 'dropped', note: string): Promise<void> {
    const verdict = permissions.closeAction(person, partnership, action);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const noted = permissions.closeActionNote(outcome, note);
    if (!noted.allowed) {
      await context.sendActivity(noted.refusal);
      return;
    }
    const by = { objectId: person.objectId, name: person.name };
    const { action: after, changed } = await this.deps.actions.close(partnership.id, action.id, by, outcome === 'done' ? { status: 'done', evidence: note.trim() } : { status: 'dropped', reason: note.trim() });
    if (!changed || !after) {
      await context.sendActivity(after ? this.alreadyClosed(after) : 'That action is no longer in the log. Nothing has changed.');
      return;
    }
    const onTime = after.status === 'done' && after.closedAt!.slice(0, 10) <= after.due;
    await context.sendActivity(
      after.status === 'done'
        ? `Done: action ${after.number} on ${plain(partnership.name)} ("${plain(after.text)}") is closed${onTime ? ', on time' : `, ${daysOverdue({ ...after, status: 'open' }, after.closedAt!.slice(0, 10))} days after it was due`}. Evidence noted: ${plain(note.trim())}.`
        : `Dropped: action ${after.number} on ${plain(partnership.name)} ("${plain(after.text)}") is closed. Reason noted: ${plain(note.trim())}.`,
    );
  }

  /** "add a risk to <partnership>": the risk card. */
  async startAddRisk(context: TurnContext, person: Person, request: { partnershipName?: string | undefined }): Promise<void> {
    const { register, scale, reference } = this.deps;
    const partnership = await pickPartnership(context, register, person, { name: request.partnershipName, purpose: 'add a risk', commandFor: (name) => `add a risk to ${name}`, statuses: OPEN_STATUSES });
    if (!partnership) return;
    const verdict = permissions.addRisk(person, partnership);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const levels = (list: RiskScale['likelihood']) => list.map((l) => ({ title: `${l.value}: ${l.label}`, value: String(l.value) }));
    await context.sendActivity(
      cardMessage(
        addRiskCard({
          partnershipId: partnership.id,
          partnershipName: partnership.name,
          matrix: scale.name,
          actionFrom: actionBand(scale).min,
          categories: reference.riskCategories.map((c) => ({ title: c.label, value: c.id })),
          likelihood: levels(scale.likelihood),
          impact: levels(scale.impact),
        }),
        `Add a risk to ${partnership.name}`,
      ),
    );
  }

  /** The risk card submitted: the risk on the register, the overall rating again, and the Assistant Director told when it is high. */
  async saveRisk(
    context: TurnContext,
    person: Person,
    request: { partnershipId: string; category: string; description: string; likelihood: number; impact: number; controls?: string | undefined; adequacy?: 'poor' | 'fair' | 'good' | 'excellent' | undefined; residualLikelihood: number; residualImpact: number; owner?: string | undefined; action?: string | undefined; due?: string | undefined },
  ): Promise<void> {
    const { register, risks, scale, reference, actions } = this.deps;
    const partnership = await register.get(request.partnershipId);
    if (!partnership) {
      await context.sendActivity(permissions.NOT_FOUND_FOR_YOU);
      return;
    }
    const verdict = permissions.addRisk(person, partnership);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return;
    }
    const levels = (list: RiskScale['likelihood']) => list.map((l) => l.value);
    if (!reference.riskCategories.some((c) => c.id === request.category) || ![request.likelihood, request.residualLikelihood].every((v) => levels(scale.likelihood).includes(v)) || ![request.impact, request.residualImpact].every((v) => levels(scale.impact).includes(v))) {
      await context.sendActivity('Please choose the kind of risk and each likelihood and impact from the lists on the card, then press **Add the risk** again. Nothing has changed.');
      return;
    }
    const residualBand = bandFor(riskScore(request.residualLikelihood, request.residualImpact), scale);
    const needsAction = escalatingBands(scale).includes(residualBand.id);
    if (needsAction && (!request.action?.trim() || !request.due)) {
      await context.sendActivity(`This risk is ${residualBand.label.toLowerCase()} after controls, so it needs an action to reduce it and a date: please fill in both on the card and press **Add the risk** again. Nothing has changed.`);
      return;
    }
    if (request.due && request.due < this.today()) {
      await context.sendActivity('The date for the action has already passed: please give a date from today on. Nothing has changed.');
      return;
    }
    const by = { objectId: person.objectId, name: person.name };
    const reviewed: ReviewedRisk = {
      category: request.category,
      stillRelevant: true,
      rated: {
        category: request.category, description: request.description, likelihood: request.likelihood, impact: request.impact,
        ...(request.controls ? { controls: request.controls } : {}), ...(request.adequacy ? { controlAdequacy: request.adequacy } : {}),
        residualLikelihood: request.residualLikelihood, residualImpact: request.residualImpact,
        ...(request.owner ? { owner: request.owner } : {}), ...(request.action ? { action: request.action } : {}), ...(request.due ? { due: request.due } : {}),
      },
    };
    const result = await risks.review(partnership.id, [reviewed], by, `a risk added by ${person.name}`);
    if (!result) {
      await context.sendActivity(permissions.NOT_FOUND_FOR_YOU);
      return;
    }
    const raised = await actions.raise(result.partnership, riskActions(result.record.risks.filter((r) => r.category === request.category && r.status === 'open'), escalatingBands(scale), 'a risk added'), by);
    const told = await this.tellDirectorOfRisks(result.partnership, result.newlyEscalating, by, 'added to the risk register');
    const label = (id: string | undefined) => (id ? (scale.bands.find((b) => b.id === id)?.label ?? id) : 'not assessed');
    await context.sendActivity(
      `Added: a ${residualBand.label.toLowerCase()} ${this.categoryLabel(request.category).toLowerCase()} risk on ${plain(partnership.name)}. Its overall risk is now ${label(result.partnership.overallRisk).toLowerCase()}` +
        `${result.before.overall !== result.partnership.overallRisk ? ` (was ${label(result.before.overall).toLowerCase()})` : ''}, and its significance ${result.partnership.significance}` +
        `${result.before.significance !== result.partnership.significance ? ` (was ${result.before.significance})` : ''}.` +
        (raised.length ? ` The action to reduce it is action ${raised[0]!.number} in its log.` : '') +
        (told ? ` ${told} has been told, as the toolkit asks for a ${residualBand.label.toLowerCase()} risk.` : ''),
    );
  }

  /**
   * A self-assessment response that reviewed the risks: applied at once, so the
   * overall risk and significance change and a newly high risk reaches the
   * Assistant Director when it is raised. Returns a line for the officer.
   */
  async applyRiskReview(partnership: Partnership, reviewed: ReviewedRisk[], by: PersonRef, year: string): Promise<string | undefined> {
    if (reviewed.length === 0) return undefined;
    const { risks, actions, scale } = this.deps;
    const result = await risks.review(partnership.id, reviewed, by, `the ${year} self-assessment`);
    if (!result) return undefined;
    const open = result.record.risks.filter((r) => r.status === 'open' && r.reviewedAt === result.record.updatedAt);
    await actions.raise(result.partnership, riskActions(open, escalatingBands(scale), `the ${year} risk review`), by);
    const told = await this.tellDirectorOfRisks(result.partnership, result.newlyEscalating, by, `raised at the ${year} risk review`);
    const label = (id: string | undefined) => (id ? (scale.bands.find((b) => b.id === id)?.label ?? id).toLowerCase() : 'not assessed');
    const changedRisk = result.before.overall !== result.partnership.overallRisk;
    const changedSignificance = result.before.significance !== result.partnership.significance;
    return (
      `Risk review recorded: the overall risk is ${label(result.partnership.overallRisk)}${changedRisk ? ` (was ${label(result.before.overall)})` : ' (unchanged)'}` +
      ` and its significance ${result.partnership.significance}${changedSignificance ? ` (was ${result.before.significance})` : ''}.` +
      (told ? ` ${told} has been told about the ${result.newlyEscalating.length === 1 ? 'high risk' : 'high risks'} raised.` : '')
    );
  }

  /** The Assistant Director (or, with none, the SPOs) hears of risks newly high or very high, once each. Returns who was told. */
  private async tellDirectorOfRisks(partnership: Partnership, raised: RegisterRisk[], by: PersonRef, how: string): Promise<string | undefined> {
    if (raised.length === 0) return undefined;
    const { people, notifier, scale } = this.deps;
    const director = partnership.assistantDirector ?? (await people.assistantDirectorFor(partnership.serviceArea));
    const recipients = director ? [director] : await people.listWithRole('spo');
    const label = (id: string) => scale.bands.find((b) => b.id === id)?.label ?? id;
    const day = this.today();
    const lines = [
      `${plain(by.name)} has ${how} on **${plain(partnership.name)}**:`,
      ...raised.map((r) => `• ${label(r.residualBand)} (${r.residualScore} after controls): ${this.categoryLabel(r.category)}: ${plain(r.description)}${r.action ? `. Action: ${plain(r.action)}${r.due ? `, by ${formatUkDate(r.due)}` : ''}` : ''}`),
      scale.bands.find((b) => b.id === raised[0]!.residualBand)?.guidance ?? '',
    ].filter(Boolean);
    const others = recipients.filter((r) => r.objectId !== by.objectId);
    for (const recipient of others) {
      await notifier.notify(recipient.objectId, `risk-raised.${partnership.id}.${raised.map((r) => `${r.category}-${r.residualBand}`).join('.')}.${day}`.slice(0, 200), {
        card: noticeCard(`${label(raised[0]!.residualBand)} risk: ${partnership.name}`, lines, [{ title: 'Show the partnership', command: `show ${partnership.name}` }]),
        summary: `${label(raised[0]!.residualBand)} risk on ${partnership.name}`,
      });
    }
    if (others.length === 0) return undefined;
    return director ? `${director.name}, the Assistant Director,` : 'The Strategic Partnership Officer';
  }

  /** "who hasn't responded for CSP", or across the round for the SPO. */
  async whoHasntResponded(context: TurnContext, person: Person, request: { partnershipName?: string | undefined }): Promise<void> {
    const { register, rounds, selfAssessments, people } = this.deps;
    const year = selfAssessments.currentYear();
    const round = await rounds.get(year);
    let partnerships: Partnership[];
    if (request.partnershipName) {
      const one = await pickPartnership(context, register, person, { name: request.partnershipName, purpose: 'see who has responded', commandFor: (name) => `who hasn't responded for ${name}` });
      if (!one) return;
      const verdict = permissions.seeReturns(person, one);
      if (!verdict.allowed) {
        await context.sendActivity(verdict.refusal);
        return;
      }
      partnerships = [one];
    } else {
      const verdict = permissions.seeAllReturns(person);
      if (!verdict.allowed) {
        await context.sendActivity(verdict.refusal);
        return;
      }
      partnerships = (await register.all()).filter((p) => round?.invited[p.id] !== undefined);
      if (partnerships.length === 0) {
        await context.sendActivity(`The ${year} annual round hasn't started yet. Say "start the annual round" to invite every officer named on each active partnership.`);
        return;
      }
    }
    const rows = [];
    for (const p of partnerships) {
      const returns = await this.returnsOf(p, year, round?.invited[p.id]);
      const nameOf = async (id: string) => (await people.find(id))?.name ?? (id === p.leadOfficer.objectId ? p.leadOfficer.name : `an officer (${id.slice(0, 8)})`);
      rows.push({ name: p.name, responded: await Promise.all(returns.responded.map(nameOf)), missing: await Promise.all(returns.missing.map(nameOf)), ...(returns.rate !== undefined ? { rate: returns.rate } : {}) });
    }
    const missingCount = rows.reduce((n, r) => n + r.missing.length, 0);
    await context.sendActivity(
      cardMessage(
        returnsCard({
          title: `Who has responded: ${year} self-assessment`,
          intro: round
            ? `The annual round started on ${formatUkDate(round.startedAt)}. ${missingCount === 0 ? 'Everyone invited has responded.' : `${missingCount} officer${missingCount === 1 ? ' has' : 's have'} not responded yet; they are reminded every 14 days.`}`
            : `The annual round hasn't started; these are the officers named now.`,
          partnerships: rows,
        }),
        `${missingCount} not yet responded`,
      ),
    );
  }

  /** Invited (or, with no round, named now) officers and who of them has responded this year. */
  async returnsOf(p: Partnership, year: string, invited: string[] | undefined): Promise<{ responded: string[]; missing: string[]; rate?: number }> {
    const expected = [...new Set([...(invited ?? p.officerIds)])];
    const respondents = new Set((await this.deps.selfAssessments.responses(p.id, year)).map((r) => r.officer.objectId));
    const responded = expected.filter((id) => respondents.has(id));
    const missing = expected.filter((id) => !respondents.has(id));
    const rate = returnsRate(expected.length, responded.length);
    return { responded, missing, ...(rate !== undefined ? { rate } : {}) };
  }

  /** Actions kept on a partnership's records before the log: the latest closed year's and the new-partnership risks'. */
  private async actionsBeforeTheLog(partnership: Partnership): Promise<string[]> {
    const [history, assessments] = await Promise.all([this.deps.selfAssessments.history(partnership.id), this.deps.register.assessments(partnership.id)]);
    const year = history.at(-1);
    return [
      ...(year?.actions ?? []).map((a) => `${a.action} (${a.owner}${a.due ? `, by ${formatUkDate(a.due)}` : ''}; from the ${year!.year} self-assessment)`),
      ...(assessments.at(-1)?.risks ?? []).filter((r) => r.action).map((r) => `${r.action} (${r.owner ?? 'no owner named'}${r.due ? `, by ${formatUkDate(r.due)}` : ''}; ${this.categoryLabel(r.category)} risk)`),
    ].slice(0, 10);
  }

  private async find(context: TurnContext, person: Person, request: { partnershipId: string; actionId: string }): Promise<{ partnership: Partnership; action: LoggedAction } | undefined> {
    const partnership = await this.deps.register.get(request.partnershipId);
    const action = partnership && (await this.deps.actions.get(partnership.id, request.actionId));
    if (!partnership || !permissions.canSeePartnership(person, partnership)) {
      await context.sendActivity(permissions.NOT_FOUND_FOR_YOU);
      return undefined;
    }
    if (!action) {
      await context.sendActivity(`That action is no longer in the log of ${plain(partnership.name)}. Nothing has changed.`);
      return undefined;
    }
    const verdict = permissions.closeAction(person, partnership, action);
    if (!verdict.allowed) {
      await context.sendActivity(verdict.refusal);
      return undefined;
    }
    return { partnership, action };
  }

  private line(a: LoggedAction, person: Person, partnership: Partnership | undefined): ActionLine {
    return {
      partnershipId: a.partnershipId,
      actionId: a.id,
      partnershipName: a.partnershipName,
      number: a.number,
      text: a.text,
      detail: `${partnership && partnership.name !== a.partnershipName ? '' : `${a.partnershipName}. `}${this.detail(a)}`,
      overdue: isOverdue(a, this.today()),
      mayClose: partnership ? permissions.closeAction(person, partnership, a).allowed : a.owner.objectId === person.objectId,
    };
  }

  private detail(a: LoggedAction): string {
    const overdue = daysOverdue(a, this.today());
    return `Owner ${a.owner.name}${a.ownerNamed ? ` (named as "${a.ownerNamed}")` : ''}; due ${formatUkDate(a.due)}${overdue ? ` (overdue by ${overdue} day${overdue === 1 ? '' : 's'})` : ''}; from ${a.origin}.`;
  }

  private alreadyClosed(a: LoggedAction): string {
    return `Action ${a.number} on ${plain(a.partnershipName)} was already ${a.status === 'done' ? 'done' : 'dropped'} on ${formatUkDate(a.closedAt!)}${a.closedBy ? ` by ${plain(a.closedBy.name)}` : ''}. Nothing has changed.`;
  }

  private categoryLabel(id: string): string {
    return this.deps.reference.riskCategories.find((c) => c.id === id)?.label ?? id;
  }

  private today(): string {
    return this.deps.clock.now().toISOString().slice(0, 10);
  }
}
