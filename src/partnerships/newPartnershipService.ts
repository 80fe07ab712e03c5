import type { Answers, Bank, ListRow } from '../questionnaire/bankSchema.js';
import type { Draft } from '../questionnaire/draft.js';
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
    const risks = assessRisks(riskInputsFromAnswers(bank, answers), this.scale);
    const outcome = assessNewPartnership(bank, answers, risks, this.scale);
    // High risk means a band that needs action, whatever the council's matrix calls it.
    const significance = significanceOf(significanceFacts(answers, risks.overall !== undefined && risks.overall.escalation !== 'none'), this.settings.significanceThreshold);
    const now = this.clock.now();
    const today = isoDay(now);
    // The partnership's real start (an existing one registered late); blank means it starts now.
    const startDate = stringOf(answers['START']) ?? today;
    const planned = stringOf(answers['H1']);
    const partnership: Partnership = {
      id: draft.id,
      name: stringOf(answers['NAME']) ?? 'Unnamed partnership',
      purpose: stringOf(answers['A1']) ?? '',
      partners: Array.isArray(answers['C1']) ? (answers['C1'] as ListRow[]) : [],
      leadOfficer: submitter,
      officerIds: [submitter.objectId],
      ownerId: submitter.objectId,
      serviceArea: stringOf(answers['AREA']) ?? 'unknown',
      assistantDirector,
      councilRole: stringOf(answers['C5']),
      legalForm: stringOf(answers['D1']),
      statutory: answers['STAT'] === 'yes',
      priorities: Array.isArray(answers['A2']) ? (answers['A2'] as string[]) : [],
      councilCashPerYear: numberOf(answers['E1']),
      inKind: stringOf(answers['E2']),
      liabilities: stringOf(answers['E5d']),
      significance: significance.level,
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
    const registered = await this.register.createOnce(partnership, submitter);
    const assessment = await this.register.saveAssessmentOnce({
      id: draft.id,
      partnershipId: registered.partnership.id,
      bankId: bank.id,
      bankVersion: bank.version,
      answers,
      outcome: outcome.rating,
      reasons: outcome.reasons,
      actions: outcome.actions,
      risks: risks.risks,
      riskCounts: risks.counts,
      overallRisk: risks.overall?.id,
      significance: significance.level,
      significanceReasons: significance.reasons,
      submittedBy: submitter,
      submittedAt: now.toISOString(),
    });
    return { partnership: registered.partnership, assessment, outcome, risks };
  }
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

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
