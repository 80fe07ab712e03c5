import { formatGbp, formatUkDate } from '../util/ukFormat.js';
import type { AnswerValue, ListRow, Option, Question } from './bankSchema.js';

const YES_NO_UNSURE: Record<string, string> = { yes: 'Yes', no: 'No', unsure: 'Not sure' };

/** An answer as an officer reads it: labels not codes, UK dates, pounds. */
export function formatAnswer(question: Question, value: AnswerValue | undefined): string {
  if (value === undefined) return 'Not answered';
  switch (question.type) {
    case 'yesNoUnsure':
      return YES_NO_UNSURE[String(value)] ?? String(value);
    case 'text':
      return String(value);
    case 'choice':
      return labelOf(question.options, String(value));
    case 'multiChoice':
      return (Array.isArray(value) ? (value as string[]) : [String(value)]).map((v) => labelOf(question.options, v)).join(', ');
    case 'money':
      return typeof value === 'number' ? `${formatGbp(value)}${question.unit ? ` ${question.unit}` : ''}` : String(value);
    case 'number':
      return typeof value === 'number' ? `${value.toLocaleString('en-GB')}${question.unit ? ` ${question.unit}` : ''}` : String(value);
    case 'date':
      if (question.alternative && value === question.alternative.value) return question.alternative.label;
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatUkDate(value) : String(value);
    case 'list': {
      const rows = value as ListRow[];
      if (rows.length === 0) return 'None';
      return rows
        .map((row) =>
          question.columns
            .filter((c) => row[c.id] !== undefined && row[c.id] !== '')
            .map((c) => {
              const cell = row[c.id]!;
              if (c.type === 'choice' && c.options) return labelOf(c.options, String(cell));
              if (c.type === 'money' && typeof cell === 'number') return formatGbp(cell);
              if (c.type === 'date' && typeof cell === 'string') return formatUkDate(cell);
              return String(cell);
            })
            .join(', '),
        )
        .join('; ');
    }
  }
}

function labelOf(options: Option[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value;
}
