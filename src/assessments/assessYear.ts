import type { Answers, Bank, Question } from '../questionnaire/bankSchema.js';
import { recommendInvolvement } from '../domain/involvementRecommendation.js';
import { suggestStage, type StageIndicator } from '../domain/lifeCycleStage.js';
import { combineResponses, lowConfidenceText, parseRating, scoreStatements, type StatementRating } from '../domain/selfAssessmentScoring.js';
import { yearBefore } from '../domain/assessmentYear.js';
import { compareYears } from '../domain/yearOnYear.js';
import type { LifeCycleStage, Partnership } from '../partnerships/partnership.js';
import type { AssessmentAction, EvidenceGap, SelfAssessment, SelfAssessmentResponse, StatementEvidence, YesNoUnsure } from './selfAssessment.js';

export const AREAS = ['F', 'P', 'C', 'M'] as const;

interface StatementMeta {
  statement?: boolean;
  area?: string;
  actionFor?: string;
  /** A "don't know" follow-up: who will find out about this statement, and by when. */
  findOutFor?: string;
  part?: 'action' | 'owner' | 'due';
  /** On a find-out question: the action it raises, in the bank's words. */
  action?: string;
  stage?: LifeCycleStage;
}

const FIND_OUT_ACTION = 'Find out how far this is in place, and record the evidence';

const metaOf = (q: Question): StatementMeta => (q.meta ?? {}) as StatementMeta;
const questionsOf = (bank: Bank) => bank.sections.flatMap((s) => s.questions);

export function statementQuestions(bank: Bank): Question[] {
  return questionsOf(bank).filter((q) => metaOf(q).statement === true);
}

export function areaMap(bank: Bank): Record<string, string> {
  return Object.fromEntries(statementQuestions(bank).map((q) => [q.id, metaOf(q).area ?? q.id.charAt(0)]));
}

/** Reads one officer's submitted answers into ratings, evidence, actions and stage indicators. */
export function responseFromAnswers(bank: Bank, answers: Answers): Pick<SelfAssessmentResponse, 'ratings' | 'evidence' | 'actions' | 'indicators' | 'aimsAchieved'> {
  const ratings: Record<string, StatementRating> = {};
  const evidence: Record<string, string> = {};
  const indicators: Record<string, YesNoUnsure> = {};
  const actionParts: Record<string, { action?: string; owner?: string; due?: string }> = {};
  const findOutParts: Record<string, { action?: string; owner?: string; due?: string }> = {};
  let aimsAchieved: YesNoUnsure | undefined;
  for (const q of questionsOf(bank)) {
    const meta = metaOf(q);
    const value = answers[q.id];
    if (meta.statement) {
      const rating = parseRating(value);
      if (rating !== undefined) ratings[q.id] = rating;
      const comment = answers[`${q.id}_evidence`];
      if (typeof comment === 'string' && comment.trim()) evidence[q.id] = comment.trim();
    } else if (meta.actionFor && meta.part && typeof value === 'string') {
      (actionParts[meta.actionFor] ??= {})[meta.part] = value;
    } else if (meta.findOutFor && meta.part && typeof value === 'string') {
      const parts = (findOutParts[meta.findOutFor] ??= {});
      parts[meta.part] = value;
      if (meta.action) parts.action = meta.action;
    } else if (meta.stage && isYesNoUnsure(value)) {
      indicators[q.id] = value;
    } else if (q.tags.includes('aims-achieved') && isYesNoUnsure(value)) {
      aimsAchieved = value;
    }
  }
  const actions: SelfAssessmentResponse['actions'] = Object.entries(actionParts)
    .filter(([id, parts]) => parts.action && (ratings[id] === 0 || ratings[id] === 1))
    .map(([statementId, parts]) => ({ statementId, action: parts.action!, owner: parts.owner ?? '', ...(parts.due ? { due: parts.due } : {}) }));
  // A "don't know" scores 0 like a 0, so it gets an owner too: who will find out, and by when.
  for (const [statementId, parts] of Object.entries(findOutParts)) {
    if (ratings[statementId] !== 'dk' || !parts.owner) continue;
    actions.push({ statementId, action: parts.action ?? FIND_OUT_ACTION, owner: parts.owner, ...(parts.due ? { due: parts.due } : {}), kind: 'find-out' });
  }
  return { ratings, evidence, actions, indicators, ...(aimsAchieved ? { aimsAchieved } : {}) };
}

export interface AssessYearInput {
  bank: Bank;
  partnership: Pick<Partnership, 'id' | 'name' | 'startDate' | 'overallRisk'>;
  year: string;
  responses: SelfAssessmentResponse[];
  /** The latest closed assessment from an earlier year, and the one before it for two-year rules. */
  previous?: SelfAssessment;
  /** Risk band ids that count as high or very high. */
  highRiskBands: readonly string[];
  today: string;
  confirmedStage?: LifeCycleStage;
}

