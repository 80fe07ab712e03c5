import * as chrono from 'chrono-node';
import { DEFAULT_REVIEW_HORIZON, type ReviewHorizon } from '../domain/reviewHorizon.js';
import type { LifeCycleStage, PartnershipStatus } from '../partnerships/partnership.js';
import type { Significance } from '../domain/significance.js';
import { HIGH_RISK_BANDS, type RegisterFilter, type StatusQuestion } from '../status/statusQuestion.js';
import { normaliseText } from './normaliseText.js';
import { correctWords } from './spellingCorrection.js';

/** A likely question, offered as a button when the bot is unsure what was meant. */
export interface SuggestedQuestion {
  title: string;
  command: string;
}

/** Words the status questions listen for; typing slips near these are put right. */
const VOCABULARY = new Set(
  (
    'which what whats show list partnership partnerships review reviews reviewing reviewed overdue upcoming coming due soon next within ' +
    'days day weeks week months month fortnight quarter year years high highest very risk risks risky riskiest score scores scoring history ' +
    'exits exit exited leaving left closed register significance significant priority priorities stage active proposed rejected exiting ' +
    'forming frustration functioning flying failing details about lessons mine everything current pending approval tell display ' +
    // Everyday words, listed so that they are never "corrected" into one of the words above ("last" is not "list").
    'last lost past least list this that these those them they their there were where have with from many more most like need needs ' +
    'when will what want wants lead leads named name over under into onto ones only some also just been being both each part parts ' +
    'late later open ended year calendar financial dates date time team teams plan plans'
  ).split(' '),
);

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90, couple: 2, few: 3,
};

/** Words that mean a questionnaire or another flow, never a partnership to show. */
const NOT_A_NAME = /\b(self[- ]?assessment|exit (?:document|doc|report|interview)|questionnaire|draft|drafts|help|practice|annual round|annual report|report)\b/;

interface Words {
  /** Lower case, punctuation removed, typing slips corrected: what the rules read. */
  text: string;
  /** The same words before correction, for names. */
  original: string[];
}

/**
 * Recognises a status question about the register (spec section 9) in plain
 * words, forgiving phrasing and typing slips. Pure: nothing here reads storage.
 */
export function recogniseStatusQuestion(raw: string): StatusQuestion | undefined {
  const words = wordsOf(raw);
  const text = words.text;
  if (!text || isNewPartnershipRequest(text)) return undefined;
  const onlyMine = /\b(my|mine)\b|\bi (?:lead|run|manage|look after|work on|am on|am named on)\b|\bam i (?:on|named|leading|involved)\b/.test(text);

  const history = scoreHistory(words);
  if (history) return history;
  const exits = exitsQuestion(text);
  if (exits) return exits;
  const due = dueReview(text);
  if (due) return onlyMine ? { ...due, onlyMine: true } : due;
  // "show the Active Travel Partnership" names one partnership; "show active partnerships" filters.
  const namesOne = SHOW_ONE.test(text) && /\bpartnership\b/.test(text) && !/\b(partnerships|ones|all|every|list|register)\b/.test(text);
  const filter = namesOne ? undefined : registerFilter(text);
  if (filter && (asksForList(text) || isShortFilterPhrase(text))) {
    return { kind: 'register', filter, ...(onlyMine ? { onlyMine: true } : {}) };
  }
  if (isRegisterRequest(text)) return { kind: 'register', filter: {} };
  if (isMine(text)) return { kind: 'mine' };
  return showOne(words);
}

/** When a message looks like a status question but no rule fitted: the two or three likeliest, best first. */
export function suggestStatusQuestions(raw: string): SuggestedQuestion[] {
  const text = wordsOf(raw).text;
  if (!text || isNewPartnershipRequest(text)) return [];
  const hints: Array<[RegExp, SuggestedQuestion]> = [
    [/\b(review|reviews|reviewing|due|overdue|late|soon|upcoming|when)\b/, SUGGESTIONS.due],
    [/\b(risk|risks|risky|riskiest|danger)\b/, SUGGESTIONS.highRisk],
    [/\b(exit|exits|exited|leaving|left|lessons|closed)\b/, SUGGESTIONS.exits],
    [/\b(my|mine|me|i)\b/, SUGGESTIONS.mine],
    [/\b(register|list|all|every|status|partnership|partnerships)\b/, SUGGESTIONS.register],
  ];
  const matched = hints.filter(([pattern]) => pattern.test(text)).map(([, suggestion]) => suggestion);
  if (matched.length === 0) return [];
  const ordered = [...new Set([...matched, SUGGESTIONS.due, SUGGESTIONS.mine, SUGGESTIONS.register])];
  return ordered.slice(0, 3);
}

