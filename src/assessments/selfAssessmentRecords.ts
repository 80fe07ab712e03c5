import { yearKey } from '../domain/assessmentYear.js';
import { changeRecord, type RecordChange } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { SelfAssessment, SelfAssessmentResponse } from './selfAssessment.js';

const RESPONSE = 'sa-response';
const ASSESSMENT = 'self-assessment';

/**
 * Self-assessments and officers' responses, kept in the partnership's own
 * partition beside its register entry so one partition read gives its history.
 */
export class SelfAssessmentRecords {
  constructor(private readonly store: RecordStore) {}

  /** Keeps the officer's latest response for the year; the same draft saved twice writes the same record. */
  async saveResponse(response: SelfAssessmentResponse): Promise<void> {
    await this.store.upsert(key(RESPONSE, response.partnershipId, response.id), response);
  }

  async responses(partnershipId: string, year: string): Promise<SelfAssessmentResponse[]> {
    const page = await this.store.query<SelfAssessmentResponse>({ kind: RESPONSE, partition: partnershipId, where: [{ field: 'year', op: '=', value: year }], orderBy: { field: 'submittedAt' }, pageSize: 200 });
    return page.items.map((r) => r.body);
  }

  async get(partnershipId: string, year: string): Promise<{ assessment: SelfAssessment; etag: string } | undefined> {
    const record = await this.store.read<SelfAssessment>(key(ASSESSMENT, partnershipId, yearKey(year)));
    return record ? { assessment: record.body, etag: record.etag } : undefined;
  }

  /**
   * Changes the year's assessment (creating it when there is none) with optimistic
   * concurrency: `change` is applied again to the newer version when someone else saved
   * first, so it may read (the responses, say) but must not write.
   */
  async change(
    partnershipId: string,
    year: string,
    change: (current: SelfAssessment | undefined) => SelfAssessment | undefined | Promise<SelfAssessment | undefined>,
  ): Promise<RecordChange<SelfAssessment>> {
    return changeRecord(this.store, key(ASSESSMENT, partnershipId, yearKey(year)), change);
  }

  /** Years whose assessment is still open (someone responded, nobody closed it), earliest first. */
  async openYears(partnershipId: string): Promise<string[]> {
    const page = await this.store.query<SelfAssessment>({ kind: ASSESSMENT, partition: partnershipId, where: [{ field: 'status', op: '=', value: 'open' }], orderBy: { field: 'year' }, pageSize: 100 });
    return page.items.map((r) => r.body.year);
  }

  /** Closed assessments, earliest year first. */
  async history(partnershipId: string): Promise<SelfAssessment[]> {
    const page = await this.store.query<SelfAssessment>({ kind: ASSESSMENT, partition: partnershipId, where: [{ field: 'status', op: '=', value: 'closed' }], orderBy: { field: 'year' }, pageSize: 100 });
    return page.items.map((r) => r.body);
  }
}

function key(kind: string, partition: string, id: string): RecordKey {
  return { kind, partition, id };
}
