import type { SelfAssessmentResultModel } from '../cards/selfAssessmentCards.js';
import type { SelfAssessment } from '../src/assessments/selfAssessment.js';
import { AREAS } from '../src/assessments/assessYear.js';
import { RECOMMENDATION_LABELS } from '../src/domain/involvementRecommendation.js';
import { STAGE_LABELS, STAGES } from '../src/domain/lifeCycleStage.js';
import { BAND_LABELS, formatMean, formatPoints } from '../src/domain/selfAssessmentScoring.js';
import type { ScoreChange } from '../src/domain/yearOnYear.js';
import type { Bank } from '../src/questionnaire/bankSchema.js';
import { formatUkDate } from '../src/util/ukFormat.js';
import { missingYearsText } from '../src/domain/assessmentYear.js';

const HISTORY_YEARS = 3;
/** Evidence is shown in full in the annual report; on the card each comment is cut short to keep it readable. */
const EVIDENCE_CHARS = 200;

export interface ViewOptions {
  bank: Bank | undefined;
  /** Closed assessments of earlier years, earliest first. */
  earlier: SelfAssessment[];
  /** The reader may close the year and confirm the stage. */
  mayLead: boolean;
}

/** Turns a year's assessment into what the result card shows. */
export function selfAssessmentView(assessment: SelfAssessment, options: ViewOptions): SelfAssessmentResultModel {
  const final = assessment.status === 'closed';
  const prompts = new Map((options.bank?.sections ?? []).flatMap((s) => s.questions.map((q) => [q.id, q.prompt] as const)));
  const areaTitles = new Map((options.bank?.sections ?? []).map((s) => [s.id, s.title]));
  // Statements by their words, never their ids ("F3"): officers and Leadership Team read these (issue 17 item 5).
  const statementLabel = (id: string) => shorten(prompts.get(id) ?? 'A statement no longer asked', 70);
  const comparison = assessment.comparison;
  const years = [...options.earlier.filter((a) => a.year < assessment.year).slice(-(HISTORY_YEARS - 1)), assessment];
  const name = assessment.partnershipName;
  const overall = assessment.scores.overall;

  const buttons: SelfAssessmentResultModel['buttons'] = [];
  if (!final && options.mayLead) buttons.push({ title: `Close the ${assessment.year} assessment`, command: closeCommand(assessment.year, name), style: 'positive' });
  if (final && assessment.recommendation.recommendation === 'exit') buttons.push({ title: 'Start the exit interview', command: `exit interview for ${name}` });

  return {
    partnershipName: name,
    year: assessment.year,
    final,
    respondents: assessment.respondents.map((r) => r.name),
    overall: {
      ...(overall.percent !== undefined ? { percent: overall.percent } : {}),
      ...(overall.band ? { band: overall.band, bandLabel: BAND_LABELS[overall.band] } : {}),
      points: formatPoints(overall.points, overall.maxPoints),
      lowConfidence: assessment.lowConfidence !== undefined,
      ...(comparison?.overall.change !== undefined ? { change: changeText(comparison.overall, comparison.previousYear) } : {}),
    },
    areas: assessment.scores.sections.map((s, i) => ({
      label: areaTitles.get(s.area) ?? s.area,
      ...(s.percent !== undefined ? { percent: s.percent } : {}),
      ...(s.band ? { bandLabel: BAND_LABELS[s.band] } : {}),
      lowConfidence: s.lowConfidence,
      ...(comparison?.sections[i]?.change !== undefined ? { change: changeText(comparison.sections[i]!) } : {}),
    })),
    history: years.map((y) => ({ year: y.year, percents: AREAS.map((area) => y.scores.sections.find((s) => s.area === area)?.percent) })),
    ...(comparison
      ? {
          comparisonNote: [
            ...(comparison.missingYears?.length
              ? [`${missingYearsText(comparison.missingYears)}, so this is compared with ${comparison.previousYear}, ${yearsEarlier(comparison.missingYears.length + 1)}.`]
              : []),
            comparison.sharedStatementsOnly
              ? `The questions changed since ${comparison.previousYear}, so the comparison uses only the ${comparison.sharedStatements} statements both years share.`
              : `Compared with ${comparison.previousYear}: a change of 5 points or more counts as improved or declined.`,
          ].join(' '),
        }
      : {}),
    moved: (comparison?.moved ?? []).map((m) => `${statementLabel(m.id)}: ${formatMean(m.before)} → ${formatMean(m.now)}`),
    viewsDiffer: assessment.viewsDiffer.map((id) => `${statementLabel(id)} (ratings ${assessment.statements[id]!.ratings.join(', ')})`),
    ...(assessment.lowConfidence ? { lowConfidenceNote: assessment.lowConfidence } : {}),
    evidenceGaps: evidenceGapLines(assessment),
    evidence: evidenceLines(assessment, EVIDENCE_CHARS),
    stage: {
      suggested: STAGE_LABELS[assessment.stage.stage],
      reasons: assessment.stage.reasons,
      tactics: assessment.stage.tactics,
      ...(assessment.stage.confirmed ? { confirmed: STAGE_LABELS[assessment.stage.confirmed] } : {}),
    },
    ...(final && options.mayLead
      ? {
          stageChoice: {
            partnershipId: assessment.partnershipId,
            year: assessment.year,
            options: STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] })),
            selected: assessment.stage.confirmed ?? assessment.stage.stage,
          },
        }
      : {}),
    ...(final
      ? { recommendation: { label: RECOMMENDATION_LABELS[assessment.recommendation.recommendation], reasons: assessment.recommendation.reasons, celebrate: assessment.recommendation.celebrate } }
      : {}),
    ...(assessment.nextReviewDue ? { nextReviewDue: formatUkDate(assessment.nextReviewDue) } : {}),
    actions: assessment.actions.map((a) => `${statementLabel(a.statementId)}: ${a.action}${a.owner ? ` (${a.owner}` : ' ('}${a.due ? `${a.owner ? ', ' : ''}by ${formatUkDate(a.due)})` : ')'}`.replace(' ()', '')),
    buttons,
  };
}

