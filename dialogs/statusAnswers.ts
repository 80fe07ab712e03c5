import type { TurnContext } from 'botbuilder';
import { plain } from '../cards/markdown.js';
import { partnershipDetailCard } from '../cards/partnershipDetailCard.js';
import { partnershipListCard, type ListEntry } from '../cards/partnershipListCard.js';
import { scoreHistoryCard } from '../cards/scoreHistoryCard.js';
import { cardMessage } from '../src/bot/replies.js';
import type { SelfAssessment } from '../src/assessments/selfAssessment.js';
import { yearsBetween } from '../src/domain/assessmentYear.js';
import { RECOMMENDATION_LABELS } from '../src/domain/involvementRecommendation.js';
import { STAGE_LABELS } from '../src/domain/lifeCycleStage.js';
import type { Rating } from '../src/domain/newPartnershipOutcome.js';
import { TREND_LABELS } from '../src/domain/yearOnYear.js';
import { EXIT_OUTCOME_LABELS } from '../src/partnerships/exitDocument.js';
import { describeHorizon, horizonDate } from '../src/domain/reviewHorizon.js';
import type { RiskScale } from '../src/domain/riskScale.js';
import { BAND_LABELS } from '../src/domain/selfAssessmentScoring.js';
import type { Logger } from '../src/logging/logger.js';
import type { Partnership } from '../src/partnerships/partnership.js';
import { canAnswerFor, canSeePartnership, registerScopeOf } from '../src/permissions/permissions.js';
import type { PartnershipRegister, RegisterCriteria } from '../src/partnerships/partnershipRegister.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import type { Person } from '../src/people/person.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import { byName, currentStage, pageOf, reviewState, SIGNIFICANCE_LABELS, STATUS_LABELS } from '../src/status/registerLists.js';
import type { ReferenceData } from '../src/config/referenceData.js';
import { compareBy, matchesQuery, periodBounds, periodYear, previousDay, type QueryField, type QueryFilter, type RegisterQuery } from '../src/status/registerQuery.js';
import type { StatusQuestion } from '../src/status/statusQuestion.js';
import type { Clock } from '../src/util/clock.js';
import { formatGbp, formatUkDate } from '../src/util/ukFormat.js';
import { pickPartnership } from './partnershipPicker.js';
import type { ActionLog } from '../src/actions/actionLog.js';
import type { RiskRegister } from '../src/partnerships/riskRegister.js';
import { actionCounts, daysOverdue, describeActionCounts } from '../src/domain/actionRules.js';
import { truncate } from '../src/util/truncate.js';

/** Where the closed self-assessments of a partnership come from. */
export interface AssessmentHistory {
  history(partnershipId: string): Promise<SelfAssessment[]>;
}

export interface StatusAnswersServices {
  register: PartnershipRegister;
  assessments: AssessmentHistory;
  people: PeopleDirectory;
  banks: BankCatalogue;
  scale: RiskScale;
  reference: ReferenceData;
  clock: Clock;
  logger: Logger;
  /** What a proposed partnership waits for ("an Assistant Director for Housing to be appointed"), if anything. */
  waitingFor?(partnership: Partnership): Promise<string | undefined>;
  /** The action log: open actions and their counts (issue 19). */
  actions?: ActionLog;
  /** The risks as last reviewed. */
  risks?: RiskRegister;
}

/** A review due within this many days is flagged on every list. */
const FLAG_DUE_WITHIN_DAYS = 30;

/** What each field question is asked as, for the "which one?" buttons. */
const FIELD_COMMANDS: Record<QueryField, (name: string) => string> = {
  everything: (n) => `show ${n}`,
  scoreHistory: (n) => `score history for ${n}`,
  leadOfficer: (n) => `who leads ${n}`,
  partners: (n) => `who are the partners in ${n}`,
  assistantDirector: (n) => `who is the assistant director for ${n}`,
  nextReview: (n) => `when is ${n} due review`,
  score: (n) => `latest score for ${n}`,
  money: (n) => `how much do we put into ${n}`,
  stage: (n) => `what stage is ${n} at`,
  status: (n) => `status of ${n}`,
  risks: (n) => `risks of ${n}`,
  actions: (n) => `open actions for ${n}`,
};

