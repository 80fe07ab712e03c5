import type { ExitDocumentView, ExitSummaryModel } from '../cards/exitCards.js';
import type { AnswerValue, Bank, ListRow, Question } from '../src/questionnaire/bankSchema.js';
import { formatAnswer } from '../src/questionnaire/formatAnswer.js';
import { findQuestion } from '../src/questionnaire/steps.js';
import type { ExitDocument } from '../src/partnerships/exitDocument.js';
import { formatGbp, formatUkDate } from '../src/util/ukFormat.js';

const STATUS: Record<ExitDocument['status'], string> = {
  'awaiting-sign-off': 'Waiting for the Assistant Director to sign off; the partnership is exiting.',
  'changes-requested': 'The Assistant Director has asked for changes; the partnership is still exiting.',
  'signed-off': 'Signed off; the partnership is closed.',
};

const RESULT: Record<string, string> = { achieved: '✓ Achieved', partly: '◐ Partly achieved', not: '✗ Not achieved' };
const SHORT_TEXT = 300;

export function showExitCommand(partnershipName: string): string {
  return `show the exit document for ${partnershipName}`;
}

/** The whole document, in the bank's groups, with the bank's short labels. */
export function exitDocumentView(bank: Bank | undefined, doc: ExitDocument): ExitDocumentView {
  const sections: ExitDocumentView['sections'] = [];
  for (const section of bank?.sections ?? []) {
    const items = section.questions
      .filter((q) => doc.answers[q.id] !== undefined)
      .map((q) => (q.type === 'list' ? { label: labelOf(q), rows: listRows(q, doc.answers[q.id]) } : { label: labelOf(q), value: formatAnswer(q, doc.answers[q.id]) }));
    if (section.id === 'results' && doc.latestScore) {
      items.push({ label: 'Latest self-assessment', value: scoreText(doc) });
    }
    if (items.length > 0) sections.push({ title: section.title, items });
  }
  if (!bank) {
    // The bank version is not deployed: still show every answer rather than nothing.
    sections.push({ title: 'Answers', items: Object.entries(doc.answers).map(([id, value]) => ({ label: id, value: JSON.stringify(value) })) });
  }
  return { partnershipName: doc.partnershipName, status: STATUS[doc.status], identification: identification(doc), sections };
}

/** The exit in brief, for the officer's confirmation and the Assistant Director's card. */
export function exitSummaryModel(bank: Bank | undefined, doc: ExitDocument): ExitSummaryModel {
  const label = (id: string) => {
    const q = bank ? findQuestion(bank, id) : undefined;
    return q && doc.answers[id] !== undefined ? formatAnswer(q, doc.answers[id]) : undefined;
  };
  const facts = [
    { title: 'Type of exit', value: label('TYPE') },
    { title: 'Reasons', value: label('REASONS') },
    { title: 'Objectives met overall', value: label('OUTCOME') },
    { title: 'Effective exit date', value: doc.effectiveExitDate ? formatUkDate(doc.effectiveExitDate) : undefined },
    { title: 'Total council contribution', value: doc.totalContribution !== undefined ? formatGbp(doc.totalContribution) : undefined },
    { title: 'Outstanding liabilities', value: doc.liabilities.length > 0 ? `${doc.liabilities.length} (${formatGbp(sumOf(doc.liabilities, 'amount'))})` : 'None' },
    { title: 'Follow-on actions', value: String(doc.followOnActions.length) },
    { title: 'Latest self-assessment', value: doc.latestScore ? scoreText(doc) : undefined },
  ].filter((f): f is { title: string; value: string } => f.value !== undefined);
  return {
    partnershipId: doc.partnershipId,
    partnershipName: doc.partnershipName,
    revision: doc.revision,
    officerName: doc.identification.completedBy.name,
    facts,
    objectives: doc.objectives.map((o) => `${RESULT[o.result] ?? o.result}: ${o.objective}${o.comment ? ` (${short(o.comment)})` : ''}`),
    lessons: [
      `What worked: ${short(doc.lessons.worked)}`,
      `What did not: ${short(doc.lessons.didNotWork)}`,
      `Next time: ${short(doc.lessons.doDifferently)}`,
    ],
    ...(doc.recognition ? { recognition: short(doc.recognition) } : {}),
    showCommand: showExitCommand(doc.partnershipName),
  };
}

function identification(doc: ExitDocument): Array<{ title: string; value: string }> {
  const id = doc.identification;
  return [
    { title: 'Partnership', value: doc.partnershipName },
    { title: 'Lead officer', value: id.leadOfficer.name },
    { title: 'Assistant Director', value: id.assistantDirector?.name ?? 'Not recorded' },
    { title: 'Completed by', value: `${id.completedBy.name}, ${formatUkDate(id.completedAt)}` },
    ...(doc.signOff ? [{ title: 'Signed off', value: `${doc.signOff.by.name}, ${formatUkDate(doc.signOff.at)}` }] : []),
    ...(doc.revision > 1 ? [{ title: 'Revision', value: String(doc.revision) }] : []),
  ];
}

function listRows(question: Question, value: AnswerValue | undefined): string[] {
  const rows = Array.isArray(value) ? (value as ListRow[]) : [];
  if (question.id === 'OBJECTIVES') {
    return rows.map((r) => `${RESULT[String(r['result'])] ?? String(r['result'] ?? '')}: ${String(r['objective'] ?? '')}${r['comment'] ? ` (${String(r['comment'])})` : ''}`);
  }
  return rows.map((row) => formatAnswer(question, [row]));
}

function labelOf(question: Question): string {
  const label = question.meta?.['label'];
  return typeof label === 'string' ? label : question.prompt;
}

function scoreText(doc: ExitDocument): string {
  const s = doc.latestScore!;
  return `${s.overallPercent}% (${s.band}), ${s.year}`;
}

function sumOf(rows: ListRow[], column: string): number {
  return rows.reduce((total, row) => total + (typeof row[column] === 'number' ? (row[column] as number) : 0), 0);
}

function short(text: string): string {
  return text.length <= SHORT_TEXT ? text : `${text.slice(0, SHORT_TEXT - 1)}…`;
}
