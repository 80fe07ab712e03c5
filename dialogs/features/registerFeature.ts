import { z } from 'zod';
import { importSummaryCard } from '../../cards/registerImportCards.js';
import { RegisterImportService } from '../../src/registerImport/registerImportService.js';
import { formatUkDate } from '../../src/util/ukFormat.js';
import { recordId } from '../../src/validation/cardFields.js';
import type { FeatureFactory } from '../conversationServices.js';
import { RegisterImportCommands } from '../registerImportCommands.js';
import { defineRoute } from '../routing/route.js';

const importRef = z.object({ importId: recordId });

/** Bringing the council's existing register in (the SPO), from a file sent in the 1:1 chat. */
export const registerFeature: FeatureFactory = ({ store, register, people, reference, scale, clock, logger, notifier, documents, settings }) => {
  const imports = new RegisterImportService({
    store, register, people, reference, scale, clock, logger, reviewIntervalMonths: settings.reviewIntervalMonths, summaries: notifier,
    summaryCard: (model) => importSummaryCard({ ...model, dateText: formatUkDate(model.date) }),
  });
  const commands = new RegisterImportCommands({ imports, documents, people, reference, scale, downloads: settings.fileDownloads, logger });
  return {
    routes: [
      defineRoute({
        verb: 'registerTemplate',
        scope: 'personal',
        schema: z.object({}),
        help: {
          title: 'Bring the register in',
          detail: 'For the Strategic Partnership Officer: say "register template" for a workbook to fill in (one row per partnership), then send it back here as a file. You see what would change before anything is written.',
        },
        handle: (turn) => commands.template(turn.context, turn.person),
      }),
      // A file sent in the 1:1 chat (Teams' download-info attachment).
      defineRoute({
        verb: 'importRegister',
        scope: 'personal',
        schema: z.object({ files: z.array(z.object({ name: z.string().min(1).max(200), downloadUrl: z.string().min(1).max(4000), fileType: z.string().max(20).optional() })).min(1).max(5) }),
        handle: (turn, { files }) => commands.receive(turn.context, turn.person, files),
      }),
      defineRoute({
        verb: 'confirmImport',
        scope: 'personal',
        schema: importRef,
        invalid: "That button no longer works. Send the file again to see what it would do.",
        handle: (turn, { importId }) => commands.confirm(turn.context, turn.person, importId),
      }),
      defineRoute({
        verb: 'cancelImport',
        scope: 'personal',
        schema: importRef,
        invalid: "That button no longer works. Nothing was written.",
        handle: (turn, { importId }) => commands.cancel(turn.context, turn.person, importId),
      }),
    ],
  };
};
