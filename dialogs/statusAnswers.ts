import type { TurnContext } from 'botbuilder';
import { partnershipDetailCard } from '../cards/partnershipDetailCard.js';
import { partnershipListCard, type ListEntry } from '../cards/partnershipListCard.js';
import { scoreHistoryCard } from '../cards/scoreHistoryCard.js';
import { suggestedQuestionsCard } from '../cards/suggestedQuestionsCard.js';
import type { SuggestedQuestion } from '../src/conversation/statusQuestions.js';
import { cardMessage } from '../src/bot/replies.js';
import type { SelfAssessment } from '../src/assessments/selfAssessment.js';
import { assessmentYearOf, yearBefore, yearBounds, yearsBetween } from '../src/domain/assessmentYear.js';
import { RECOMMENDATION_LABELS } from '../src/domain/involvementRecommendation.js';
import { STAGE_LABELS } from '../src/domain/lifeCycleStage.js';
import { TREND_LABELS } from '../src/domain/yearOnYear.js';
import { EXIT_OUTCOME_LABELS } from '../src/partnerships/exitDocument.js';
import { describeHorizon, horizonDate } from '../src/domain/reviewHorizon.js';
import type { RiskScale } from '../src/domain/riskScale.js';
import type { ReferenceData } from '../src/config/referenceData.js';
import { BAND_LABELS } from '../src/domain/selfAssessmentScoring.js';
import type { Logger } from '../src/logging/logger.js';
import type { Partnership } from '../src/partnerships/partnership.js';
import { canAnswerFor, canSeePartnership, registerScopeOf, seePartnership } from '../src/permissions/permissions.js';
import type { PartnershipRegister, RegisterCriteria } from '../src/partnerships/partnershipRegister.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import type { Person } from '../src/people/person.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import {
  byName,
  currentStage,
  matchesFilter,
  pageOf,
  reviewState,
  SIGNIFICANCE_LABELS,
  STATUS_LABELS,
} from '../src/status/registerLists.js';
import type { RegisterFilter, StatusQuestion } from '../src/status/statusQuestion.js';
import type { Clock } from '../src/util/clock.js';
import { formatGbp, formatUkDate } from '../src/util/ukFormat.js';
import { pickPartnership } from './partnershipPicker.js';
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
}

/** A review due within this many days is flagged on every list. */
const FLAG_DUE_WITHIN_DAYS = 30;

/**
 * Answers questions about the register in plain words, from storage, showing
 * each person only the partnerships their role lets them see (spec sections 2
 * and 9). Long answers are paged; the page buttons carry the question.
 */
export class StatusAnswers {
  constructor(private readonly services: StatusAnswersServices) {}

  async answer(context: TurnContext, person: Person, question: StatusQuestion, page = 1): Promise<void> {
    switch (question.kind) {
      case 'show':
        return this.showOne(context, person, question.partnershipName);
      case 'scoreHistory':
        return this.scoreHistory(context, person, question.partnershipName);
      case 'exits':
        return this.exits(context, person, question, page);
      default:
        return this.list(context, person, question, page);
    }
  }

  async suggest(context: TurnContext, text: string, suggestions: SuggestedQuestion[]): Promise<void> {
    const lead = `I'm not sure what you meant by "${truncate(text, 80)}". Did you mean one of these?`;
    await context.sendActivity(cardMessage(suggestedQuestionsCard({ lead, suggestions }), lead));
  }