/** The words for an order in a one-line answer: "The biggest is ...". */
const ORDER_WORDS: Record<string, string> = {
  'cash:desc': 'biggest (by council cash)',
  'cash:asc': 'smallest (by council cash)',
  'started:desc': 'newest',
  'started:asc': 'oldest',
  'score:desc': 'best scoring',
  'score:asc': 'lowest scoring',
};

/** Every status question as one register query (the older shapes are still carried by buttons in chats). Pure. */
export function asQuery(question: StatusQuestion): RegisterQuery {
  switch (question.kind) {
    case 'query':
      return question;
    case 'dueReview':
      return { kind: 'query', ask: 'list', filter: { reviewDue: question.horizon, ...(question.onlyMine ? { mine: true } : {}) } };
    case 'overdue':
      return { kind: 'query', ask: 'list', filter: { overdue: true, ...(question.onlyMine ? { mine: true } : {}) } };
    case 'mine':
      return { kind: 'query', ask: 'list', filter: { mine: true } };
    case 'register':
      return { kind: 'query', ask: 'list', filter: { ...question.filter, ...(question.filter.priority ? { priority: question.filter.priority } : {}), ...(question.onlyMine ? { mine: true } : {}) } };
    case 'show':
      return { kind: 'query', ask: 'field', field: 'everything', partnershipName: question.partnershipName, filter: {} };
    case 'scoreHistory':
      return { kind: 'query', ask: 'field', field: 'scoreHistory', partnershipName: question.partnershipName, filter: {} };
    case 'exits':
      return { kind: 'query', ask: 'list', filter: { ended: question.year ? { year: question.year } : { relativeYear: question.relativeYear ?? 'this' } } };
  }
}

/**
 * Answers questions about the register in plain words, from storage, showing
 * each person only the partnerships their role lets them see (spec sections 2
 * and 9). Every question is a register query answered by one path: the
 * entries the asker may see that meet its filters, then a list, a count, a
 * total, the top one, or one field of one partnership. Long lists are paged;
 * the page buttons carry the query.
 */
export class StatusAnswers {
  constructor(private readonly services: StatusAnswersServices) {}

  async answer(context: TurnContext, person: Person, question: StatusQuestion, page = 1): Promise<void> {
    const query = asQuery(question);
    if (query.ask === 'field') return this.field(context, person, query);
    const today = this.today();
    const entries = await this.entries(person, query.filter, today);
    // Said in a text reply, so officer-typed names in it are made plain.
    const described = plain(this.describe(query.filter, today));
    const scope = query.filter.mine ? 'Partnerships you lead or are named on.' : this.scopeOf(person);
    switch (query.ask) {
      case 'count': {
        const text = `${count(entries.length)} ${entries.length === 1 ? 'matches' : 'match'}${described ? `: ${described}` : ''}. ${scope}`;
        await context.sendActivity(text);
        return;
      }
      case 'total': {
        const total = entries.reduce((sum, p) => sum + (p.councilCashPerYear || 0), 0);
        await context.sendActivity(`The council puts ${formatGbp(total)} a year into ${entries.length === 1 ? 'the 1 partnership' : `the ${entries.length} partnerships`}${described ? ` that are ${described}` : ''}. ${scope}`);
        return;
      }
      case 'top': {
        const order = query.order ?? { by: 'cash', direction: 'desc' };
        const ranked = entries.filter((p) => order.by !== 'score' || p.latestAssessment?.percent !== undefined).sort(compareBy(order));
        const top = ranked[0];
        const words = ORDER_WORDS[`${order.by}:${order.direction}`]!;
        if (!top) {
          await context.sendActivity(order.by === 'score' ? 'None of the partnerships you can see has a closed self-assessment score yet.' : 'No partnerships match that.');
          return;
        }
        const value = order.by === 'cash' ? `${formatGbp(top.councilCashPerYear)} a year` : order.by === 'started' ? `started ${formatUkDate(top.startDate)}` : `${top.latestAssessment!.percent}% in ${top.latestAssessment!.year}`;
        await context.sendActivity(`The ${words}${described ? ` of those that are ${described}` : ''} is ${plain(top.name)}: ${value}. ${scope}`);
        return;
      }
      case 'list':
        return this.list(context, person, query, entries, page, today);
    }
  }