/** Combines every officer's response and works out scores, comparison, stage and recommendation. */
export function assessYear(input: AssessYearInput): Omit<SelfAssessment, 'status' | 'updatedAt'> {
  const { bank, partnership, responses, previous } = input;
  const ids = statementQuestions(bank).map((q) => q.id);
  const areaOf = areaMap(bank);
  const statements = combineResponses(responses.map((r) => r.ratings), ids);
  const scores = scoreStatements(statements, areaOf, AREAS);
  const comparison = previous
    ? compareYears({ year: input.year, bankVersion: bank.version, statements, areaOf }, { year: previous.year, bankVersion: previous.bankVersion, statements: previous.statements, areaOf: previous.areaOf }, AREAS)
    : undefined;
  const viewsDiffer = ids.filter((id) => statements[id]!.viewsDiffer);

  const indicators: StageIndicator[] = questionsOf(bank).flatMap((q) => {
    const stage = metaOf(q).stage;
    if (!stage) return [];
    const said = responses.map((r) => r.indicators[q.id]).filter((a) => a !== undefined);
    // Most of the officers who answered must agree for an indicator to count.
    return [{ stage, text: q.prompt, matched: said.length > 0 && said.filter((a) => a === 'yes').length * 2 > said.length }];
  });
  const means = Object.fromEntries(ids.map((id) => [id, statements[id]!.mean]));
  const stage = suggestStage(indicators, {
    means,
    // The stage signals read exact values, like the bands (spec section 6: round only for display).
    sectionPercents: Object.fromEntries(scores.sections.map((s) => [s.area, s.exactPercent])),
    ...(scores.overall.exactPercent !== undefined ? { overallPercent: scores.overall.exactPercent } : {}),
    ...(comparison?.overall.exactChange !== undefined ? { overallChange: comparison.overall.exactChange } : {}),
    anyViewsDiffer: viewsDiffer.length > 0,
    ...(partnership.startDate ? { ageInMonths: monthsBetween(partnership.startDate, input.today) } : {}),
  });
  const aims = responses.map((r) => r.aimsAchieved).filter((a) => a !== undefined);
  const areaTitle = new Map(bank.sections.map((s) => [s.id, s.title]));
  const lowConfidence = lowConfidenceText(
    scores.sections.filter((s) => s.lowConfidence).map((s) => areaTitle.get(s.area) ?? s.area),
    scores.sections.filter((s) => ids.some((id) => areaOf[id] === s.area)).length,
  );
  const alwaysApplies = (id: string) => ids.includes(id) && statements[id]!.notApplicable;
  const recommendation = recommendInvolvement({
    ...(scores.overall.band ? { overallBand: scores.overall.band } : {}),
    sectionBands: scores.sections.map((s) => s.band),
    ...(comparison?.overall.trend ? { overallTrend: comparison.overall.trend } : {}),
    // "Two years running" means consecutive years: an earlier year with a gap before this one does not count.
    ...(previous && previous.year === yearBefore(input.year)
      ? { previous: { ...(previous.scores.overall.band ? { band: previous.scores.overall.band } : {}), ...(previous.comparison?.overall.trend ? { trend: previous.comparison.overall.trend } : {}) } }
      : {}),
    ...(means['F2'] !== undefined ? { f2Mean: means['F2'] } : {}),
    ...(means['M4'] !== undefined ? { m4Mean: means['M4'] } : {}),
    ...(alwaysApplies('F2') ? { f2NotApplicable: true } : {}),
    ...(alwaysApplies('M4') ? { m4NotApplicable: true } : {}),
    ...(lowConfidence ? { lowConfidence } : {}),
    highResidualRisk: partnership.overallRisk !== undefined && input.highRiskBands.includes(partnership.overallRisk),
    ...(input.confirmedStage ? { confirmedStage: input.confirmedStage } : {}),
    aimsAchieved: aims.length > 0 && aims.filter((a) => a === 'yes').length * 2 > aims.length,
  });
  return {
    id: input.year,
    partnershipId: partnership.id,
    partnershipName: partnership.name,
    year: input.year,
    bankId: bank.id,
    bankVersion: bank.version,
    respondents: responses.map((r) => r.officer),
    statements,
    areaOf,
    scores,
    ...(comparison ? { comparison } : {}),
    stage: { ...stage, ...(input.confirmedStage ? { confirmed: input.confirmedStage } : {}) },
    recommendation,
    actions: responses.flatMap((r) => r.actions.map((a): AssessmentAction => ({ ...a, raisedBy: r.officer.name }))),
    viewsDiffer,
    ...(lowConfidence ? { lowConfidence } : {}),
    ...evidenceOf(bank, ids, statements, responses),
  };
}

/**
 * Officers' evidence and the gaps they could not fill, statement by statement in
 * bank order, with each statement's wording kept so a later bank cannot change
 * what was rated; shown to whoever closes the year and in the annual report.
 */
function evidenceOf(bank: Bank, ids: string[], statements: ReturnType<typeof combineResponses>, responses: SelfAssessmentResponse[]): { evidence: StatementEvidence[]; evidenceGaps: EvidenceGap[] } {
  const prompt = new Map(questionsOf(bank).map((q) => [q.id, q.prompt]));
  const evidence = ids.flatMap((id) =>
    responses.flatMap((r) => (r.evidence[id] ? [{ statementId: id, statement: prompt.get(id) ?? id, by: r.officer.name, text: r.evidence[id]! }] : [])),
  );
  const evidenceGaps = ids
    .filter((id) => statements[id]!.dontKnow)
    .map((id) => ({
      statementId: id,
      statement: prompt.get(id) ?? id,
      notKnownBy: responses.filter((r) => r.ratings[id] === 'dk').map((r) => r.officer.name),
      findOut: responses.flatMap((r) => r.actions.filter((a) => a.statementId === id && a.kind === 'find-out').map((a) => ({ owner: a.owner, ...(a.due ? { due: a.due } : {}) }))),
    }));
  return { evidence, evidenceGaps };
}

function isYesNoUnsure(value: unknown): value is YesNoUnsure {
  return value === 'yes' || value === 'no' || value === 'unsure';
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.slice(0, 10).split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}
