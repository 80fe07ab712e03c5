import { z } from 'zod';
import { councilYear } from '../../src/validation/cardFields.js';
import type { FeatureFactory } from '../conversationServices.js';
import { ReportCommands } from '../reportCommands.js';
import { defineRoute } from '../routing/route.js';

/** The register export and the annual report for Leadership Team; in a channel they are sent to the 1:1 chat. */
export const reportFeature: FeatureFactory = ({ register, people, reference, selfAssessments, documents, scale, notifier, clock, logger }) => {
  const reports = new ReportCommands({ register, people, reference, assessments: selfAssessments, documents, scale, notifier, clock, logger });
  return {
    routes: [
      defineRoute({
        verb: 'exportRegister',
        scope: 'anywhere',
        schema: z.object({}),
        help: {
          title: 'Register export and annual report',
          detail:
            'For the Strategic Partnership Officer and Leadership Team: say "export the register" for a CSV file that opens in Excel, or "annual report for 2026/27" (or "for last year") for a summary and the full printable report with charts.',
        },
        handle: (turn) => reports.exportRegister(turn.context, turn.person, turn.input.scope !== 'personal'),
      }),
      defineRoute({
        verb: 'annualReport',
        scope: 'anywhere',
        schema: z.object({ year: councilYear.optional(), relativeYear: z.enum(['this', 'last']).optional() }),
        handle: (turn, request) => reports.annualReport(turn.context, turn.person, request, turn.input.scope !== 'personal'),
      }),
    ],
  };
};
