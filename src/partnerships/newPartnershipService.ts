import type { Answers, Bank, ListRow } from '../questionnaire/bankSchema.js';
import { referenceVersionsOf, type Draft } from '../questionnaire/draft.js';
import { usesReferenceData } from '../questionnaire/bankCatalogue.js';
import { assessNewPartnership, type NewPartnershipOutcome } from '../domain/newPartnershipOutcome.js';
import { assessRisks, type RiskSummary } from '../domain/riskAssessment.js';
import type { RiskScale } from '../domain/riskScale.js';
import { firstReviewDue, isoDay } from '../domain/reviewDates.js';
import { significanceOf, type SignificanceFacts } from '../domain/significance.js';
import type { Clock } from '../util/clock.js';
import type { NewPartnershipAssessment, Partnership, PersonRef } from './partnership.js';
import type { PartnershipRegister } from './partnershipRegister.js';
import { riskInputsFromAnswers } from './riskAnswers.js';

export interface NewPartnershipSettings {
  significanceThreshold: number;
  reviewIntervalMonths: number;
}

export interface NewPartnershipResult {
  partnership: Partnership;
  assessment: NewPartnershipAssessment;
  outcome: NewPartnershipOutcome;
  risks: RiskSummary;
}

/**
 * Turns submitted new-partnership answers into an outcome, a register entry
 * (status proposed, stage forming) and the assessment record. Safe to run
 * twice for one draft: the draft id is the partnership id.
 */
export class NewPartnershipService {
  constructor(
    private readonly register: PartnershipRegister,
    private readonly scale: RiskScale,
    private readonly clock: Clock,
    private readonly settings: NewPartnershipSettings,
  ) {}

  async submit(draft: Draft, bank: Bank, answers: Answers, submitter: PersonRef, assistantDirector: PersonRef | undefined): Promise<NewPartnershipResult> {
    const { partnership, outcome, risks, significance } = this.assess(draft, bank, answers, submitter, assistantDirector);
    const revisionOf = revisionOfDraft(draft);
    if (revisionOf) return this.resubmit(revisionOf, draft, bank, answers, submitter, { partnership, outcome, risks, significance });
    const registered = await this.register.createOnce(partnership, submitter);
    const assessment = await this.register.saveAssessmentOnce(this.assessmentOf(draft.id, registered.partnership.id, 1, bank, answers, outcome, risks, significance, submitter));
    return { partnership: registered.partnership, assessment, outcome, risks };
  }

  /**
   * After the Assistant Director asked for changes: the officer's amended answers
   * as the next revision. The entry keeps its id, stays proposed, and takes the
   * amended details; the assessment is kept beside the earlier one.
   */
  private async resubmit(
    revisionOf: { partnershipId: string; revision: number },
    draft: Draft,
    bank: Bank,
    answers: Answers,
    submitter: PersonRef,
    assessed: Omit<ReturnType<NewPartnershipService['assess']>, never>,
  ): Promise<NewPartnershipResult> {
    const { partnershipId, revision } = revisionOf;
    const { partnership: fresh, outcome, risks, significance } = assessed;
    const { partnership } = await this.register.correct(partnershipId, submitter, 'partnership.resubmitted', (current) =>
      current.status !== 'proposed'
        ? undefined
        : {
            ...current,
            ...pick(fresh, ['name', 'purpose', 'objectives', 'partners', 'serviceArea', 'councilRole', 'legalForm', 'statutory', 'priorities', 'priorityPlan', 'councilCashPerYear', 'inKind', 'liabilities', 'significance', 'significanceReasons', 'overallRisk', 'endDate', 'exitStrategy']),
            ...(fresh.assistantDirector ? { assistantDirector: fresh.assistantDirector } : {}),
          },
      { note: `Resubmitted as revision ${revision}` },
    );
    const assessment = await this.register.saveAssessmentOnce(this.assessmentOf(draft.id, partnershipId, revision, bank, answers, outcome, risks, significance, submitter));
    return { partnership: partnership ?? (await this.register.get(partnershipId))!, assessment, outcome, risks };
  }

  private assessmentOf(
    id: string, partnershipId: string, revision: number, bank: Bank, answers: Answers, outcome: NewPartnershipOutcome, risks: RiskSummary,
    significance: { level: NewPartnershipAssessment['significance']; reasons: string[] }, submitter: PersonRef,
  ): NewPartnershipAssessment {
    return {
      id, partnershipId, revision, bankId: bank.id, bankVersion: bank.version, answers, outcome: outcome.rating, reasons: outcome.reasons, actions: outcome.actions,
      risks: risks.risks, riskCounts: risks.counts, overallRisk: risks.overall?.id, significance: significance.level, significanceReasons: significance.reasons,
      submittedBy: submitter, submittedAt: this.clock.now().toISOString(),
    };
  }

