import { z } from 'zod';
import { councilYear } from '../../src/validation/cardFields.js';
import type { FeatureFactory } from '../conversationServices.js';
import { ReportCommands } from '../reportCommands.js';
import { defineRoute } from '../routing/route.js';

/** The register export and the annual report for Leadership Team; in a channel they are sent to the 1:1 chat. */
export const reportFeature: FeatureFactory = ({ register, people, reference, selfAssessments, documents, scale, notifier, clock, logger, actions, rounds, reportArchive }) => {
  const reports = new ReportCommands({ register, people, reference, assessments: selfAssessments, documents, scale, notifier, clock, logger, actions, rounds, archive: reportArchive });
  return {
    routes: [
      defineRoute({
        verb: 'exportRegister',
        scope: 'anywhere',
        schema: z.object({}),
        help: {
          title: 'Register export and annual report',
          detail:
            'For the Strategic Partnership Officer and Leadership Team: say "export the register" for a CSV file that opens in Excel, or "annual report for 2026/27" (or "for last year") for a summary and the full printable report with charts (an Assistant Director gets the one for their areas). The SPO says "committee report for" and the meeting for the governance committee\'s report. Every report is kept: "list reports" opens one again.',
        },
        handle: (turn) => reports.exportRegister(turn.context, turn.person, turn.input.scope !== 'personal'),
      }),
      defineRoute({
        verb: 'annualReport',
        scope: 'anywhere',
        schema: z.object({ year: councilYear.optional(), relativeYear: z.enum(['this', 'last']).optional() }),
        handle: (turn, request) => reports.annualReport(turn.context, turn.person, request, turn.input.scope !== 'personal'),
      }),
      // "committee report for the Audit and Governance Committee on 14 July 2027"
      defineRoute({
        verb: 'committeeReport',
        scope: 'anywhere',
        schema: z.object({ year: councilYear.optional(), relativeYear: z.enum(['this', 'last']).optional(), meeting: z.string().trim().min(1).max(200).optional() }),
        handle: (turn, request) => reports.committeeReport(turn.context, turn.person, request, turn.input.scope !== 'personal'),
      }),
      defineRoute({
        verb: 'listReports',
        scope: 'anywhere',
        schema: z.object({}),
        handle: (turn) => reports.listReports(turn.context, turn.person),
      }),
      // A report on the list pressed: a fresh link to its kept copy.
      defineRoute({
        verb: 'openReport',
        scope: 'anywhere',
        schema: z.object({ reportId: z.string().min(1).max(100) }),
        invalid: 'That card no longer works. Nothing was changed.',
        handle: (turn, { reportId }) => reports.openReport(turn.context, turn.person, { reportId }, turn.input.scope !== 'personal'),
      }),
    ],
  };
};