  /** The entries the person may see that meet the filter, in one read: reviews due by date in one indexed query. */
  private async entries(person: Person, filter: QueryFilter, today: string): Promise<Partnership[]> {
    let candidates: Partnership[];
    if (filter.reviewDue || filter.overdue) {
      candidates = await this.dueBy(filter.overdue ? previousDay(today) : horizonDate(filter.reviewDue!, today));
    } else {
      const own = filter.mine || registerScopeOf(person) === 'own';
      const criteria: RegisterCriteria = {
        ...(filter.statuses ? { statuses: filter.statuses } : filter.ended ? { statuses: ['closed'] } : {}),
        ...(filter.significance ? { significance: filter.significance } : {}),
        ...(filter.risks ? { risks: filter.risks } : {}),
        ...(filter.priority ? { priority: filter.priority } : {}),
        ...(own ? { officerId: person.objectId } : filter.officer ? { officerId: filter.officer.id } : {}),
      };
      candidates = await this.services.register.find(criteria);
    }
    const visible = candidates.filter((p) => canSeePartnership(person, p));
    const outcomes = filter.outcomes?.length ? await this.outcomesOf(visible) : undefined;
    return visible.filter((p) => matchesQuery(p, filter, { askerId: person.objectId, today, ...(outcomes ? { outcomeOf: (e: Partnership) => outcomes.get(e.id) } : {}) }));
  }

  private async list(context: TurnContext, person: Person, query: RegisterQuery, entries: Partnership[], page: number, today: string): Promise<void> {
    const { filter } = query;
    const exits = filter.ended !== undefined;
    const reviews = filter.reviewDue !== undefined || filter.overdue === true;
    const mineOnly = filter.mine === true && Object.keys(filter).length === 1;
    if (query.order) entries.sort(compareBy(query.order));
    else if (exits) entries.sort((a, b) => (a.exitDate ?? '').localeCompare(b.exitDate ?? ''));
    else if (!reviews) entries.sort(byName);
    const shown = pageOf(entries, page, exits ? 5 : undefined);
    const title = this.titleOf(query, today);
    const scope = filter.mine ? 'Partnerships you lead or are named on.' : this.scopeOf(person);
    let intro = `${count(entries.length)}. ${scope}`;
    if (exits) {
      const [from, to] = periodBounds(filter.ended!, today);
      intro = `${count(entries.length)} left between ${formatUkDate(from)} and ${formatUkDate(to)}, with their lessons. ${scope}`;
    }
    const listed = exits ? await this.exitEntries(shown.items) : shown.items.map((p) => this.entryOf(p, person, today, mineOnly));
    const card = partnershipListCard({
      title,
      intro,
      entries: listed,
      ...(shown.pageCount > 1 ? { position: `Showing ${shown.first} to ${shown.last} of ${shown.total}.` } : {}),
      ...(shown.page > 1 ? { previous: pageButton(query, shown.page - 1) } : {}),
      ...(shown.page < shown.pageCount ? { next: pageButton(query, shown.page + 1) } : {}),
      emptyText: this.emptyText(query, person, today),
      footnote: shown.items.length > 0 ? (exits ? 'Select one to read its exit document.' : 'Select a partnership to see everything about it.') : undefined,
    });
    await context.sendActivity(cardMessage(card, `${title}: ${count(entries.length)}`));
  }

  private titleOf(query: RegisterQuery, today: string): string {
    const { filter } = query;
    const others = this.describe({ ...filter, reviewDue: undefined, overdue: undefined, ended: undefined, mine: undefined }, today);
    const suffix = others ? ` (${others})` : '';
    if (filter.reviewDue) {
      const until = horizonDate(filter.reviewDue, today);
      return ('until' in filter.reviewDue ? `Reviews due ${describeHorizon(filter.reviewDue, formatUkDate)}` : `Reviews due in ${describeHorizon(filter.reviewDue, formatUkDate)} (by ${formatUkDate(until)})`) + suffix;
    }
    if (filter.overdue) return `Overdue reviews${suffix}`;
    if (filter.ended) {
      const year = periodYear(filter.ended, today);
      return (year ? `Exits in ${year}` : 'Exits') + suffix;
    }
    if (filter.mine && !others) return 'Your partnerships';
    const described = this.describe(filter, today);
    return described ? `Partnerships: ${described}` : 'The partnership register';
  }

