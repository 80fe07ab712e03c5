import type { Answers, ListRow } from '../questionnaire/bankSchema.js';
import type { LatestScore } from './latestScoreSource.js';
import type { PersonRef } from './partnership.js';

export type ExitDocumentStatus = 'awaiting-sign-off' | 'changes-requested' | 'signed-off';

/**
 * The exit document (spec section 8): one per partnership, in its partition.
 * The interview's answers are kept whole; the fields other flows read (the
 * annual report's exits and lessons) are lifted out so they need no bank.
 */
export interface ExitDocument {
  /** The partnership id: a partnership has one exit document. */
  id: string;
  partnershipId: string;
  partnershipName: string;
  /** The interview it came from: the same draft submitted again changes nothing. */
  draftId: string;
  /** 1 for the first submission; a new interview after changes were asked for raises it. */
  revision: number;
  bankId: string;
  bankVersion: number;
  answers: Answers;
  identification: { leadOfficer: PersonRef; assistantDirector?: PersonRef; completedBy: PersonRef; completedAt: string };
  exitType: string;
  reasons: string[];
  objectives: ObjectiveResult[];
  /** Taking everything together: met, partly or not-met. */
  outcome: string;
  latestScore?: LatestScore;
  totalContribution?: number;
  effectiveExitDate?: string;
  lessons: { worked: string; didNotWork: string; doDifferently: string; advice?: string };
  /** Required when objectives were met (fully or partly). */
  recognition?: string;
  liabilities: ListRow[];
  assets: ListRow[];
  contracts: ListRow[];
  remainingRisks: ListRow[];
  followOnActions: ListRow[];
  status: ExitDocumentStatus;
  adNotifiedAt?: string;
  changesRequested?: { by: PersonRef; at: string; comments: string };
  signOff?: { by: PersonRef; at: string; comments?: string };
}

/** The exit's outcome as officers read it. */
export const EXIT_OUTCOME_LABELS: Record<string, string> = { met: 'Objectives met', partly: 'Objectives partly met', 'not-met': 'Objectives not met' };

export interface ObjectiveResult {
  objective: string;
  result: 'achieved' | 'partly' | 'not';
  comment?: string;
}

export interface ExitDocumentInput {
  partnershipId: string;
  partnershipName: string;
  draftId: string;
  bankId: string;
  bankVersion: number;
  answers: Answers;
  leadOfficer: PersonRef;
  assistantDirector?: PersonRef;
  completedBy: PersonRef;
  completedAt: string;
  latestScore?: LatestScore;
}

/** Builds the exit document from the interview's answers. Pure. */
export function exitDocumentFrom(input: ExitDocumentInput): ExitDocument {
  const { answers } = input;
  const recognition = text(answers['RECOGNITION']) ?? text(answers['RECOGNITION_ANYWAY']);
  return {
    id: input.partnershipId,
    partnershipId: input.partnershipId,
    partnershipName: input.partnershipName,
    draftId: input.draftId,
    revision: 1,
    bankId: input.bankId,
    bankVersion: input.bankVersion,
    answers,
    identification: {
      leadOfficer: input.leadOfficer,
      ...(input.assistantDirector ? { assistantDirector: input.assistantDirector } : {}),
      completedBy: input.completedBy,
      completedAt: input.completedAt,
    },
    exitType: text(answers['TYPE']) ?? 'unknown',
    reasons: Array.isArray(answers['REASONS']) ? (answers['REASONS'] as string[]) : [],
    objectives: rows(answers['OBJECTIVES']).map((row) => ({
      objective: String(row['objective'] ?? ''),
      result: row['result'] === 'achieved' || row['result'] === 'partly' ? row['result'] : 'not',
      ...(row['comment'] !== undefined ? { comment: String(row['comment']) } : {}),
    })),
    outcome: text(answers['OUTCOME']) ?? 'unknown',
    ...(input.latestScore ? { latestScore: input.latestScore } : {}),
    ...(typeof answers['TOTAL'] === 'number' ? { totalContribution: answers['TOTAL'] } : {}),
    ...(text(answers['EXIT_DATE']) ? { effectiveExitDate: text(answers['EXIT_DATE']) } : {}),
    lessons: {
      worked: text(answers['WORKED']) ?? '',
      didNotWork: text(answers['DIDNT']) ?? '',
      doDifferently: text(answers['DIFFERENTLY']) ?? '',
      ...(text(answers['ADVICE']) ? { advice: text(answers['ADVICE']) } : {}),
    },
    ...(recognition ? { recognition } : {}),
    liabilities: rows(answers['LIABILITIES']),
    assets: rows(answers['ASSETS']),
    contracts: rows(answers['CONTRACTS']),
    remainingRisks: rows(answers['RISKS']),
    followOnActions: rows(answers['FOLLOW_ON']),
    status: 'awaiting-sign-off',
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function rows(value: unknown): ListRow[] {
  return Array.isArray(value) ? (value.filter((r) => typeof r === 'object' && r !== null) as ListRow[]) : [];
}
