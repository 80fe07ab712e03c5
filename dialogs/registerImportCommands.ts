import type { TurnContext } from 'botbuilder';
import { dryRunCard, registerTemplateCard, type DryRunModel } from '../cards/registerImportCards.js';
import { cardMessage } from '../src/bot/replies.js';
import type { AttachedFile } from '../src/bot/turnInput.js';
import type { FileDownloadSettings } from '../src/config/config.js';
import type { ReferenceData } from '../src/config/referenceData.js';
import { XLSX_CONTENT_TYPE, type DocumentStore } from '../src/documents/documentStore.js';
import type { RiskScale } from '../src/domain/riskScale.js';
import type { Logger } from '../src/logging/logger.js';
import type { Person } from '../src/people/person.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import * as permissions from '../src/permissions/permissions.js';
import { downloadFile, FileDownloadError } from '../src/registerImport/fileDownload.js';
import type { ImportPlan } from '../src/registerImport/importPlan.js';
import { columnContext } from '../src/registerImport/registerColumns.js';
import { readRegisterFile, RegisterFileError } from '../src/registerImport/registerFile.js';
import type { RegisterImportService } from '../src/registerImport/registerImportService.js';
import { registerTemplateCsv, registerTemplateWorkbook } from '../src/registerImport/registerTemplate.js';
import { formatUkDate } from '../src/util/ukFormat.js';

export interface RegisterImportCommandsDeps {
  imports: RegisterImportService;
  documents: DocumentStore;
  people: PeopleDirectory;
  reference: ReferenceData;
  scale: RiskScale;
  downloads: FileDownloadSettings;
  logger: Logger;
}

/** The SPO brings the council's existing register in: the template, a file sent in the chat, the dry run, the confirmation. */
export class RegisterImportCommands {
  constructor(private readonly deps: RegisterImportCommandsDeps) {}

  async template(context: TurnContext, person: Person): Promise<void> {
    const verdict = permissions.importRegister(person);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const ctx = columnContext([], this.deps.reference, this.deps.scale);
    const createdBy = { objectId: person.objectId, name: person.name };
    const xlsx = await this.deps.documents.save({
      title: 'Partnership register template', fileName: 'partnership-register-template.xlsx', contentType: XLSX_CONTENT_TYPE, disposition: 'attachment',
      content: (await registerTemplateWorkbook(ctx)).toString('base64'), encoding: 'base64', createdBy,
    });
    const csv = await this.deps.documents.save({ title: 'Partnership register template (CSV)', fileName: 'partnership-register-template.csv', contentType: 'text/csv; charset=utf-8', disposition: 'attachment', content: registerTemplateCsv(), createdBy });
    const card = registerTemplateCard({ xlsxUrl: xlsx.url, csvUrl: csv.url, expiryNote: `The links work until ${formatUkDate(xlsx.expiresAt)}.` });
    await context.sendActivity(cardMessage(card, 'The register template'));
  }

  async receive(context: TurnContext, person: Person, files: AttachedFile[]): Promise<void> {
    const verdict = permissions.importRegister(person);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const file = files[0]!;
    let content: Buffer;
    try {
      content = await downloadFile(file.downloadUrl, this.deps.downloads);
    } catch (error) {
      if (!(error instanceof FileDownloadError)) throw error;
      this.deps.logger.warn({ reason: error.reason }, 'register file not downloaded');
      const why =
        error.reason === 'too-large'
          ? `it is larger than ${Math.round(this.deps.downloads.maxBytes / 1000).toLocaleString('en-GB')} KB, far more than a register needs`
          : error.reason === 'not-allowed'
            ? 'it did not come from Teams'
            : 'Teams did not let me fetch it just now';
      await context.sendActivity(`I couldn't read ${file.name}: ${why}. Nothing has been changed. Send it again as a file in this chat.`);
      return;
    }
    let sheet;
    try {
      sheet = await readRegisterFile(content, file.name);
    } catch (error) {
      if (!(error instanceof RegisterFileError)) throw error;
      await context.sendActivity(`I couldn't read ${file.name}: ${error.message}. Nothing has been changed. Say "register template" for a workbook in the right shape.`);
      return;
    }
    const { record, plan } = await this.deps.imports.dryRun({ fileName: file.name, content, sheet }, { objectId: person.objectId, name: person.name });
    await this.showPlan(context, record.id, record.fileName, plan);
  }

  async confirm(context: TurnContext, person: Person, importId: string): Promise<void> {
    const verdict = permissions.importRegister(person);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const result = await this.deps.imports.apply(importId, { objectId: person.objectId, name: person.name });
    switch (result.kind) {
      case 'not-found':
        await context.sendActivity("I can't find that import any more. Send the file again to see what it would do.");
        return;
      case 'cancelled':
        await context.sendActivity(`That import of ${result.record.fileName} was cancelled, so nothing was written. Send the file again to import it.`);
        return;
      case 'already-applied':
        await context.sendActivity(
          `That import of ${result.record.fileName} was already applied${result.record.appliedBy ? ` by ${result.record.appliedBy.name}` : ''} on ${formatUkDate(result.record.appliedAt ?? result.record.createdAt)}. Nothing has changed.`,
        );
        return;
      case 'changed':
        await this.showPlan(context, importId, result.record.fileName, result.plan, 'The register has changed since this dry run, so I have not imported anything. This is what the file would do now:');
        return;
      case 'applied': {
        const { plan } = result;
        const directors = result.summaries === 0 ? '' : ` I've sent ${result.summaries === 1 ? 'the Assistant Director' : `${result.summaries} Assistant Directors`} a summary of what came in for their areas.`;
        await context.sendActivity(
          `Imported ${result.record.fileName}: ${plan.added.length} added, ${plan.updated.length} updated, ${plan.unchanged} unchanged${plan.problems.length ? `, ${new Set(plan.problems.map((p) => p.row)).size} rows left out with problems` : ''}. Every change is in each entry's history ("what changed on" and the partnership).${directors}`,
        );
      }
    }
  }

  async cancel(context: TurnContext, person: Person, importId: string): Promise<void> {
    const verdict = permissions.importRegister(person);
    if (!verdict.allowed) return void (await context.sendActivity(verdict.refusal));
    const record = await this.deps.imports.cancel(importId);
    await context.sendActivity(record?.status === 'applied' ? 'That import was already applied, so there is nothing to cancel.' : 'Cancelled. Nothing from that file was written.');
  }

  private async showPlan(context: TurnContext, importId: string, fileName: string, plan: ImportPlan, lead?: string): Promise<void> {
    const model: DryRunModel = {
      importId,
      fileName,
      ...(lead ? { lead } : {}),
      added: plan.added.map((a) => ({ row: a.row, name: a.name })),
      updated: plan.updated.map((u) => ({ row: u.row, name: u.name, fields: u.fields })),
      unchanged: plan.unchanged,
      problems: plan.problems,
      similarNames: plan.similarNames,
    };
    await context.sendActivity(cardMessage(dryRunCard(model), `Register import: ${plan.added.length} to add, ${plan.updated.length} to update, ${plan.problems.length} problems`));
  }
}