  private emptyText(query: RegisterQuery, person: Person, today: string): string {
    const { filter } = query;
    if (filter.reviewDue) return 'No reviews are due or overdue in that time. Ask for a longer period, for example "due review in the next 6 months".';
    if (filter.overdue) return 'No reviews are overdue.';
    if (filter.ended) return `No partnership was closed in ${periodYear(filter.ended, today) ?? 'that time'}.`;
    if (filter.mine && Object.keys(filter).length === 1) {
      return (
        'You are not named on any partnership yet. A lead officer names the officers who work on a partnership by saying "add" with the officer and the partnership.' +
        (registerScopeOf(person) !== 'own' ? ' To see the partnerships you oversee, ask "show the register".' : '')
      );
    }
    return 'No partnerships match that.';
  }

  /** One field of one partnership the person may see: one sentence, or the detail card for everything. */
  private async field(context: TurnContext, person: Person, query: RegisterQuery): Promise<void> {
    const field = query.field ?? 'everything';
    const partnership = await pickPartnership(context, this.services.register, person, {
      name: query.partnershipName,
      purpose: field === 'everything' ? 'see' : 'ask about',
      commandFor: FIELD_COMMANDS[field],
    });
    if (!partnership) return;
    if (field === 'everything') return this.showOne(context, person, partnership);
    if (field === 'scoreHistory') return this.scoreHistory(context, partnership);
    const name = plain(partnership.name);
    const today = this.today();
    let answer: string;
    switch (field) {
      case 'leadOfficer':
        answer = `The lead officer for ${name} is ${plain(partnership.leadOfficer.name)}.`;
        break;
      case 'partners': {
        const partners = partnerNames(partnership);
        answer = partners.length ? `The partners in ${name} are ${plain(listed(partners))}.` : `No partners are recorded for ${name}.`;
        break;
      }
      case 'assistantDirector':
        answer = partnership.assistantDirector
          ? `The Assistant Director for ${name} is ${plain(partnership.assistantDirector.name)}.`
          : `No Assistant Director is recorded for ${name} yet; its service area is ${this.areaLabel(partnership.serviceArea)}.`;
        break;
      case 'nextReview': {
        const state = reviewState(partnership, today, FLAG_DUE_WITHIN_DAYS);
        answer =
          state.state === 'none'
            ? `${name} is ${STATUS_LABELS[partnership.status].toLowerCase()}, so it has no review due.`
            : state.state === 'overdue'
              ? `The review of ${name} is overdue: it was due on ${formatUkDate(partnership.nextReviewDue)} (${plural(state.days, 'day')} ago).`
              : `${name} is next due for review on ${formatUkDate(partnership.nextReviewDue)}.`;
        break;
      }
      case 'score': {
        const latest = partnership.latestAssessment;
        answer =
          latest?.percent !== undefined
            ? `${name} scored ${latest.percent}%${latest.band ? ` (${BAND_LABELS[latest.band as keyof typeof BAND_LABELS] ?? latest.band})` : ''} in ${latest.year}${latest.trend ? `, ${latest.trend} on the year before` : ''}.${latest.lowConfidence ? ` ${latest.lowConfidence}` : ''}`
            : `No self-assessment has been closed for ${name} yet.`;
        break;
      }
      case 'money':
        answer = `The council puts ${formatGbp(partnership.councilCashPerYear)} a year into ${name}${partnership.inKind ? `, plus ${plain(partnership.inKind)}` : ''}.`;
        break;
      case 'stage':
        answer = `${name} is at the ${STAGE_LABELS[currentStage(partnership)]} stage${partnership.stage.confirmed ? '' : ' (suggested by the toolkit, not yet confirmed)'}.`;
        break;
      case 'status':
        answer = `${name} is ${STATUS_LABELS[partnership.status].toLowerCase()}.`;
        break;
      case 'risks': {
        const lines = (await this.riskLines(partnership)).slice(0, 5);
        const overall = partnership.overallRisk ? `The overall risk of ${name} is ${this.riskLabel(partnership.overallRisk).toLowerCase()} after controls.` : `The risks of ${name} have not been assessed.`;
        answer = lines.length ? `${overall}\n\n${lines.map((l) => `• ${l}`).join('\n\n')}` : overall;
        break;
      }
      case 'actions': {
        const lines = (await this.actionLines(partnership)).slice(0, 10);
        answer = lines.length ? `Open actions for ${name}:\n\n${lines.map((l) => `• ${l}`).join('\n\n')}` : `No open actions are recorded for ${name}.`;
        break;
      }
    }
    await context.sendActivity(answer);
  }

