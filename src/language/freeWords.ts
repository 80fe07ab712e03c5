/**
 * Values an officer states in their own words, which no entity list can hold:
 * what to change a field to ("move the review of CSP to 30 June 2027") and the
 * reason given for a change ("… because Jo has left"). The classifier decides
 * which request a message is (from the intent files); these read the free
 * words out of it for the intents whose file names them (`"words"`).
 */

export type CorrectionField = 'leadOfficer' | 'nextReviewDue' | 'serviceArea' | 'name' | 'endDate' | 'partner';

export type FreeWords = 'correction' | 'reason' | 'actionClose' | 'meeting';

/** Each correction's shape: which group is the partnership and which the new value. */
const CORRECTIONS: Array<{ field: CorrectionField; pattern: RegExp; partnership: number; value: number }> = [
  { field: 'leadOfficer', pattern: /^(?:make|set)\s+(.+?)\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?lead officer\s+(?:of|for|on)\s+(?:the\s+)?(.+)$/i, partnership: 2, value: 1 },
  { field: 'leadOfficer', pattern: /^(?:change|set)\s+the\s+lead officer\s+(?:of|for|on)\s+(?:the\s+)?(.+?)\s+to\s+(.+)$/i, partnership: 1, value: 2 },
  { field: 'leadOfficer', pattern: /^(?:the\s+)?new\s+lead officer\s+(?:of|for|on)\s+(?:the\s+)?(.+?)\s+is\s+(.+)$/i, partnership: 1, value: 2 },
  { field: 'nextReviewDue', pattern: /^(?:move|change|set|put|push)\s+(?:back\s+)?(?:the\s+)?(?:next\s+)?review(?:\s+date)?\s+(?:of|for|on)\s+(?:the\s+)?(.+?)\s+(?:back\s+)?to\s+(.+)$/i, partnership: 1, value: 2 },
  { field: 'serviceArea', pattern: /^(?:move|transfer|change)\s+(?:the\s+service\s+area\s+of\s+)?(?:the\s+)?(.+?)\s+to\s+(?:the\s+)?(.+?)\s+(?:service\s+)?area$/i, partnership: 1, value: 2 },
  { field: 'serviceArea', pattern: /^(?:change|set)\s+the\s+service\s+area\s+(?:of|for)\s+(?:the\s+)?(.+?)\s+to\s+(?:the\s+)?(.+)$/i, partnership: 1, value: 2 },
  { field: 'name', pattern: /^rename\s+(?:the\s+)?(.+?)\s+(?:to|as)\s+(.+)$/i, partnership: 1, value: 2 },
  { field: 'endDate', pattern: /^(?:set|change|move)\s+(?:the\s+)?end\s+date\s+(?:of|for)\s+(?:the\s+)?(.+?)\s+to\s+(.+)$/i, partnership: 1, value: 2 },
  { field: 'endDate', pattern: /^(?:the\s+)?(.+?)\s+(?:now\s+)?ends\s+(?:on\s+)?(.+)$/i, partnership: 1, value: 2 },
  { field: 'partner', pattern: /^add\s+(.+?)\s+as\s+(?:a\s+)?(?:new\s+)?partner\s+(?:to|of|on|in)\s+(?:the\s+)?(.+)$/i, partnership: 2, value: 1 },
  { field: 'partner', pattern: /^add\s+(?:the\s+)?(?:new\s+)?partner\s+(.+?)\s+to\s+(?:the\s+)?(.+)$/i, partnership: 2, value: 1 },
];

const BECAUSE = /^(.*?)\s*[,;-]?\s+(?:because|reason:)\s+(.+)$/i;

/** The data the free words give: for a correction its field, value and partnership as written; a reason after "because". */
export function freeWordsOf(kind: FreeWords, text: string): Record<string, string> {
  const typed = text.normalize('NFKC').replace(/[\u2018\u2019]/g, "'").trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  const { words, reason } = withReason(typed);
  const because: Record<string, string> = reason ? { reason } : {};
  if (kind === 'reason') return because;
  if (kind === 'actionClose') return actionCloseOf(typed);
  if (kind === 'meeting') return meetingOf(typed);
  for (const correction of CORRECTIONS) {
    const match = correction.pattern.exec(words);
    if (!match) continue;
    const partnershipName = match[correction.partnership]!.trim().replace(/^the\s+/i, '').slice(0, 150);
    const value = match[correction.value]!.trim().slice(0, 200);
    if (partnershipName && value) return { partnershipName, field: correction.field, value, ...because };
  }
  return because;
}

function withReason(typed: string): { words: string; reason?: string } {
  const match = BECAUSE.exec(typed);
  return match ? { words: match[1]!, reason: match[2]!.trim().slice(0, 1000) } : { words: typed };
}

/**
 * Closing an action in words: "close action 2 on CSP: minutes of 3 May", "action 3 for
 * CSP is done, evidence the signed agreement", "drop action 4 on CSP because the funding
 * ended". Which action (its number), whether done or dropped, and the note.
 */
function actionCloseOf(typed: string): Record<string, string> {
  const data: Record<string, string> = {};
  const number = /\b(?:action|item)\s+(?:no\.?\s*|number\s+)?#?(\d{1,4})\b/i.exec(typed) ?? /#(\d{1,4})\b/.exec(typed);
  if (number) data['actionNumber'] = number[1]!;
  data['outcome'] = /\b(?:drop|dropped|dropping|cancel|cancelled|withdraw|withdrawn|no longer needed|not needed)\b/i.test(typed) ? 'dropped' : 'done';
  const note =
    /\bevidence(?:\s+is|\s*:)?\s+(.+)$/i.exec(typed) ??
    /\b(?:because|reason:?)\s+(.+)$/i.exec(typed) ??
    /:\s*(.+)$/.exec(typed) ??
    /\s[-\u2013]\s(.+)$/.exec(typed);
  if (note && note[1]!.trim()) data['note'] = note[1]!.trim().slice(0, 1000);
  return data;
}

/** The meeting a report is for: "committee report for the Audit and Governance Committee on 14 July 2027". */
function meetingOf(typed: string): Record<string, string> {
  const match = /\breport\b.*?\b(?:for|to)\s+(?:the\s+)?(.+)$/i.exec(typed);
  const meeting = match?.[1]?.trim();
  // "for 2026/27" or "for last year" names the year, not a meeting.
  if (!meeting || /^(?:(?:this|last)\s+year|\d{4}(?:\s*[/-]\s*\d{2,4})?)$/i.test(meeting)) return {};
  return { meeting: meeting.slice(0, 200) };
}
