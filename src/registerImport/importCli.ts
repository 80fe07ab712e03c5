import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importSummaryCard } from '../../cards/registerImportCards.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { ReferenceData } from '../config/referenceData.js';
import { loadRiskScale } from '../domain/riskScale.js';
import { createLogger } from '../logging/logger.js';
import { Notifier } from '../notifications/notifier.js';
import { PartnershipRegister } from '../partnerships/partnershipRegister.js';
import { PeopleDirectory } from '../people/peopleDirectory.js';
import { openRecordStore } from '../storage/openRecordStore.js';
import { systemClock } from '../util/clock.js';
import { formatUkDate } from '../util/ukFormat.js';
import { readRegisterFile, RegisterFileError } from './registerFile.js';
import { RegisterImportService } from './registerImportService.js';

/**
 * The register import for operators, from the command line, against the
 * configured store (the same settings as the bot):
 *
 *   npm run import:register -- register.xlsx            # dry run: what would change, every problem
 *   npm run import:register -- register.xlsx --apply    # then write it
 *
 * The Assistant Directors' summaries wait for their next message to the bot.
 */
async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--'));
  const apply = argv.includes('--apply');
  if (!file) {
    process.stderr.write('Usage: npm run import:register -- <register.xlsx or .csv> [--apply]\n');
    return 64;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const logger = createLogger(process.env['LOG_LEVEL'] ?? 'warn', process.stderr);
  const store = await openRecordStore(config.storage);
  try {
    const people = new PeopleDirectory(store, systemClock, config.adminObjectIds);
    const register = new PartnershipRegister(store, systemClock);
    // From here nothing can be delivered at once: summaries wait for each Assistant Director's next message.
    const notifier = new Notifier(store, people, { deliver: () => Promise.reject(new Error('not from the command line')) }, systemClock, logger);
    const service = new RegisterImportService({
      store, register, people, reference: ReferenceData.load(config.referenceData), scale: loadRiskScale(config.riskScaleFile), clock: systemClock, logger,
      reviewIntervalMonths: config.reviewIntervalMonths, summaries: notifier, summaryCard: (model) => importSummaryCard({ ...model, dateText: formatUkDate(model.date) }),
    });
    const content = readFileSync(file);
    const sheet = await readRegisterFile(content, file);
    const by = { objectId: 'command-line', name: `Command-line import by ${process.env['USER'] ?? 'an operator'}` };
    const { record, plan } = await service.dryRun({ fileName: basename(file), content, sheet }, by);
    const out = process.stdout;
    out.write(`${basename(file)}: ${plan.added.length} to add, ${plan.updated.length} to update, ${plan.unchanged} unchanged, ${plan.problems.length} problems\n`);
    for (const u of plan.updated) out.write(`  update row ${u.row} ${u.reference} ${u.name}: ${u.fields.join(', ')}\n`);
    for (const p of plan.problems) out.write(`  problem row ${p.row}, ${p.column}${p.value ? ` "${p.value}"` : ''}: ${p.why}. Accepted: ${p.accepted}\n`);
    if (!apply) {
      out.write('Dry run: nothing was written. Run again with --apply to import.\n');
      return 0;
    }
    const result = await service.apply(record.id, by);
    out.write(result.kind === 'applied' ? `Imported: ${result.plan.added.length} added, ${result.plan.updated.length} updated; ${result.summaries} summaries wait for their Assistant Directors.\n` : `Not applied: ${result.kind}.\n`);
    return result.kind === 'applied' ? 0 : 1;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof RegisterFileError;
    process.stderr.write(`${known ? '' : 'The import failed: '}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(known ? 65 : 1);
  },
);