const SUGGESTIONS = {
  due: { title: 'Which partnerships are due review?', command: 'which partnerships are due review' },
  mine: { title: 'My partnerships', command: 'my partnerships' },
  highRisk: { title: 'High-risk partnerships', command: 'high risk partnerships' },
  exits: { title: 'Exits this year', command: 'exits this year' },
  register: { title: 'The whole register', command: 'show the register' },
} satisfies Record<string, SuggestedQuestion>;

function wordsOf(raw: string): Words {
  const tokens = (text: string) =>
    text
      .replace(/[\u2010-\u2015]/g, '-')
      .replace(/[^\p{L}\p{N}'/&\- ]+/gu, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.replace(/^'+|'+$/g, ''));
  const lower = tokens(normaliseText(raw));
  // Names keep the capitals they were typed with.
  const cased = tokens(keepingCase(raw));
  const original = cased.length === lower.length ? cased : lower;
  const corrected = correctWords(lower, VOCABULARY);
  // "high-risk" and "high risk" read the same; "what's" and "whats" too.
  const text = corrected.join(' ').replace(/(\w)-(\w)/g, '$1 $2').replace(/\bwhat's\b/g, 'whats').replace(/\bpast due\b/g, 'overdue');
  return { text, original };
}

/** normaliseText without the lower-casing. */
function keepingCase(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.!?,;:]+|[\s.!?,;:]+$/g, '')
    .trim();
}

function isNewPartnershipRequest(text: string): boolean {
  return /\bnew partnership\b/.test(text) || /^(?:i (?:want|need|would like) to |can i |please )?(?:register|start|set up|create|propose|add|join|form|enter)\s+(?:a|an|another|the new)\b/.test(text);
}

function asksForList(text: string): boolean {
  return /\b(partnerships|ones|register|list|which|what|whats|show|how many|any|all|every)\b/.test(text);
}

/** "active", "high significance", "forming stage": a filter said on its own is a list request. */
function isShortFilterPhrase(text: string): boolean {
  return text.split(' ').length <= 4;
}

function isRegisterRequest(text: string): boolean {
  return (
    /^(?:show |view |see |open |list |display |get )?(?:me )?(?:the )?(?:whole |full |partnership |partnerships )?register(?: of partnerships)?$/.test(text) ||
    /\b(?:list|show|see|view|display)(?: me)? (?:all |every )?(?:the |our )?partnerships$/.test(text) ||
    /^(?:all|every) (?:the )?partnerships$/.test(text) ||
    /^(?:which|what) partnerships (?:are there|do we have|have we got)$/.test(text)
  );
}

function isMine(text: string): boolean {
  return (
    /^(?:show |list |see |view )?(?:me )?(?:all )?(?:of )?(?:my|mine)(?: partnerships?| ones| list| register)?$/.test(text) ||
    /\bmy partnerships\b/.test(text) ||
    /\bpartnerships (?:i|that i|which i) (?:lead|run|manage|look after|work on|am (?:on|named on|involved in))\b/.test(text) ||
    /\b(?:which|what) partnerships (?:am i|do i) (?:on|named on|involved in|lead|run|manage|work on|look after)\b/.test(text) ||
    /\b(?:which|what) (?:am i|do i) (?:on|named on|involved in|lead|work on)\b/.test(text)
  );
}

function dueReview(text: string): Extract<StatusQuestion, { kind: 'dueReview' | 'overdue' }> | undefined {
  const reviewWord = /\b(review|reviews|reviewing|reviewed|reassessment|reassessments)\b/.test(text);
  const overdue = /\b(overdue|late|missed|lapsed|behind|out of date)\b/.test(text);
  const dueWord = /\b(due|upcoming|coming up|soon|next|approaching|needs? (?:a )?review(?:ing)?|within|before|by)\b/.test(text);
  const dueAlone = /\b(?:whats|what is|anything|which|what|who|partnerships|ones|show|list)\b.*\bdue\b/.test(text) || /^due\b/.test(text);
  const asked = (reviewWord && (overdue || dueWord)) || dueAlone || /^overdue\b/.test(text) || /\boverdue (?:ones|partnerships|reviews?)\b/.test(text) || /\b(?:which|what|any|show|list)\b.*\boverdue\b/.test(text);
  if (!asked) return undefined;
  const dueToo = /\bdue\b|\bupcoming\b|\bcoming up\b|\bsoon\b|\bnext\b|\bwithin\b|\bapproaching\b|\bneeds? (?:a )?review/.test(text);
  if (overdue && !dueToo) return { kind: 'overdue' };
  return { kind: 'dueReview', horizon: horizonOf(text) ?? DEFAULT_REVIEW_HORIZON };
}

const PERIOD = /\b(?:next|within|in|coming|over|the)\s+(?:the\s+)?(?:next\s+)?(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|sixty|ninety|couple of|few)\s+(days?|weeks?|months?|fortnights?|quarters?|years?)\b/;

/** "next 3 months", "within 30 days", "next month", "this quarter", "by 31 March 2027". */
function horizonOf(text: string): ReviewHorizon | undefined {
  const period = PERIOD.exec(text);
  if (period) {
    const amountWord = period[1]!.replace(/ of$/, '');
    const amount = /^\d+$/.test(amountWord) ? Number(amountWord) : NUMBER_WORDS[amountWord] ?? 1;
    return scaled(amount, period[2]!);
  }
  const single = /\b(?:next|this|coming|the next)\s+(day|week|fortnight|month|quarter|year)\b/.exec(text);
  if (single) return scaled(1, single[1]!);
  const bare = /\b(\d{1,3})\s+(days?|weeks?|months?)\b/.exec(text);
  if (bare) return scaled(Number(bare[1]), bare[2]!);
  const until = /\b(?:by|before|until|up to|ahead of)\s+(.+)$/.exec(text);
  if (until) {
    const date = chrono.en.GB.parseDate(until[1]!, new Date(), { forwardDate: true });
    if (date) return { until: date.toISOString().slice(0, 10) };
  }
  return undefined;
}

function scaled(amount: number, unitWord: string): ReviewHorizon | undefined {
  if (amount < 1 || amount > 999) return undefined;
  const unit = unitWord.replace(/s$/, '');
  if (unit === 'fortnight') return { amount: amount * 14, unit: 'day' };
  if (unit === 'quarter') return { amount: amount * 3, unit: 'month' };
  if (unit === 'year') return { amount: amount * 12, unit: 'month' };
  return { amount, unit: unit as 'day' | 'week' | 'month' };
}

const STATUS_WORDS: Array<[RegExp, PartnershipStatus]> = [
  [/\bunder review\b/, 'under-review'],
  [/\b(active|live|current|running)\b/, 'active'],
  [/\b(proposed|pending|awaiting approval|not yet approved)\b/, 'proposed'],
  [/\b(exiting|winding down|being closed)\b/, 'exiting'],
  [/\b(closed|ended|finished|former|past partnerships)\b/, 'closed'],
  [/\b(rejected|declined|turned down)\b/, 'rejected'],
];

const STAGE_WORDS: Array<[RegExp, LifeCycleStage]> = [
  [/\bforming\b/, 'forming'],
  [/\b(frustration|frustrated|storming)\b/, 'frustration'],
  [/\b(functioning|performing|norming)\b/, 'functioning'],
  [/\bflying\b/, 'flying'],
  [/\bfailing\b/, 'failing'],
];

const PRIORITY_WORDS: Array<[RegExp, string]> = [
  [/\bself sufficien(?:t|cy)\b|\bfinancially self\b/, 'self-sufficient'],
  [/\bearly intervention\b/, 'early-intervention'],
  [/\b(?:maximis|maximiz)e (?:our )?assets\b|\bassets priority\b|\bpriority assets\b/, 'assets'],
  [/\benabl(?:e|ing) communities\b|\bcommunities priority\b|\bpriority communities\b/, 'communities'],
];

function registerFilter(text: string): RegisterFilter | undefined {
  const filter: RegisterFilter = {};
  // "under review" is a status; "due review" is not, and is answered above.
  const statuses = STATUS_WORDS.filter(([pattern]) => pattern.test(text)).map(([, status]) => status);
  if (statuses.length > 0) filter.statuses = [...new Set(statuses)];

  const significance = /\b(high|medium|low)(?:ly)? significan(?:ce|t)\b|\bsignificance (?:is |of )?(high|medium|low)\b/.exec(text);
  if (significance) filter.significance = [(significance[1] ?? significance[2]) as Significance];
  else if (/\b(?:most|very|highly) significant\b/.test(text)) filter.significance = ['high'];

  const risk = riskBands(text);
  if (risk) filter.risks = risk;

  const stages = STAGE_WORDS.filter(([pattern]) => pattern.test(text)).map(([, stage]) => stage);
  if (stages.length > 0) filter.stages = stages;

  if (/\bpriorit(?:y|ies)\b|\bsupport(?:s|ing)?\b|\bdeliver(?:s|ing)?\b/.test(text)) {
    const priority = PRIORITY_WORDS.find(([pattern]) => pattern.test(text));
    if (priority) filter.priority = priority[1];
  }
  return Object.keys(filter).length > 0 ? filter : undefined;
}

function riskBands(text: string): string[] | undefined {
  if (/\bvery high(?:est)? risks?\b|\brisks? (?:is |are |rated )?very high\b/.test(text)) return ['very-high'];
  if (/\b(?:high|highest|higher|serious|major|red|big) risks?\b|\brisks? (?:is |are |rated )?high\b|\b(?:risky|riskiest|dangerous)\b|\bhigh risked\b/.test(text)) {
    return [...HIGH_RISK_BANDS];
  }
  if (/\b(?:medium|moderate|amber) risks?\b|\brisks? (?:is |are |rated )?medium\b/.test(text)) return ['medium'];
  if (/\b(?:low|lowest|green|minor) risks?\b|\brisks? (?:is |are |rated )?low\b/.test(text)) return ['low'];
  return undefined;
}

function exitsQuestion(text: string): StatusQuestion | undefined {
  const exitWord = /\b(exits|exited|left|leaving|withdrew|withdrawn|pulled out of|exit lessons|lessons)\b/.test(text) || /\bexit\b.*\b(this year|last year|year)\b/.test(text);
  const closedInYear = /\b(closed|ended|wound up)\b.*\b(this|last) year\b/.test(text);
  if (!exitWord && !closedInYear) return undefined;
  // "we're leaving the Youth Forum" is an exit interview, recognised before this.
  if (!/\b(partnerships|which|what|any|how many|list|show|exits|lessons|year|have we|did we)\b/.test(text)) return undefined;
  const explicit = /\b(20\d\d)\s*[/-]?\s*(\d\d)\b/.exec(text);
  if (explicit && Number(explicit[2]) === (Number(explicit[1]) + 1) % 100) return { kind: 'exits', year: `${explicit[1]}/${explicit[2]}` };
  if (/\b(last|previous|past) (?:financial )?year\b/.test(text)) return { kind: 'exits', relativeYear: 'last' };
  return { kind: 'exits', relativeYear: 'this' };
}

const SCORE_HISTORY: RegExp[] = [
  /^(?:show |see |view |what is |whats |get )?(?:me )?(?:the )?(?:past |previous )?(?:score|scores|scoring|rating|ratings)(?: history| over the years| by year| trend)? (?:for|of|on) (?:the )?(.+?)(?: over the years| so far| by year)?$/,
  /^(?:show |see |view |what is |whats )?(?:me )?(?:the )?(.+?)(?:'s|s')? (?:score|scoring|rating) (?:history|trend|record)$/,
  /^(?:show |see |view )?(?:me )?(?:the )?(.+?)(?:'s|s')? (?:past |previous )?scores(?: over the years| so far| by year)?$/,
  /^how (?:has|have|did) (?:the )?(.+?) (?:scored|score|done|performed)(?: over the years| in past years| in previous years| before)?$/,
  /^(?:history|score history|scores) (?:for|of) (?:the )?(.+)$/,
];

function scoreHistory(words: Words): StatusQuestion | undefined {
  for (const pattern of SCORE_HISTORY) {
    const match = pattern.exec(words.text);
    if (match?.[1]) {
      const name = originalSpan(words, match[1]);
      if (name && !/^(?:my|our|all|the|their|its|partnerships?)$/.test(name)) return { kind: 'scoreHistory', partnershipName: name };
    }
  }
  return undefined;
}

const SHOW_ONE = /^(?:can you |could you |please )*(?:show|tell me about|tell me|details (?:of|for|on|about)|details|what about|open|display|view|look up|lookup|find|info (?:on|about|for)|information (?:on|about|for)|summary (?:of|for)|status of|how is|hows|whats happening with|what is happening with|everything (?:on|about))(?: me)?(?: the| a)? (.+)$/;

function showOne(words: Words): StatusQuestion | undefined {
  const match = SHOW_ONE.exec(words.text);
  if (!match?.[1] || NOT_A_NAME.test(match[1])) return undefined;
  const name = originalSpan(words, match[1])?.replace(/^(?:details|everything) (?:of|for|on|about) /, '').replace(/ (?:please|details|partnership details)$/, '');
  if (!name || /^(?:partnerships?|all|everything|them|it|that|this|me|ones)$/.test(name)) return undefined;
  return { kind: 'show', partnershipName: name.slice(0, 150) };
}

/** The words of `span` (found in the corrected text) as the officer typed them, so names are never "corrected". */
function originalSpan(words: Words, span: string): string | undefined {
  const correctedTokens = words.text.split(' ');
  const spanTokens = span.split(' ');
  for (let start = correctedTokens.length - spanTokens.length; start >= 0; start--) {
    if (correctedTokens.slice(start, start + spanTokens.length).join(' ') === span) {
      // Hyphens were split for matching; find the same run of original words by position when counts agree.
      if (correctedTokens.length === words.original.length) return words.original.slice(start, start + spanTokens.length).join(' ');
      return span;
    }
  }
  return span;
}
