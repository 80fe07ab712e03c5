import { normaliseText } from './normaliseText.js';
import { shellCommandOf } from './shellCommands.js';
import { recogniseStatusQuestion, suggestStatusQuestions, type SuggestedQuestion } from './statusQuestions.js';
import type { StatusQuestion } from '../status/statusQuestion.js';
import { reminderRequest } from './reminderRequests.js';
import { registerRequest, type RegisterRequest } from './registerRequests.js';

/** What a message asks for when no questionnaire is holding the conversation. */
export type Intent =
  | { name: 'help' | 'cancel' | 'greeting' }
  | { name: 'startPractice' }
  | { name: 'newPartnership'; partnerName?: string }
  | { name: 'assignRole'; personName: string; role: 'ad' | 'spo' | 'leadership'; area?: string }
  /** Keeping the register: template, corrections, history, removals, roles (src/conversation/registerRequests.ts). */
  | RegisterRequest
  /** `year` when the officer names one: "the 2026/27 self-assessment for CSP". */
  | { name: 'selfAssessment'; partnershipName?: string; year?: string }
  | { name: 'closeSelfAssessment'; partnershipName?: string; year?: string }
  | { name: 'startAnnualRound' }
  | { name: 'addOfficer'; personName: string; partnershipName: string }
  | { name: 'exitInterview'; partnershipName?: string }
  | { name: 'showExitDocument'; partnershipName?: string }
  | { name: 'status'; question: StatusQuestion }
  | { name: 'exportRegister' }
  /** The annual report for Leadership Team: a named year ("2026/27"), or this or last year. */
  | { name: 'annualReport'; year?: string; relativeYear?: 'this' | 'last' }
  /** Looks like a question about the register, but which one is unclear: offer the likely ones. */
  | { name: 'statusUnsure'; suggestions: SuggestedQuestion[] }
  | { name: 'resume' }
  /** `days` is undefined when the period could not be read. */
  | { name: 'snoozeReminders'; days: number | undefined }
  | { name: 'remindersOff' | 'remindersOn' }
  | { name: 'notNow' }
  | { name: 'unknown' };

const PRACTICE = [/^(try|start|do|run|open)?\s*(the|a)?\s*(practice|demo)( questionnaire| run| form)?$/, /^practi[sc]e$/];
const RESUME = [/^(continue|resume|carry on|pick up|pick up where i left off|my drafts?|unfinished)( (my|the) (draft|questionnaire))?$/];
const NOT_NOW = [/^(not now|later|no thanks|maybe later)$/];

export function recogniseIntent(text: string): Intent {
  const shell = shellCommandOf(text);
  if (shell) return { name: shell };
  const normalised = normaliseText(text);
  if (PRACTICE.some((p) => p.test(normalised))) return { name: 'startPractice' };
  const reminders = reminderRequest(normalised);
  if (reminders) return reminders;
  const register = registerRequest(text, normalised);
  if (register) return register;
  // Matched on the original words so a person's name keeps its capitals.
  const assign = ASSIGN_ROLE.exec(text.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, ''));
  if (assign) {
    const roleWords = assign[2]!.toLowerCase();
    const role = /assistant director|^ad$/.test(roleWords) ? 'ad' : /leadership/.test(roleWords) ? 'leadership' : 'spo';
    return { name: 'assignRole', personName: assign[1]!, role, ...(assign[3] ? { area: assign[3] } : {}) };
  }
  // Before status questions: "download the register" is not "show the register".
  const report = reportRequest(normalised);
  if (report) return report;
  const status = recogniseStatusQuestion(text);
  // "Which annual reviews are due" asks about dates, not to start a self-assessment.
  if (status && (status.kind === 'dueReview' || status.kind === 'overdue')) return { name: 'status', question: status };
  const assessment = selfAssessmentRequest(normalised);
  if (assessment) return assessment;
  if (ANNUAL_ROUND.test(normalised)) return { name: 'startAnnualRound' };
  const addOfficer = ADD_OFFICER.exec(text.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, ''));
  if (addOfficer) return { name: 'addOfficer', personName: addOfficer[1]!, partnershipName: addOfficer[2]! };
  // Before new partnerships: "start the exit for the Youth Forum partnership" is not a new one.
  const exit = exitRequest(text);
  if (exit) return exit;
  if (status) return { name: 'status', question: status };
  const newPartnership = newPartnershipRequest(normalised, text);
  if (newPartnership) return newPartnership;
  if (RESUME.some((p) => p.test(normalised))) return { name: 'resume' };
  if (NOT_NOW.some((p) => p.test(normalised))) return { name: 'notNow' };
  const suggestions = suggestStatusQuestions(text);
  if (suggestions.length > 0) return { name: 'statusUnsure', suggestions };
  return { name: 'unknown' };
}