/** "It has a governing document…: not known by Priya Shah; Policy officer will find out by 30 June 2031". */
export function evidenceGapLines(assessment: Pick<SelfAssessment, 'evidenceGaps'>): string[] {
  return (assessment.evidenceGaps ?? []).map((gap) => {
    const findOut = gap.findOut.length
      ? gap.findOut.map((f) => `${f.owner} will find out${f.due ? ` by ${formatUkDate(f.due)}` : ''}`).join('; ')
      : 'nobody has been asked to find out yet';
    return `${shorten(gap.statement, 70)}: not known by ${gap.notKnownBy.join(', ')}; ${findOut}`;
  });
}

/** One line per statement with evidence: each officer's comment in quotes, with their name; comments cut at `maxChars` when given. */
export function evidenceLines(assessment: Pick<SelfAssessment, 'evidence'>, maxChars?: number): string[] {
  const byStatement = new Map<string, { statement: string; comments: string[] }>();
  for (const e of assessment.evidence ?? []) {
    const entry = byStatement.get(e.statementId) ?? { statement: e.statement, comments: [] };
    entry.comments.push(`“${maxChars ? shorten(e.text, maxChars) : e.text}” (${e.by})`);
    byStatement.set(e.statementId, entry);
  }
  return [...byStatement].map(([, e]) => `${shorten(e.statement, 70)}: ${e.comments.join('; ')}`);
}

const NUMBER_WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function yearsEarlier(years: number): string {
  return `${NUMBER_WORDS[years] ?? years} years earlier`;
}

function changeText(change: ScoreChange, since?: string): string {
  const sign = change.change! > 0 ? '+' : change.change! < 0 ? '−' : '';
  return `${sign}${Math.abs(change.change!)} ${change.trend}${since ? ` since ${since}` : ''}`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Commands that name their year, so a button pressed after 31 March still acts on the year it was shown for. */
export function closeCommand(year: string, partnershipName: string): string {
  return `close the ${year} self-assessment for ${partnershipName}`;
}

export function respondCommand(year: string, partnershipName: string): string {
  return `the ${year} self-assessment for ${partnershipName}`;
}
