import { z } from 'zod';
import { importSummaryCard } from '../../cards/registerImportCards.js';
import { RegisterImportService } from '../../src/registerImport/registerImportService.js';
import { formatUkDate } from '../../src/util/ukFormat.js';
import { recordId } from '../../src/validation/cardFields.js';
import * as permissions from '../../src/permissions/permissions.js';
import type { FeatureFactory } from '../conversationServices.js';
import { RegisterImportCommands } from '../registerImportCommands.js';
import { RegisterCorrections } from '../registerCorrections.js';
import { EDIT_REASON_INPUT, REMOVAL_REASON_INPUT } from '../../cards/registerEditCards.js';
import { words } from '../../src/validation/cardFields.js';
import { defineRoute } from '../routing/route.js';

const importRef = z.object({ importId: recordId });

/** Bringing the council's existing register in (the SPO), from a file sent in the 1:1 chat. */
export const registerFeature: FeatureFactory = ({ store, register, people, reference, scale, clock, logger, notifier, documents, settings }) => {
  const imports = new RegisterImportService({
    store, register, people, reference, scale, clock, logger, reviewIntervalMonths: settings.reviewIntervalMonths, summaries: notifier,
    summaryCard: (model) => importSummaryCard({ ...model, dateText: formatUkDate(model.date) }),
  });
  const commands = new RegisterImportCommands({ imports, documents, people, reference, scale, downloads: settings.fileDownloads, logger });
  const corrections = new RegisterCorrections({ register, people, reference, scale, clock, reviewIntervalMonths: settings.reviewIntervalMonths });
  return {
    routes: [
      defineRoute({
        verb: 'registerTemplate',
        scope: 'personal',
        schema: z.object({}),
        help: {
          title: 'Bring the register in',
          detail: 'Say "register template" for a workbook to fill in (one row per partnership), then send it back here as a file. You see what would change before anything is written.',
          onlyFor: permissions.importRegister,
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
      // "edit the Community Safety Partnership": a card with every editable field and its value.
      defineRoute({
        verb: 'editPartnership',
        scope: 'personal',
        schema: z.object({ partnershipName: words(150) }),
        help: {
          title: 'Correct an entry',
          detail: 'Say "edit" and the partnership for a card of its details, or type the change: "make Sam Patel lead officer of CSP", "move the review of CSP to 30 June 2027", "rename CSP to …", "add Essex Police as a partner to CSP". "What changed on CSP" shows its history.',
        },
        handle: (turn, { partnershipName }) => corrections.edit(turn.context, turn.person, partnershipName),
      }),
      defineRoute({
        verb: 'saveRegisterEdit',
        scope: 'personal',
        schema: z.looseObject({ partnershipId: recordId, version: z.string().min(1).max(40), [EDIT_REASON_INPUT]: z.string().max(2000).optional() }),
        invalid: 'That card no longer works. Say "edit" and the partnership for a fresh one. Nothing was changed.',
        handle: (turn, data) => {
          const inputs = Object.fromEntries(Object.entries(data).filter(([k, v]) => /^f\d{1,2}$/.test(k) && typeof v === 'string').map(([k, v]) => [k, (v as string).slice(0, 4000)]));
          return corrections.saveCard(turn.context, turn.person, { partnershipId: data.partnershipId, version: data.version, inputs, reason: (data[EDIT_REASON_INPUT] ?? '').trim().slice(0, 1000) });
        },
      }),
      defineRoute({
        verb: 'correctPartnership',
        scope: 'anywhere',
        schema: z.object({
          partnershipName: words(150),
          field: z.enum(['leadOfficer', 'nextReviewDue', 'serviceArea', 'name', 'endDate', 'partner']),
          value: words(200),
          reason: z.string().trim().max(1000).optional(),
        }),
        handle: (turn, request) => corrections.correctTyped(turn.context, turn.person, request),
      }),
      defineRoute({
        verb: 'partnershipHistory',
        scope: 'anywhere',
        schema: z.object({ partnershipName: words(150) }),
        handle: (turn, { partnershipName }) => corrections.history(turn.context, turn.person, partnershipName),
      }),
      // "remove the Test Forum from the register because it was made in error", then the card's Remove it.
      defineRoute({
        verb: 'removePartnership',
        scope: 'personal',
        schema: z.object({
          partnershipName: words(150).optional(),
          partnershipId: recordId.optional(),
          reason: z.string().trim().max(1000).optional(),
          confirmed: z.boolean().optional(),
          [REMOVAL_REASON_INPUT]: z.string().max(2000).optional(),
        }),
        handle: (turn, data) =>
          corrections.remove(turn.context, turn.person, {
            ...(data.partnershipName ? { partnershipName: data.partnershipName } : {}),
            ...(data.partnershipId ? { partnershipId: data.partnershipId } : {}),
            reason: (data[REMOVAL_REASON_INPUT] ?? data.reason ?? '').trim().slice(0, 1000),
            confirmed: data.confirmed === true,
          }),
      }),
    ],
  };
};
