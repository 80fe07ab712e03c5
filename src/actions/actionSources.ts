import type { SelfAssessment } from '../assessments/selfAssessment.js';
import type { ExitDocument } from '../partnerships/exitDocument.js';
import type { NewPartnershipAssessment, Partnership, PartnershipAction } from '../partnerships/partnership.js';
import type { AssessedRisk } from '../domain/riskAssessment.js';
import type { NewAction } from './actionLog.js';

/**
 * Every action the toolkit creates, read from the record that creates it, as
 * entries for the action log. Pure: each key names its source, so the same
 * source read again (a resubmission, a second close) adds nothing.
 */

/** Weak answers of the new-partnership assessment (owned by whoever proposed it) and the mitigations its high risks need. */
export function newPartnershipActions(assessment: Pick<NewPartnershipAssessment, 'actions' | 'risks' | 'submittedBy'>, escalatingBands: readonly string[]): NewAction[] {
  return [
    ...assessment.actions.map((text) => ({ key: `np:${text.toLowerCase()}`, text, source: 'new-partnership' as const, origin: 'the new-partnership assessment', owner: assessment.submittedBy })),
    ...riskActions(assessment.risks, escalatingBands, 'the new-partnership risk assessment'),
  ];
}

/** The mitigation each risk still high after controls needs (its action, owner and date). */
export function riskActions(risks: readonly AssessedRisk[], escalatingBands: readonly string[], origin: string): NewAction[] {
  return risks
    .filter((r) => r.action && escalatingBands.includes(r.residualBand))
    .map((r) => ({
      key: `risk:${r.category}:${r.action!.toLowerCase()}`,
      text: r.action!,
      source: 'risk' as const,
      origin: `${origin} (${r.category} risk)`,
      ...(r.owner ? { ownerText: r.owner } : {}),
      ...(r.due ? { due: r.due } : {}),
    }));
}

/** The Assistant Director's conditions of approval, owned by the lead officer. */
export function conditionActions(partnership: Pick<Partnership, 'leadOfficer'>, conditions: readonly PartnershipAction[]): NewAction[] {
  return conditions.map((c) => ({ key: `condition:${c.id}`, text: c.text, source: 'approval-condition' as const, origin: `a condition of approval set by ${c.by.name}`, owner: partnership.leadOfficer }));
}

/**
 * A closed year's actions: each 0 or 1 rating's, and each "don't know"'s finding out. Officers read a
 * statement by its words (`statementText`, from the year's bank), never by its id ("F3").
 */
export function selfAssessmentActions(assessment: Pick<SelfAssessment, 'year' | 'actions'>, statementText: (statementId: string) => string): NewAction[] {
  return assessment.actions.map((a, i) => ({
    key: `sa:${assessment.year}:${a.statementId}:${a.raisedBy}:${a.kind ?? 'action'}:${i}`,
    text: `${statementText(a.statementId)}: ${a.action}`,
    source: a.kind === 'find-out' ? ('evidence-gap' as const) : ('self-assessment' as const),
    origin: `the ${assessment.year} self-assessment${a.kind === 'find-out' ? ', a "don\'t know"' : ''}`,
    ...(a.owner ? { ownerText: a.owner } : {}),
    ...(a.due ? { due: a.due } : {}),
  }));
}

/** The exit document's follow-on actions not already done. */
export function exitActions(document: Pick<ExitDocument, 'followOnActions' | 'revision'>): NewAction[] {
  return document.followOnActions
    .filter((row) => typeof row['action'] === 'string' && row['action'] !== '' && row['status'] !== 'done')
    .map((row) => ({
      key: `exit:${String(row['action']).toLowerCase()}`,
      text: String(row['action']),
      source: 'exit' as const,
      origin: 'the exit document',
      ...(typeof row['owner'] === 'string' && row['owner'] ? { ownerText: row['owner'] } : {}),
      ...(typeof row['due'] === 'string' && row['due'] ? { due: row['due'] } : {}),
    }));
}