  private async showOne(context: TurnContext, person: Person, partnership: Partnership): Promise<void> {
    const today = this.today();
    const [officers, riskLines, actionLines, log, riskTrend, waitingFor] = await Promise.all([
      this.officerNames(partnership),
      this.riskLines(partnership),
      this.actionLines(partnership),
      this.services.actions?.forPartnership(partnership.id) ?? Promise.resolve([]),
      this.services.risks?.trend(partnership.id) ?? Promise.resolve(undefined),
      this.services.waitingFor?.(partnership),
    ]);
    const state = reviewState(partnership, today, FLAG_DUE_WITHIN_DAYS);
    const latest = partnership.latestAssessment;
    const facts: Array<{ title: string; value: string }> = [
      { title: 'Status', value: STATUS_LABELS[partnership.status] },
      ...(waitingFor ? [{ title: 'Waiting for', value: waitingFor }] : []),
      { title: 'Significance', value: SIGNIFICANCE_LABELS[partnership.significance] },
      { title: 'Life-cycle stage', value: `${STAGE_LABELS[currentStage(partnership)]}${partnership.stage.confirmed ? '' : ' (suggested)'}` },
      { title: 'Lead officer', value: partnership.leadOfficer.name },
      { title: 'Other officers', value: officers.length ? officers.join(', ') : 'None named' },
      { title: 'Assistant Director', value: partnership.assistantDirector?.name ?? 'Not yet known' },
      { title: 'Service area', value: this.areaLabel(partnership.serviceArea) },
      { title: 'Partners', value: partnerNames(partnership).join(', ') || 'None recorded' },
      { title: 'Council contribution', value: `${formatGbp(partnership.councilCashPerYear)} a year${partnership.inKind ? `, plus ${partnership.inKind}` : ''}` },
      ...(partnership.priorities.length ? [{ title: 'Council priorities', value: this.services.reference.priorityLabelsOf(partnership).join(', ') }] : []),
      { title: 'Overall risk', value: partnership.overallRisk ? this.riskLabel(partnership.overallRisk) : 'Not assessed' },
      ...(riskTrend && riskTrend.trend !== 'unchanged'
        ? [{ title: 'Risk trend', value: `${riskTrend.trend === 'worsening' ? 'Worsening' : 'Improving'}: ${riskTrend.from ? this.riskLabel(riskTrend.from) : 'not assessed'} to ${riskTrend.to ? this.riskLabel(riskTrend.to) : 'none open'} at the review of ${formatUkDate(riskTrend.at)}` }]
        : riskTrend ? [{ title: 'Risk trend', value: `Unchanged at the review of ${formatUkDate(riskTrend.at)}` }] : []),
      ...(log.length > 0 ? [{ title: 'Actions', value: describeActionCounts(actionCounts(log, today)) }] : []),
      {
        title: 'Latest score',
        value:
          latest?.percent !== undefined
            ? `${latest.percent}%${latest.band ? ` (${BAND_LABELS[latest.band as keyof typeof BAND_LABELS] ?? latest.band})` : ''} in ${latest.year}${latest.trend ? `, ${latest.trend} on the year before` : ''}${latest.lowConfidence ? `. ${latest.lowConfidence}` : ''}`
            : 'No self-assessment closed yet',
      },
      ...(latest ? [{ title: 'Recommendation', value: RECOMMENDATION_LABELS[latest.recommendation as keyof typeof RECOMMENDATION_LABELS] ?? latest.recommendation }] : []),
      { title: 'Started', value: formatUkDate(partnership.startDate) },
      ...(partnership.endDate ? [{ title: 'Ends', value: formatUkDate(partnership.endDate) }] : []),
      ...(partnership.exitDate ? [{ title: 'Council left', value: formatUkDate(partnership.exitDate) }] : []),
      ...(state.state === 'none' ? [] : [{ title: 'Next review', value: reviewText(partnership.nextReviewDue, state) }]),
    ];
    const buttons = [{ title: 'Score history', command: `score history for ${partnership.name}` }];
    if (canAnswerFor(person, partnership) && (partnership.status === 'active' || partnership.status === 'under-review')) {
      buttons.push({ title: 'Self-assessment', command: `self-assessment for ${partnership.name}` });
    }
    if (partnership.status === 'closed' || partnership.status === 'exiting') buttons.push({ title: 'Exit document', command: `show the exit document for ${partnership.name}` });
    const card = partnershipDetailCard({
      name: partnership.name,
      purpose: partnership.purpose,
      facts,
      ...(state.state === 'overdue' ? { warning: `The review is overdue: it was due on ${formatUkDate(partnership.nextReviewDue)}.` } : {}),
      risks: riskLines.slice(0, 8),
      actions: actionLines.slice(0, 10),
      buttons,
      partnershipId: partnership.id,
    });
    await context.sendActivity(cardMessage(card, `${partnership.name}: ${STATUS_LABELS[partnership.status]}`));
  }

