import type { Answers, ListRow } from '../questionnaire/bankSchema.js';
import type { LatestScore } from './latestScoreSource.js';
import type { Partnership } from './partnership.js';

const MAX_OBJECTIVES = 10;
const MAX_OBJECTIVE_LENGTH = 300;

export interface ExitPrefill {
  answers: Answers;
  /** Facts for the opening message, so the officer knows what to check. */
  known: { partners: string[]; totalContribution: number; years: number; objectives: number; latestScore?: LatestScore };
}

/**
 * What the bot already knows, as answers to the exit interview, so the
 * officer confirms rather than retypes. Pure: `today` is passed in.
 */
export function exitPrefill(partnership: Partnership, latestScore: LatestScore | undefined, today: string): ExitPrefill {
  const answers: Answers = {};
  const partners = partnership.partners.filter((p) => typeof p['name'] === 'string' && p['name'] !== '');
  if (partners.length > 0) answers['PARTNERS'] = partners.slice(0, 12).map(partnerRow);
  const objectives = originalObjectives(partnership);
  if (objectives.length > 0) answers['OBJECTIVES'] = objectives.map((objective) => ({ objective }));
  const years = yearsInvolved(partnership.startDate, today);
  const totalContribution = Math.round(partnership.councilCashPerYear * years * 100) / 100;
  answers['TOTAL'] = totalContribution;
  return {
    answers,
    known: { partners: partners.map((p) => String(p['name'])), totalContribution, years, objectives: objectives.length, ...(latestScore ? { latestScore } : {}) },
  };
}

/**
 * The objectives recorded on the register, one each as recorded (the new-partnership list, the
 * import's column or a correction), repeats dropped. Prose such as the purpose is never split into
 * "objectives": with none recorded the officer lists them in the interview (issue 17 item 9).
 */
export function originalObjectives(partnership: Pick<Partnership, 'objectives'>): string[] {
  const seen = new Set<string>();
  const objectives: string[] = [];
  for (const recorded of partnership.objectives ?? []) {
    const objective = recorded.trim().slice(0, MAX_OBJECTIVE_LENGTH);
    const key = objective.toLowerCase();
    if (objective === '' || seen.has(key)) continue;
    seen.add(key);
    objectives.push(objective);
  }
  return objectives.slice(0, MAX_OBJECTIVES);
}

/** Whole years from the start date to today, counting a part year as one (at least one). */
export function yearsInvolved(startDate: string, today: string): number {
  const start = Date.parse(`${startDate.slice(0, 10)}T12:00:00Z`);
  const end = Date.parse(`${today.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return 1;
  return Math.max(1, Math.ceil((end - start) / (365.25 * 24 * 60 * 60 * 1000) - 0.01));
}

function partnerRow(partner: ListRow): ListRow {
  const row: ListRow = { name: String(partner['name']).slice(0, 150) };
  if (typeof partner['sector'] === 'string' && partner['sector'] !== '') row['sector'] = partner['sector'];
  if (typeof partner['contact'] === 'string' && partner['contact'] !== '') row['contact'] = String(partner['contact']).slice(0, 200);
  return row;
}