  private assess(draft: Draft, bank: Bank, answers: Answers, submitter: PersonRef, assistantDirector: PersonRef | undefined) {
    const risks = assessRisks(riskInputsFromAnswers(bank, answers), this.scale);
    const outcome = assessNewPartnership(bank, answers, risks, this.scale);
    // High risk means a band that needs action, whatever the council's matrix calls it.
    const significance = significanceOf(significanceFacts(answers, risks.overall !== undefined && risks.overall.escalation !== 'none'), this.settings.significanceThreshold);
    const now = this.clock.now();
    const today = isoDay(now);
    // The partnership's real start (an existing one registered late); blank means it starts now.
    const startDate = stringOf(answers['START']) ?? today;
    const planned = stringOf(answers['H1']);
    const priorities = Array.isArray(answers['A2']) ? (answers['A2'] as string[]) : [];
    const partnership: Partnership = {
      id: draft.id,
      name: stringOf(answers['NAME']) ?? 'Unnamed partnership',
      purpose: stringOf(answers['A1']) ?? '',
      ...objectivesOf(answers['OBJ']),
      partners: Array.isArray(answers['C1']) ? (answers['C1'] as ListRow[]) : [],
      leadOfficer: submitter,
      officerIds: [submitter.objectId],
      ownerId: submitter.objectId,
      serviceArea: stringOf(answers['AREA']) ?? 'unknown',
      assistantDirector,
      councilRole: stringOf(answers['C5']),
      legalForm: stringOf(answers['D1']),
      statutory: answers['STAT'] === 'yes',
      priorities,
      priorityPlan: priorityPlanOf(bank, draft, priorities),
      councilCashPerYear: numberOf(answers['E1']),
      inKind: stringOf(answers['E2']),
      liabilities: stringOf(answers['E5d']),
      significance: significance.level,
      significanceReasons: significance.reasons,
      overallRisk: risks.overall?.id,
      startDate,
      endDate: planned && planned !== 'open-ended' ? planned : undefined,
      nextReviewDue: firstReviewDue(today, planned, this.settings.reviewIntervalMonths),
      stage: { suggested: 'forming' },
      exitStrategy: stringOf(answers['H2']),
      status: 'proposed',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    return { partnership, outcome, risks, significance };
  }
}

/**
 * The plan the priorities were judged against, with their labels then: the plan
 * the draft's question was built from, or version 1 for banks that list the
 * Business Plan 2016-2020 priorities themselves.
 */
function priorityPlanOf(bank: Bank, draft: Draft, priorities: string[]): { version: number; labels: Record<string, string> } {
  const version = usesReferenceData(bank, 'priorities') ? (referenceVersionsOf(draft).priorities ?? 1) : 1;
  const question = bank.sections.flatMap((s) => s.questions).find((q) => q.id === 'A2');
  const options = question && 'options' in question ? question.options : [];
  return { version, labels: Object.fromEntries(priorities.filter((id) => id !== 'none').map((id) => [id, options.find((o) => o.value === id)?.label ?? id])) };
}

/** A draft made when the Assistant Director asked for changes: which entry it revises, and as which revision. */
export function revisionOfDraft(draft: Pick<Draft, 'context'>): { partnershipId: string; revision: number } | undefined {
  const of = draft.context['revisionOf'];
  const revision = draft.context['revision'];
  return typeof of === 'string' && typeof revision === 'number' ? { partnershipId: of, revision } : undefined;
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Pick<T, K>;
}

/**
 * What decides significance, read from the new-partnership answers. The
 * bank's short path (its "notLow" condition) asks every question exactly when
 * this is not low: a unit test holds the two together.
 */
export function significanceFacts(answers: Answers, highRisk: boolean): SignificanceFacts {
  const unsure = (id: string, what: string) => (answers[id] === 'unsure' ? [what] : []);
  return {
    councilCash: numberOf(answers['E1']),
    councilRole: stringOf(answers['C5']),
    holdsMoneyStaffOrAssets: answers['E4'] === 'yes',
    statutory: answers['STAT'] === 'yes',
    liabilities: answers['E5'] !== 'no',
    informationSharingOnly: answers['INFO'] === 'yes',
    highRisk,
    essentialToPriority: answers['ESS'] === 'yes',
    uncertain: [
      ...unsure('STAT', 'whether it is a statutory partnership'),
      ...unsure('INFO', 'whether it only shares information'),
      ...unsure('E4', 'whether the council will hold money, employ staff, own assets or sign contracts for it'),
      ...unsure('ESS', 'whether it is essential to a council priority'),
    ],
  };
}

/** The objectives listed one a row (bank v4's OBJ), as the register keeps them; nothing when none were listed. */
function objectivesOf(value: unknown): { objectives?: string[] } {
  if (!Array.isArray(value)) return {};
  const objectives = value.map((row) => (typeof row === 'object' && row !== null ? String((row as ListRow)['objective'] ?? '').trim() : '')).filter(Boolean);
  return objectives.length > 0 ? { objectives } : {};
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