/** A request for something else, made while a questionnaire waits for an answer. */
export function isOtherRequest(text: string): boolean {
  const intent = recogniseIntent(text);
  return intent.name !== 'unknown' && intent.name !== 'statusUnsure' && intent.name !== 'cancel' && intent.name !== 'notNow' && intent.name !== 'help';
}

const NEW_PARTNERSHIP = /\b(new|register|registering|add|adding|set up|setting up|start|starting|propose|proposing|join|joining|enter|entering|form|forming|create)\b.*\bpartnership\b/;

function newPartnershipRequest(normalised: string, original: string): Intent | undefined {
  if (!NEW_PARTNERSHIP.test(normalised) && normalised !== 'new partnership') return undefined;
  // "... a partnership with Essex Police" names a first partner.
  const withPartner = /\bpartnership\s+with\s+(?:the\s+)?(.+?)\s*[.!?]*$/i.exec(original.trim());
  const partnerName = withPartner?.[1]?.trim();
  return { name: 'newPartnership', ...(partnerName ? { partnerName: partnerName.slice(0, 120) } : {}) };
}

/** "make Helen Ward assistant director for communities" (for the Strategic Partnership Officer). */
const ASSIGN_ROLE = /^(?:make|set|add)\s+(.+?)\s+(?:as\s+)?(?:an?\s+|the\s+)?(assistant director|ad|strategic partnership officer|spo|leadership team|leadership)(?:\s+(?:for|of)\s+(.+))?$/i;

