/**
 * Typed requests about keeping the register: the import template, corrections
 * ("edit", the common typed ones), the change history, removing an entry made in
 * error, and people's roles (removing one, listing the holders). Kept in one file
 * so the language-understanding work can move them into its own format.
 * Each returns a verb and its data, as card buttons carry them.
 */

export type CorrectionField = 'leadOfficer' | 'nextReviewDue' | 'serviceArea' | 'name' | 'endDate' | 'partner';
export type NamedRole = 'ad' | 'spo' | 'leadership';

export type RegisterRequest =
  | { name: 'registerTemplate' }
  | { name: 'editPartnership'; partnershipName: string }
  | { name: 'partnershipHistory'; partnershipName: string }
  | { name: 'correctPartnership'; partnershipName: string; field: CorrectionField; value: string; reason?: string }
  | { name: 'removeRole'; personName: string; role: NamedRole; area?: string }
  | { name: 'listRoleHolders'; role: NamedRole }
  | { name: 'removePartnership'; partnershipName: string; reason?: string };

const ROLE = String.raw`(assistant directors?|ads?|strategic partnership officers?|spos?|leadership team|leadership)`;

const TEMPLATE = [
  /^(?:please\s+)?(?:(?:send|give|get|email|show)\s+me\s+|download\s+|get\s+|i need\s+|can i have\s+)?(?:the\s+|a\s+)?(?:partnerships?\s+)?(?:register\s+|import\s+)(?:import\s+)?template$/,
  /^(?:please\s+)?(?:(?:send|give|get)\s+me\s+)?(?:the\s+|a\s+)?template\s+(?:for|to)\s+(?:the\s+)?(?:register|import(?:ing)?(?:\s+the\s+register)?)$/,
  /^(?:how\s+(?:do|can)\s+i\s+|i\s+want\s+to\s+|i\s+need\s+to\s+|please\s+)?(?:import|bring in|load|upload)\s+(?:the\s+|our\s+|my\s+)?(?:existing\s+)?(?:partnerships?\s+)?register(?:\s+in)?$/,
  /^(?:please\s+)?bring\s+(?:the\s+|our\s+)?(?:existing\s+)?register\s+in$/,
];

const EDIT = /^(?:please\s+)?(?:edit|correct|amend|update|fix)\s+(?:the\s+)?(?:(?:register\s+)?entry\s+(?:for|of)\s+|details\s+(?:of|for)\s+)?(?:the\s+)?(.+)$/i;
const HISTORY = [
  /^(?:what|who)\s+(?:has\s+|have\s+)?changed\s+(?:on|in|for|about)\s+(?:the\s+)?(.+)$/i,
  /^(?:show\s+(?:me\s+)?)?(?:the\s+)?(?:change\s+)?history\s+(?:of|for)\s+(?:the\s+)?(.+)$/i,
  /^(?:show\s+(?:me\s+)?)?(?:the\s+)?audit\s+trail\s+(?:of|for)\s+(?:the\s+)?(.+)$/i,
  /^what\s+changes\s+(?:have\s+been\s+made|were\s+made)\s+(?:to|on)\s+(?:the\s+)?(.+)$/i,
];

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

const REMOVE_ROLE = [
  new RegExp(String.raw`^(?:please\s+)?(?:remove|revoke|take)\s+(.+?)\s+(?:off\s+|from\s+being\s+|as\s+|from\s+)(?:an?\s+|the\s+)?${ROLE}(?:\s+(?:for|of)\s+(.+))?$`, 'i'),
  new RegExp(String.raw`^(?:please\s+)?(?:remove|revoke|take\s+away)\s+(?:the\s+)?${ROLE}\s+role\s+(?:for\s+(.+?)\s+)?from\s+(.+)$`, 'i'),
];
const LIST_ROLE = [
  new RegExp(String.raw`^(?:who\s+(?:are|is)|list|show(?:\s+me)?)\s+(?:the\s+|our\s+|all\s+(?:the\s+)?)?${ROLE}$`, 'i'),
];
const REMOVE_ENTRY = /^(?:please\s+)?(?:remove|delete|take)\s+(?:the\s+)?(.+?)\s+(?:from|off)\s+the\s+register(?:\s*[,:;-]?\s*(?:because|as|since|reason:?)\s+(.+))?$/i;
const BECAUSE = /^(.*?)\s*[,;-]?\s+because\s+(.+)$/i;

/** Takes the words as typed (capitals kept for names) and their normalised form. */
export function registerRequest(text: string, normalised: string): RegisterRequest | undefined {
  const typed = text.normalize('NFKC').replace(/[\u2018\u2019]/g, "'").trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  if (TEMPLATE.some((p) => p.test(normalised))) return { name: 'registerTemplate' };
  for (const pattern of REMOVE_ROLE) {
    const match = pattern.exec(typed);
    if (!match) continue;
    if (pattern === REMOVE_ROLE[0]) return { name: 'removeRole', personName: bounded(match[1]!), role: roleOf(match[2]!), ...(match[3] ? { area: bounded(match[3]) } : {}) };
    return { name: 'removeRole', personName: bounded(match[3]!), role: roleOf(match[1]!), ...(match[2] ? { area: bounded(match[2]) } : {}) };
  }
  for (const pattern of LIST_ROLE) {
    const match = pattern.exec(typed);
    if (match) return { name: 'listRoleHolders', role: roleOf(match[1]!) };
  }
  const removal = REMOVE_ENTRY.exec(typed);
  if (removal) return { name: 'removePartnership', partnershipName: bounded(removal[1]!), ...(removal[2] ? { reason: removal[2].trim().slice(0, 1000) } : {}) };
  for (const pattern of HISTORY) {
    const match = pattern.exec(typed);
    if (match) return { name: 'partnershipHistory', partnershipName: bounded(match[1]!) };
  }
  const { words, reason } = withReason(typed);
  for (const correction of CORRECTIONS) {
    const match = correction.pattern.exec(words);
    if (!match) continue;
    const partnershipName = bounded(match[correction.partnership]!);
    const value = match[correction.value]!.trim().slice(0, 200);
    if (!partnershipName || !value) continue;
    return { name: 'correctPartnership', partnershipName, field: correction.field, value, ...(reason ? { reason } : {}) };
  }
  const edit = EDIT.exec(typed);
  if (edit && !/^(?:my|the)?\s*(?:answers?|draft|reminders?)$/i.test(edit[1]!)) return { name: 'editPartnership', partnershipName: bounded(edit[1]!) };
  return undefined;
}

function withReason(typed: string): { words: string; reason?: string } {
  const match = BECAUSE.exec(typed);
  return match ? { words: match[1]!, reason: match[2]!.trim().slice(0, 1000) } : { words: typed };
}

function roleOf(words: string): NamedRole {
  const lower = words.toLowerCase();
  if (/assistant director|^ads?$/.test(lower)) return 'ad';
  if (/leadership/.test(lower)) return 'leadership';
  return 'spo';
}

function bounded(name: string): string {
  return name.trim().replace(/^the\s+/i, '').slice(0, 150);
}
