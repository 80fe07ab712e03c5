import { adaptiveCard, commandButton, heading, paragraph, type AdaptiveCardJson } from './cardTypes.js';

export interface HelpCardModel {
  /** Shown first, e.g. when the bot did not understand a message. */
  lead?: string;
  /** In a channel, questionnaires move to the 1:1 chat. */
  inChannel: boolean;
}

const WHAT_I_DO: Array<{ title: string; detail: string }> = [
  { title: 'Register a new partnership', detail: 'The toolkit questions and a risk assessment, an outcome with actions, and the Assistant Director told.' },
  { title: 'Annual self-assessment', detail: 'Say "self-assessment for" and the partnership, e.g. "self-assessment for CSP". Other officers named on it add their views; the lead officer closes the year and gets the scores, the comparison with earlier years, a stage and a recommendation.' },
  { title: 'Exit interview', detail: 'Say "exit interview for" and the partnership\'s name (or "we\'re leaving the Youth Forum partnership") to record why and how the council is leaving, what it achieved and the lessons learned. The Assistant Director signs it off and the partnership is closed.' },
  { title: 'Exit document', detail: 'Say "show the exit document for" and the partnership\'s name to read it again in full.' },
  { title: 'Ask about partnerships', detail: 'For example "which partnerships are due review" (or "due in the next 3 months"), "overdue reviews", "my partnerships", "high risk ones", "show the Community Safety Partnership", "score history for CSP", "exits this year" or "active partnerships in the forming stage". In a channel, mention me first.' },
  { title: 'Reminders', detail: 'I remind lead officers here when a review is due within 30 days or overdue, and when a questionnaire has been left for a week. Say "snooze reminders for 2 weeks", "turn off reminders" or "turn reminders back on".' },
  { title: 'Register export and annual report', detail: 'For the Strategic Partnership Officer and Leadership Team: say "export the register" for a CSV file that opens in Excel, or "annual report for 2026/27" (or "for last year") for a summary and the full printable report with charts.' },
  { title: 'Practice run', detail: 'Type "practice" to try a short questionnaire; nothing you enter is used.' },
];

const WHILE_ANSWERING = 'While answering: **back** changes your last answer, **skip** passes an optional question, **save for later** keeps your answers, **cancel** stops (your draft is kept).';

export function helpCard(model: HelpCardModel): AdaptiveCardJson {
  const body = [
    ...(model.lead ? [paragraph(model.lead, { weight: 'Bolder' })] : []),
    heading('What I can help with'),
    {
      type: 'FactSet',
      facts: WHAT_I_DO.map((item) => ({ title: item.title, value: item.detail })),
    },
    paragraph(WHILE_ANSWERING, { isSubtle: true, spacing: 'Medium' }),
    ...(model.inChannel
      ? [paragraph('Questionnaires run in our 1:1 chat, so your answers stay private until you submit them.', { isSubtle: true })]
      : []),
  ];
  return adaptiveCard(body, [
    commandButton('New partnership', 'new partnership'),
    commandButton('Self-assessment', 'self-assessment'),
    commandButton('Exit interview', 'exit interview'),
    commandButton('My partnerships', 'my partnerships'),
  ]);
}