const ASSESSMENT_WORDS = String.raw`(?:annual\s+|yearly\s+)?(?:self[\s-]?assess(?:ment)?|annual review|annual assessment|yearly review|health ?check)`;
/** An optional year before the words, "2026/27" or "2026-27"; group 1 is its first year, group 2 its last two digits. */
const NAMED_YEAR = String.raw`(?:(\d{4})[\s/-]?(\d{2})\s+)?`;
const START_ASSESSMENT = new RegExp(
  String.raw`^(?:please\s+|i (?:want|need|would like) to\s+|can i\s+|let's\s+|lets\s+)?(?:(?:start|begin|do|complete|fill in|fill out|open|run)\s+)?(?:(?:the|an|a|my|our|this year's)\s+)?${NAMED_YEAR}${ASSESSMENT_WORDS}(?:\s+(?:for|of|on))?(?:\s+(.+))?$`,
);
const CLOSE_ASSESSMENT = new RegExp(String.raw`^(?:please\s+)?(?:close|finish|finalise|finalize|sign off|wrap up)\s+(?:the\s+)?${NAMED_YEAR}${ASSESSMENT_WORDS}(?:\s+(?:for|of|on))?(?:\s+(.+))?$`);
const ANNUAL_ROUND = /^(?:please\s+)?(?:start|begin|launch|kick off|open|run|send out)\s+(?:the\s+|this year's\s+)?(?:annual|yearly)\s+(?:review\s+|self[\s-]?assessment\s+)?round$/;
/** "add Sam Patel to the Community Safety Partnership" (the lead officer names another officer). */
const ADD_OFFICER = /^(?:add|name|include)\s+(.+?)\s+(?:to|on)\s+(?:the\s+)?(.+?)$/i;

function selfAssessmentRequest(normalised: string): Intent | undefined {
  const close = CLOSE_ASSESSMENT.exec(normalised);
  if (close) return { name: 'closeSelfAssessment', ...yearOf(close[1], close[2]), ...nameOf(close[3]) };
  const start = START_ASSESSMENT.exec(normalised);
  if (start) return { name: 'selfAssessment', ...yearOf(start[1], start[2]), ...nameOf(start[3]) };
  return undefined;
}

/** "2026" and "27" as "2026/27"; a pair that is not one council year ("2026/28") names no year. */
function yearOf(first: string | undefined, last: string | undefined): { year?: string } {
  if (!first || !last || (Number(first) + 1) % 100 !== Number(last)) return {};
  return { year: `${first}/${last}` };
}

function nameOf(words: string | undefined): { partnershipName?: string } {
  const name = words?.replace(/^(?:the)\s+/, '').trim().slice(0, 120);
  return name ? { partnershipName: name } : {};
}

/** Exit phrasings; group 1 is the partnership as named, capitals kept. */
const EXIT_INTERVIEW = [
  /^(?:please\s+)?(?:(?:start|begin|do|run|open|carry out)\s+)?(?:the\s+|an\s+)?exit\s+interview(?:\s+(?:for|with|on|of|about)\s+(?:the\s+)?(.+))?$/i,
  /^(?:please\s+)?(?:start|begin)\s+(?:the\s+|an\s+)?exit\s+(?:for|from|of)\s+(?:the\s+)?(.+)$/i,
  /^(?:we(?:'re|\s+are)|i(?:'m|\s+am)|(?:the\s+)?council\s+is)\s+(?:leaving|exiting|withdrawing\s+from|pulling\s+out\s+of|getting\s+out\s+of)\s+(?:the\s+)?(.+)$/i,
  /^(?:please\s+)?close\s+(?:down\s+)?(?:the\s+)?(.+?\s+partnership)$/i,
];
const SHOW_EXIT = /^(?:please\s+)?(?:show|see|view|open|read|display|get)(?:\s+me)?\s+(?:the\s+|an\s+)?exit\s+(?:document|doc|report)(?:\s+(?:for|of|on|about)\s+(?:the\s+)?(.+))?$/i;

function exitRequest(original: string): Intent | undefined {
  const text = original.normalize('NFKC').replace(/[\u2018\u2019]/g, "'").trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  const show = SHOW_EXIT.exec(text);
  if (show) return { name: 'showExitDocument', ...named(show[1]) };
  for (const pattern of EXIT_INTERVIEW) {
    const match = pattern.exec(text);
    if (match) return { name: 'exitInterview', ...named(match[1]) };
  }
  return undefined;
}

function named(name: string | undefined): { partnershipName?: string } {
  const trimmed = name?.trim();
  return trimmed ? { partnershipName: trimmed.slice(0, 150) } : {};
}

/** "export the register", "register as csv", "download the register", "register in excel". */
const EXPORT_REGISTER = [
  /^(?:please\s+|can i\s+|i (?:want|need|would like) to\s+)?(?:export|download|save|send me|email me|give me|get)\s+(?:me\s+)?(?:the\s+|a\s+|our\s+)?(?:whole\s+|full\s+)?(?:partnerships?\s+)?register(?:\s+of partnerships)?(?:\s+(?:as|in|to)\s+(?:a\s+)?(?:csv|excel|a spreadsheet|spreadsheet)(?:\s+file)?)?$/,
  /^(?:the\s+)?(?:partnerships?\s+)?register\s+(?:as|in|to)\s+(?:a\s+)?(?:csv|excel|spreadsheet)(?:\s+file)?$/,
  /^(?:export|download)\s+(?:the\s+)?(?:partnerships?|register)(?:\s+(?:as|to)\s+(?:csv|excel))?$/,
  /^(?:register|partnerships?)\s+(?:export|download|csv)$/,
];
/** "annual report", "annual report for 2026/27", "produce the annual report for last year". */
const ANNUAL_REPORT = /^(?:please\s+)?(?:(?:produce|create|make|generate|run|build|prepare|show|open|get|give me|send me|see|view|download|do)\s+)?(?:me\s+)?(?:the\s+|an\s+|this year's\s+|last year's\s+)?(?:annual|yearly)\s+(?:partnerships?\s+)?(?:report|review report)(?:\s+(?:for|of|on)\s+(?:leadership(?:\s+team)?|lt))?(?:\s+(?:(?:for|of)\s+)?(?:the\s+)?(.+?))?(?:\s+(?:for|to)\s+(?:leadership(?:\s+team)?|lt))?$/;

function reportRequest(normalised: string): Intent | undefined {
  if (EXPORT_REGISTER.some((p) => p.test(normalised))) return { name: 'exportRegister' };
  const report = ANNUAL_REPORT.exec(normalised);
  if (!report) return undefined;
  const relative = /\bthis year's\b/.test(normalised) ? 'this' : /\blast year's\b/.test(normalised) ? 'last' : undefined;
  const words = report[1]?.trim();
  if (!words) return { name: 'annualReport', ...(relative ? { relativeYear: relative } : {}) };
  if (/^(?:last|previous|past)\s+(?:financial\s+)?year$/.test(words)) return { name: 'annualReport', relativeYear: 'last' };
  if (/^(?:this|current)\s+(?:financial\s+)?year$/.test(words)) return { name: 'annualReport', relativeYear: 'this' };
  const year = /^(?:year\s+)?(\d{4})\s*(?:[/-]|\s|to)\s*(\d{2}|\d{4})$/.exec(words) ?? /^(?:year\s+)?(\d{4})$/.exec(words);
  if (!year) return undefined;
  const start = Number(year[1]);
  const end = year[2] ? Number(year[2].slice(-2)) : (start + 1) % 100;
  // "2026/28" is not a council year; say nothing rather than guess.
  if (end !== (start + 1) % 100) return undefined;
  return { name: 'annualReport', year: `${start}/${String(end).padStart(2, '0')}` };
}
