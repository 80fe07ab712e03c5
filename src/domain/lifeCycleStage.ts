import type { LifeCycleStage } from '../partnerships/partnership.js';
import { bandOf } from './selfAssessmentScoring.js';

/** The stages in the order the toolkit describes them; a tie goes to the earlier one. */
export const STAGES: readonly LifeCycleStage[] = ['forming', 'frustration', 'functioning', 'flying', 'failing'];

export const STAGE_LABELS: Record<LifeCycleStage, string> = {
  forming: 'Forming',
  frustration: 'Frustration',
  functioning: 'Functioning',
  flying: 'Flying',
  failing: 'Failing',
};

export const STAGE_TACTICS: Record<LifeCycleStage, string[]> = {
  forming: [
    "Agree the purpose, aims and each partner's role in writing, for example in terms of reference.",
    'Give partners time to get to know each other: a short workshop on what success would look like.',
  ],
  frustration: [
    'Bring the disagreements into the open: hold a facilitated session to agree priorities again.',
    'Revisit the governing document and make the decision-making rules explicit.',
  ],
  functioning: ['Set measurable targets and report progress at agreed intervals.', 'Share the leadership, for example by rotating the chair or the lead for each project.'],
  flying: ['Celebrate and publicise what the partnership has achieved.', 'Check whether its aims are met, and agree what comes next or plan a good close.'],
  failing: [
    'Raise it with the Assistant Director and decide whether the council should stay involved.',
    "Hold a frank review with partners; if it can't be put right, plan the exit with the exit interview.",
  ],
};

/** An officer-answered indicator: a yes/no/unsure question about how the partnership feels now. */
export interface StageIndicator {
  stage: LifeCycleStage;
  text: string;
  matched: boolean;
}

/** What the score signals are computed from. Means are per statement (0-3), absent when not applicable. */
export interface StageSignalsInput {
  means: Record<string, number | undefined>;
  sectionPercents: Record<string, number | undefined>;
  overallPercent?: number;
  /** Change in overall points since last year, if there was a last year. */
  overallChange?: number;
  anyViewsDiffer: boolean;
  /** Months since the partnership started. */
  ageInMonths?: number;
}

export interface StageSuggestion {
  stage: LifeCycleStage;
  /** Matched / (indicators + signals), per stage. */
  scores: Record<LifeCycleStage, number>;
  /** Why the winning stage was suggested, in plain words. */
  reasons: string[];
  tactics: string[];
}

const FAILING_WINS_AT = 0.6;

interface Signal {
  stage: LifeCycleStage;
  text: string;
  holds: boolean;
}

export function stageSignals(input: StageSignalsInput): Signal[] {
  const { means, sectionPercents } = input;
  const low = (...ids: string[]) => ids.some((id) => means[id] !== undefined && means[id]! <= 1);
  const atLeast = (n: number, ...ids: string[]) => ids.every((id) => means[id] !== undefined && means[id]! >= n);
  // Percentages are exact; the band boundaries decide "50% or more" and "75% or more" the same way the bands do.
  const atLeastAmber = (percent: number | undefined) => percent !== undefined && bandOf(percent) !== 'red';
  return [
    { stage: 'forming', text: 'It is less than 12 months old', holds: input.ageInMonths !== undefined && input.ageInMonths < 12 },
    { stage: 'forming', text: 'The governing document or clear roles rated 0 or 1', holds: low('F3', 'P2') },
    { stage: 'frustration', text: 'Trust between partners or open sharing of information rated 0 or 1', holds: low('P5', 'C2') },
    { stage: 'frustration', text: "Officers' views differ on some statements", holds: input.anyViewsDiffer },
    { stage: 'functioning', text: 'Foundations and Partners both at 50% or more', holds: atLeastAmber(sectionPercents['F']) && atLeastAmber(sectionPercents['P']) },
    { stage: 'functioning', text: 'Clear roles rated 2 or more', holds: atLeast(2, 'P2') },
    { stage: 'flying', text: 'Overall score 75% or more', holds: input.overallPercent !== undefined && bandOf(input.overallPercent) === 'green' },
    { stage: 'flying', text: "Last year's plan achieved rated 3", holds: means['M3'] === 3 },
    { stage: 'flying', text: 'Partners adapting their plans and the public being told rated 2 or more', holds: atLeast(2, 'P7', 'C5') },
    { stage: 'failing', text: 'Attendance or promised resources rated 0 or 1', holds: low('P3', 'P4') },
    { stage: 'failing', text: 'Overall score down 10 points or more on last year', holds: input.overallChange !== undefined && input.overallChange <= -10 + 1e-9 },
    { stage: 'failing', text: 'Overall score red (under 50%)', holds: input.overallPercent !== undefined && bandOf(input.overallPercent) === 'red' },
  ];
}

/**
 * Spec section 7: each stage scores (matching indicators + signals) /
 * (questions + signals); the highest wins, ties go to the earlier stage, and
 * Failing at 60% or more wins regardless.
 */
export function suggestStage(indicators: StageIndicator[], input: StageSignalsInput): StageSuggestion {
  const signals = stageSignals(input);
  const scores = {} as Record<LifeCycleStage, number>;
  for (const stage of STAGES) {
    const own = [...indicators.filter((i) => i.stage === stage).map((i) => i.matched), ...signals.filter((s) => s.stage === stage).map((s) => s.holds)];
    scores[stage] = own.length > 0 ? own.filter(Boolean).length / own.length : 0;
  }
  let stage: LifeCycleStage = STAGES[0]!;
  for (const candidate of STAGES) if (scores[candidate] > scores[stage]) stage = candidate;
  if (scores.failing >= FAILING_WINS_AT) stage = 'failing';

  const reasons = [
    ...indicators.filter((i) => i.stage === stage && i.matched).map((i) => i.text.replace(/\.$/, '')),
    ...signals.filter((s) => s.stage === stage && s.holds).map((s) => s.text),
  ];
  return { stage, scores, reasons: reasons.length > 0 ? reasons : ['No stage stood out; the earliest stage is suggested'], tactics: STAGE_TACTICS[stage] };
}