  private async scoreHistory(context: TurnContext, partnership: Partnership): Promise<void> {
    const years = await this.services.assessments.history(partnership.id);
    const card = scoreHistoryCard({
      name: partnership.name,
      rows: years.flatMap((y, i) => [
        // Years with no closed assessment are shown as missing, so a gap is never read as consecutive years.
        ...(i > 0 ? yearsBetween(years[i - 1]!.year, y.year).map((missing) => ({ year: missing, score: 'No self-assessment closed', band: '-', trend: '-', stage: '-', recommendation: '-' })) : []),
        {
          year: y.year,
          score: y.scores.overall.percent !== undefined ? `${y.scores.overall.percent}%${y.lowConfidence ? ' (low confidence)' : ''}` : 'Not scored',
          band: y.scores.overall.band ? BAND_LABELS[y.scores.overall.band] : '-',
          trend: y.comparison?.overall.trend
            ? `${TREND_LABELS[y.comparison.overall.trend]}${y.comparison.overall.change !== undefined ? ` (${signed(y.comparison.overall.change)})` : ''}${y.comparison.missingYears?.length ? ` since ${y.comparison.previousYear}` : ''}`
            : 'First year',
          stage: STAGE_LABELS[y.stage.confirmed ?? y.stage.stage],
          recommendation: RECOMMENDATION_LABELS[y.recommendation.recommendation],
        },
      ]),
      emptyText: `No self-assessment has been closed for ${partnership.name} yet.`,
      showCommand: `show ${partnership.name}`,
    });
    await context.sendActivity(cardMessage(card, `Score history: ${partnership.name}`));
  }

  private async exitEntries(partnerships: Partnership[]): Promise<ListEntry[]> {
    const entries: ListEntry[] = [];
    for (const p of partnerships) {
      const doc = await this.services.register.exitDocument(p.id);
      const achieved = doc?.objectives.filter((o) => o.result !== 'not').map((o) => o.objective) ?? [];
      entries.push({
        title: p.name,
        lines: [
          `Left on ${formatUkDate(p.exitDate!)}${doc ? ` · ${EXIT_OUTCOME_LABELS[doc.outcome] ?? doc.outcome}` : ''}`,
          ...(achieved.length ? [`Achieved: ${truncate(achieved.join('; '), 240)}`] : []),
          ...(doc?.recognition ? [`Recognition: ${truncate(doc.recognition, 200)}`] : []),
          ...(doc
            ? [`What worked: ${truncate(doc.lessons.worked, 200)}`, `What did not: ${truncate(doc.lessons.didNotWork, 200)}`, `Do differently: ${truncate(doc.lessons.doDifferently, 200)}`]
            : ['The exit document is not available.']),
        ],
        command: `show the exit document for ${p.name}`,
        partnershipId: p.id,
      });
    }
    return entries;
  }

  /** Reviews due by a date (active and under review), in one indexed query, soonest first. */
  private async dueBy(until: string): Promise<Partnership[]> {
    const due: Partnership[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.services.register.reviewsDueBy(until, { pageSize: 1000, ...(continuation ? { continuation } : {}) });
      due.push(...page.items);
      continuation = page.continuation;
    } while (continuation && due.length < 5000);
    return due;
  }