  private async list(context: TurnContext, person: Person, question: Extract<StatusQuestion, { kind: 'dueReview' | 'overdue' | 'mine' | 'register' }>, page: number): Promise<void> {
    const today = this.today();
    let partnerships: Partnership[];
    let title: string;
    let emptyText: string;
    let sortByReview = false;
    switch (question.kind) {
      case 'dueReview': {
        const until = horizonDate(question.horizon, today);
        partnerships = await this.dueBy(person, until, question.onlyMine);
        title = 'until' in question.horizon
          ? `Reviews due ${describeHorizon(question.horizon, formatUkDate)}`
          : `Reviews due in ${describeHorizon(question.horizon, formatUkDate)} (by ${formatUkDate(until)})`;
        emptyText = 'No reviews are due or overdue in that time. ';
        sortByReview = true;
        break;
      }
      case 'overdue':
        partnerships = (await this.dueBy(person, previousDay(today), question.onlyMine));
        title = 'Overdue reviews';
        emptyText = 'No reviews are overdue.';
        sortByReview = true;
        break;
      case 'mine':
        partnerships = (await this.visible(person, {}, true)).sort(byName);
        title = 'Your partnerships';
        emptyText =
          'You are not named on any partnership yet. A lead officer names the officers who work on a partnership by saying "add" with the officer and the partnership.' +
          (registerScopeOf(person) !== 'own' ? ' To see the partnerships you oversee, ask "show the register".' : '');
        break;
      case 'register': {
        const { filter } = question;
        partnerships = (await this.visible(person, criteriaOf(filter), question.onlyMine === true)).filter((p) => matchesFilter(p, filter)).sort(byName);
        const described = describeFilter(filter, this.riskLabel.bind(this), (id) => this.services.reference.priorityLabel(id));
        title = described ? `Partnerships: ${described}` : 'The partnership register';
        emptyText = 'No partnerships match that.';
        break;
      }
    }
    if (!sortByReview && question.kind !== 'mine') partnerships.sort(byName);
    const shown = pageOf(partnerships, page);
    const scope = question.kind === 'mine' || ('onlyMine' in question && question.onlyMine) ? 'Partnerships you lead or are named on.' : this.scopeOf(person);
    const count = partnerships.length === 1 ? '1 partnership' : `${partnerships.length} partnerships`;
    const card = partnershipListCard({
      title,
      intro: `${count}. ${scope}`,
      entries: shown.items.map((p) => this.entryOf(p, person, today, question.kind === 'mine')),
      ...(shown.pageCount > 1 ? { position: `Showing ${shown.first} to ${shown.last} of ${shown.total}.` } : {}),
      ...(shown.page > 1 ? { previous: pageButton(question, shown.page - 1) } : {}),
      ...(shown.page < shown.pageCount ? { next: pageButton(question, shown.page + 1) } : {}),
      emptyText: emptyText + (question.kind === 'dueReview' ? 'Ask for a longer period, for example "due review in the next 6 months".' : ''),
      footnote: shown.items.length > 0 ? 'Select a partnership to see everything about it.' : undefined,
    });
    await context.sendActivity(cardMessage(card, `${title}: ${count}`));
  }