  /** The new-partnership outcome of each entry, read only when a question filters by it. */
  private async outcomesOf(partnerships: Partnership[]): Promise<Map<string, Rating>> {
    const outcomes = new Map<string, Rating>();
    await Promise.all(
      partnerships.map(async (p) => {
        const latest = (await this.services.register.assessments(p.id)).at(-1);
        if (latest) outcomes.set(p.id, latest.outcome);
      }),
    );
    return outcomes;
  }

  /** The filters in words: "active, high risk, with Essex Police". */
  private describe(filter: QueryFilter, today: string): string {
    const parts = [
      ...(filter.statuses ?? []).map((s) => STATUS_LABELS[s].toLowerCase()),
      ...(filter.significance ?? []).map((s) => SIGNIFICANCE_LABELS[s].toLowerCase()),
      ...(filter.risks?.length ? [`${filter.risks.map((r) => this.riskLabel(r).toLowerCase()).join(' or ')} risk`] : []),
      ...(filter.stages?.length ? [`${filter.stages.map((s) => STAGE_LABELS[s].toLowerCase()).join(' or ')} stage`] : []),
      ...(filter.priority ? [`supporting "${this.services.reference.priorityLabel(filter.priority)}"`] : []),
      ...(filter.outcomes?.length ? [`${filter.outcomes.join(' or ')} outcome`] : []),
      ...(filter.partner ? [`with ${filter.partner}`] : []),
      ...(filter.officer ? [`${filter.officer.name} works on`] : []),
      ...(filter.director ? [`with ${filter.director.name} as Assistant Director`] : []),
      ...(filter.area ? [`in ${this.areaLabel(filter.area)}`] : []),
      ...(filter.mine ? ['yours'] : []),
      ...(filter.reviewDue ? [`review due by ${formatUkDate(horizonDate(filter.reviewDue, today))}`] : []),
      ...(filter.overdue ? ['review overdue'] : []),
      ...(filter.started ? [`started ${this.periodWords(filter.started, today)}`] : []),
      ...(filter.ended ? [`left ${this.periodWords(filter.ended, today)}`] : []),
    ];
    return parts.join(', ');
  }

  private periodWords(period: NonNullable<QueryFilter['started']>, today: string): string {
    const year = periodYear(period, today);
    if (year) return `in ${year}`;
    const [from, to] = periodBounds(period, today);
    return `between ${formatUkDate(from)} and ${formatUkDate(to)}`;
  }

  private scopeOf(person: Person): string {
    const scope = registerScopeOf(person);
    if (scope === 'whole') return 'The whole register.';
    if (scope === 'area') return `Partnerships in your area${(person.areas ?? []).length ? ` (${person.areas!.join(', ')})` : ''} and those you are named on.`;
    return 'Partnerships you lead or are named on.';
  }

  private entryOf(p: Partnership, person: Person, today: string, showRole: boolean): ListEntry {
    const state = reviewState(p, today, FLAG_DUE_WITHIN_DAYS);
    const latest = p.latestAssessment;
    const lines = [
      `${STATUS_LABELS[p.status]} · ${SIGNIFICANCE_LABELS[p.significance]} · ${STAGE_LABELS[currentStage(p)]}${p.overallRisk ? ` · ${this.riskLabel(p.overallRisk)} risk` : ''}`,
      `Lead: ${p.leadOfficer.name}${state.state === 'none' ? '' : ` · Review due ${formatUkDate(p.nextReviewDue)}`}${latest?.percent !== undefined ? ` · Score ${latest.percent}% (${latest.year}${latest.lowConfidence ? ', low confidence' : ''})` : ''}`,
    ];
    if (showRole) lines.push(p.leadOfficer.objectId === person.objectId ? 'You lead it' : 'You are named on it');
    return {
      title: p.name,
      lines,
      ...(state.state === 'overdue' ? { flag: { text: `Overdue by ${plural(state.days, 'day')}`, colour: 'Attention' as const } } : {}),
      ...(state.state === 'due' && state.days <= FLAG_DUE_WITHIN_DAYS ? { flag: { text: state.days === 0 ? 'Due today' : `Due in ${plural(state.days, 'day')}`, colour: 'Warning' as const } } : {}),
      command: `show ${p.name}`,
      partnershipId: p.id,
    };
  }