  private async showOne(context: TurnContext, person: Person, name: string): Promise<void> {
    const partnership = await pickPartnership(context, this.services.register, person, { name, purpose: 'see', commandFor: (n) => `show ${n}` });
    if (!partnership) return;
    if (!(await this.mayShow(context, person, partnership))) return;
    const today = this.today();
    const [assessments, history, officers] = await Promise.all([
      this.services.register.assessments(partnership.id),
      this.services.assessments.history(partnership.id),
      this.officerNames(partnership),
    ]);
    const risks = assessments.at(-1)?.risks ?? [];
    const latestYear = history.at(-1);
    const state = reviewState(partnership, today, FLAG_DUE_WITHIN_DAYS);
    const categories = Object.fromEntries(this.services.reference.riskCategories.map((c) => [c.id, c.label]));
    const latest = partnership.latestAssessment;
    const facts: Array<{ title: string; value: string }> = [
      { title: 'Status', value: STATUS_LABELS[partnership.status] },
      { title: 'Significance', value: SIGNIFICANCE_LABELS[partnership.significance] },
      { title: 'Life-cycle stage', value: `${STAGE_LABELS[currentStage(partnership)]}${partnership.stage.confirmed ? '' : ' (suggested)'}` },
      { title: 'Lead officer', value: partnership.leadOfficer.name },
      { title: 'Other officers', value: officers.length ? officers.join(', ') : 'None named' },
      { title: 'Assistant Director', value: partnership.assistantDirector?.name ?? 'Not yet known' },
      { title: 'Service area', value: this.services.reference.areaLabel(partnership.serviceArea) },
      { title: 'Partners', value: partnerNames(partnership) || 'None recorded' },
      { title: 'Council contribution', value: `${formatGbp(partnership.councilCashPerYear)} a year${partnership.inKind ? `, plus ${partnership.inKind}` : ''}` },
      ...(partnership.priorities.length ? [{ title: 'Council priorities', value: this.services.reference.priorityLabelsOf(partnership).join(', ') }] : []),
      { title: 'Overall risk', value: partnership.overallRisk ? this.riskLabel(partnership.overallRisk) : 'Not assessed' },
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
    const riskLines = [...risks]
      .sort((a, b) => b.residualScore - a.residualScore)
      .slice(0, 8)
      .map((r) => `${categories[r.category] ?? r.category}: ${truncate(r.description, 160)} (${this.riskLabel(r.residualBand)} after controls${r.owner ? `; owner ${r.owner}` : ''})`);
    const actionLines = [
      ...(latestYear?.actions ?? []).map((a) => `${truncate(a.action, 160)} (${a.owner}${a.due ? `, by ${formatUkDate(a.due)}` : ''}; from the ${latestYear!.year} self-assessment)`),
      ...risks.filter((r) => r.action).map((r) => `${truncate(r.action!, 160)} (${r.owner ?? 'no owner named'}${r.due ? `, by ${formatUkDate(r.due)}` : ''}; ${categories[r.category] ?? r.category} risk)`),
    ].slice(0, 10);
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
      risks: riskLines,
      actions: actionLines,
      buttons,
      partnershipId: partnership.id,
    });
    await context.sendActivity(cardMessage(card, `${partnership.name}: ${STATUS_LABELS[partnership.status]}`));
  }

  private async scoreHistory(context: TurnContext, person: Person, name: string): Promise<void> {
    const partnership = await pickPartnership(context, this.services.register, person, { name, purpose: 'see the scores', commandFor: (n) => `score history for ${n}` });
    if (!partnership) return;
    if (!(await this.mayShow(context, person, partnership))) return;
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

  private async exits(context: TurnContext, person: Person, question: Extract<StatusQuestion, { kind: 'exits' }>, page: number): Promise<void> {
    const year = question.year ?? yearBefore(assessmentYearOf(this.today()), question.relativeYear === 'last' ? 1 : 0);
    const [from, to] = yearBounds(year);
    const closed = (await this.visible(person, { statuses: ['closed'] }, false))
      .filter((p) => p.exitDate && p.exitDate.slice(0, 10) >= from && p.exitDate.slice(0, 10) <= to)
      .sort((a, b) => (a.exitDate ?? '').localeCompare(b.exitDate ?? ''));
    const shown = pageOf(closed, page, 5);
    const entries: ListEntry[] = [];
    for (const p of shown.items) {
      const doc = await this.services.register.exitDocument(p.id);
      const achieved = doc?.objectives.filter((o) => o.result !== 'not').map((o) => o.objective) ?? [];
      entries.push({
        title: p.name,
        lines: [
          `Left on ${formatUkDate(p.exitDate!)}${doc ? ` · ${EXIT_OUTCOME_LABELS[doc.outcome] ?? doc.outcome}` : ''}`,
          ...(achieved.length ? [`Achieved: ${truncate(achieved.join('; '), 240)}`] : []),
          ...(doc?.recognition ? [`Recognition: ${truncate(doc.recognition, 200)}`] : []),
          ...(doc
            ? [
                `What worked: ${truncate(doc.lessons.worked, 200)}`,
                `What did not: ${truncate(doc.lessons.didNotWork, 200)}`,
                `Do differently: ${truncate(doc.lessons.doDifferently, 200)}`,
              ]
            : ['The exit document is not available.']),
        ],
        command: `show the exit document for ${p.name}`,
      });
    }
    const title = `Exits in ${year}`;
    const card = partnershipListCard({
      title,
      intro: `${closed.length === 1 ? '1 partnership' : `${closed.length} partnerships`} left between ${formatUkDate(from)} and ${formatUkDate(to)}, with their lessons. ${this.scopeOf(person)}`,
      entries,
      ...(shown.pageCount > 1 ? { position: `Showing ${shown.first} to ${shown.last} of ${shown.total}.` } : {}),
      ...(shown.page > 1 ? { previous: pageButton({ kind: 'exits', year }, shown.page - 1) } : {}),
      ...(shown.page < shown.pageCount ? { next: pageButton({ kind: 'exits', year }, shown.page + 1) } : {}),
      emptyText: `No partnership was closed in ${year}.`,
      footnote: entries.length ? 'Select one to read its exit document.' : undefined,
    });
    await context.sendActivity(cardMessage(card, `${title}: ${closed.length}`));
  }

  /** Reviews due by a date, in one indexed query, then narrowed to what the person may see. */
  private async dueBy(person: Person, until: string, onlyMine?: boolean): Promise<Partnership[]> {
    const due: Partnership[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.services.register.reviewsDueBy(until, { pageSize: 1000, ...(continuation ? { continuation } : {}) });
      due.push(...page.items);
      continuation = page.continuation;
    } while (continuation && due.length < 5000);
    return due.filter((p) => canSeePartnership(person, p) && (!onlyMine || p.officerIds.includes(person.objectId)));
  }

  /** The register narrowed by role: officers' own pushed down to the store; everyone checked with canSeePartnership. */
  private async visible(person: Person, criteria: RegisterCriteria, onlyMine: boolean): Promise<Partnership[]> {
    const own = onlyMine || registerScopeOf(person) === 'own';
    const found = await this.services.register.find({ ...criteria, ...(own ? { officerId: person.objectId } : {}) });
    return found.filter((p) => canSeePartnership(person, p) && (!onlyMine || p.officerIds.includes(person.objectId)));
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

  /** False, with the refusal sent, when the person may not see this partnership. */
  private async mayShow(context: TurnContext, person: Person, partnership: Partnership): Promise<boolean> {
    const verdict = seePartnership(person, partnership);
    if (!verdict.allowed) await context.sendActivity(verdict.refusal);
    return verdict.allowed;
  }

  private async officerNames(p: Partnership): Promise<string[]> {
    const others = p.officerIds.filter((id) => id !== p.leadOfficer.objectId).slice(0, 20);
    const people = await Promise.all(others.map((id) => this.services.people.find(id)));
    return people.map((person, i) => person?.name || `an officer (${others[i]!.slice(0, 8)})`);
  }

  private riskLabel(bandId: string): string {
    return this.services.scale.bands.find((b) => b.id === bandId)?.label ?? bandId;
  }

  private today(): string {
    return this.services.clock.now().toISOString().slice(0, 10);
  }
}

function criteriaOf(filter: RegisterFilter): RegisterCriteria {
  return {
    ...(filter.statuses ? { statuses: filter.statuses } : {}),
    ...(filter.significance ? { significance: filter.significance } : {}),
    ...(filter.risks ? { risks: filter.risks } : {}),
    ...(filter.priority ? { priority: filter.priority } : {}),
  };
}

function describeFilter(filter: RegisterFilter, riskLabel: (id: string) => string, priorityLabel: (id: string) => string): string {
  const parts = [
    ...(filter.statuses ?? []).map((s) => STATUS_LABELS[s].toLowerCase()),
    ...(filter.significance ?? []).map((s) => SIGNIFICANCE_LABELS[s].toLowerCase()),
    ...(filter.risks?.length ? [`${filter.risks.map((r) => riskLabel(r).toLowerCase()).join(' or ')} risk`] : []),
    ...(filter.stages?.length ? [`${filter.stages.map((s) => STAGE_LABELS[s].toLowerCase()).join(' or ')} stage`] : []),
    ...(filter.priority ? [`supporting "${priorityLabel(filter.priority)}"`] : []),
  ];
  return parts.join(', ');
}

function partnerNames(p: Partnership): string {
  return p.partners
    .map((row) => String(row['name'] ?? '').trim())
    .filter(Boolean)
    .join(', ');
}

function reviewText(due: string, state: ReturnType<typeof reviewState>): string {
  if (state.state === 'overdue') return `${formatUkDate(due)} (overdue by ${plural(state.days, 'day')})`;
  if (state.state === 'due') return `${formatUkDate(due)} (${state.days === 0 ? 'today' : `in ${plural(state.days, 'day')}`})`;
  return formatUkDate(due);
}

function previousDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** A "Previous page" or "Next page" button: it carries the question, which the route checks again. */
function pageButton(question: StatusQuestion, page: number): Record<string, unknown> {
  return { verb: 'statusPage', question, page };
}