  /** Its open risks as last reviewed (or as first assessed), highest after controls first, as the bank that recorded them words their kinds. */
  private async riskLines(partnership: Partnership): Promise<string[]> {
    const current = this.services.risks ? (await this.services.risks.current(partnership.id)).filter((r) => r.status === 'open') : (await this.services.register.assessments(partnership.id)).at(-1)?.risks;
    const categories = this.riskCategoryLabels();
    return [...(current ?? [])]
      .sort((a, b) => b.residualScore - a.residualScore)
      .map((r) => `${categories[r.category] ?? r.category}: ${truncate(r.description, 160)} (${this.riskLabel(r.residualBand)} after controls${r.owner ? `; owner ${r.owner}` : ''})`);
  }

  /** Open actions: the log's, numbered; for an entry with no log yet (recorded before it), the latest self-assessment's, then the risks' own. */
  private async actionLines(partnership: Partnership): Promise<string[]> {
    const log = (await this.services.actions?.forPartnership(partnership.id)) ?? [];
    if (log.length > 0) {
      const today = this.today();
      return log
        .filter((a) => a.status === 'open')
        .map((a) => {
          const overdue = daysOverdue(a, today);
          return `${a.number}. ${truncate(a.text, 160)} (${a.owner.name}, by ${formatUkDate(a.due)}${overdue ? `, overdue by ${overdue} day${overdue === 1 ? '' : 's'}` : ''}; from ${a.origin})`;
        });
    }
    const [history, assessments] = await Promise.all([this.services.assessments.history(partnership.id), this.services.register.assessments(partnership.id)]);
    const latestYear = history.at(-1);
    const latest = assessments.at(-1);
    const categories = this.riskCategoryLabels();
    return [
      ...(latestYear?.actions ?? []).map((a) => `${truncate(a.action, 160)} (${a.owner}${a.due ? `, by ${formatUkDate(a.due)}` : ''}; from the ${latestYear!.year} self-assessment)`),
      ...(latest?.risks ?? []).filter((r) => r.action).map((r) => `${truncate(r.action!, 160)} (${r.owner ?? 'no owner named'}${r.due ? `, by ${formatUkDate(r.due)}` : ''}; ${categories[r.category] ?? r.category} risk)`),
    ];
  }

  private async officerNames(p: Partnership): Promise<string[]> {
    const others = p.officerIds.filter((id) => id !== p.leadOfficer.objectId).slice(0, 20);
    const people = await Promise.all(others.map((id) => this.services.people.find(id)));
    return people.map((person, i) => person?.name || `an officer (${others[i]!.slice(0, 8)})`);
  }

  private riskLabel(bandId: string): string {
    return this.services.scale.bands.find((b) => b.id === bandId)?.label ?? bandId;
  }

  private areaLabel(value: string): string {
    return this.services.reference.areaLabel(value);
  }

  /** Risk category labels from the reference data (config/risk-categories.json). */
  private riskCategoryLabels(): Record<string, string> {
    return Object.fromEntries(this.services.reference.riskCategories.map((c) => [c.id, c.label]));
  }

  private today(): string {
    return this.services.clock.now().toISOString().slice(0, 10);
  }
}

function count(n: number): string {
  return n === 1 ? '1 partnership' : `${n} partnerships`;
}

function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function partnerNames(p: Partnership): string[] {
  return p.partners.map((row) => String(row['name'] ?? '').trim()).filter(Boolean);
}

function reviewText(due: string, state: ReturnType<typeof reviewState>): string {
  if (state.state === 'overdue') return `${formatUkDate(due)} (overdue by ${plural(state.days, 'day')})`;
  if (state.state === 'due') return `${formatUkDate(due)} (${state.days === 0 ? 'today' : `in ${plural(state.days, 'day')}`})`;
  return formatUkDate(due);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** A "Previous page" or "Next page" button: it carries the query, which the route checks again. */
function pageButton(query: RegisterQuery, page: number): Record<string, unknown> {
  return { verb: 'statusPage', question: query, page };
}
