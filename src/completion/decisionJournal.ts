import type { Activity, TurnContext } from 'botbuilder';
import { adaptiveCard, paragraph, type AdaptiveCardJson } from '../../cards/cardTypes.js';
import { collectingContext } from './collectingContext.js';
import type { Logger } from '../logging/logger.js';
import type { Notifier } from '../notifications/notifier.js';
import type { PersonRef } from '../partnerships/partnership.js';
import { createOnce, decideRecordChange } from '../storage/changeRecord.js';
import type { RecordKey, RecordStore } from '../storage/recordStore.js';
import type { Clock } from '../util/clock.js';

/**
 * A decision someone made on a card (an Assistant Director's on a proposal, or on an
 * exit), written before any of its effects: its id is the decision's (the partnership,
 * what is decided and the revision), so pressing the button twice, on two instances,
 * makes one. Its steps (the register changed, the assessment marked, the people told
 * through the outbox) are each safe to run again, and a decision left pending (a fault,
 * a killed process) is finished when the button is pressed again or by the recovery
 * sweep, whichever comes first.
 */
export interface DecisionRecord<R = unknown> {
  id: string;
  type: string;
  partnershipId: string;
  revision: number;
  by: PersonRef;
  request: R;
  /** What the steps need to redo themselves faithfully (e.g. the entry as it was before). */
  facts: Record<string, unknown>;
  state: 'pending' | 'done';
  leaseUntil?: string;
  createdAt: string;
  doneAt?: string;
}

export type DecisionSteps = (record: DecisionRecord, context: TurnContext) => Promise<void>;

const KIND = 'decision';

export class DecisionJournal {
  private readonly steps = new Map<string, DecisionSteps>();

  constructor(
    private readonly store: RecordStore,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly settings: { leaseMs: number; graceMs: number },
  ) {}

  /** Each kind of decision says once how its steps are done (re-done). */
  define(type: string, steps: DecisionSteps): void {
    this.steps.set(type, steps);
  }

  async find<R>(partnershipId: string, id: string): Promise<DecisionRecord<R> | undefined> {
    return (await this.store.read<DecisionRecord<R>>(keyOf(partnershipId, id)))?.body;
  }

  /** Records the decision unless one with its id exists; returns what is stored and whether it is this call's. */
  async open<R>(record: Omit<DecisionRecord<R>, 'state' | 'createdAt'>): Promise<{ record: DecisionRecord<R>; created: boolean }> {
    const full: DecisionRecord<R> = { ...record, state: 'pending', createdAt: this.clock.now().toISOString() };
    const { body, created } = await createOnce(this.store, keyOf(record.partnershipId, record.id), full);
    return { record: body, created };
  }

  /** Runs (or runs again) a pending decision's steps in this turn, then marks it done. False when another instance holds it. */
  async run(record: DecisionRecord, context: TurnContext): Promise<boolean> {
    const claimed = await this.claim(record);
    if (!claimed) return false;
    const steps = this.steps.get(claimed.type);
    if (!steps) throw new Error(`No steps for decisions of type ${claimed.type}`);
    await steps(claimed, context);
    await this.markDone(claimed);
    return true;
  }

  /** The recovery sweep's part: decisions left pending longer than the grace period are finished; the decider is told through the outbox. */
  async sweep(): Promise<{ finished: number }> {
    const cutoff = new Date(this.clock.now().getTime() - this.settings.graceMs).toISOString();
    const page = await this.store.query<DecisionRecord>({
      kind: KIND,
      where: [
        { field: 'state', op: '=', value: 'pending' },
        { field: 'createdAt', op: '<=', value: cutoff },
      ],
      pageSize: 100,
    });
    let finished = 0;
    for (const { body } of page.items) {
      const said: Array<string | Partial<Activity>> = [];
      const context = collectingContext(said);
      try {
        if (!(await this.run(body, context))) continue;
      } catch (error) {
        this.logger.warn({ err: error, decisionId: body.id }, 'recovery sweep could not finish a decision; it is tried again');
        continue;
      }
      const texts = said.filter((m): m is string => typeof m === 'string');
      const cards = said.flatMap((m) => (typeof m === 'string' ? [] : ((m.attachments ?? []).map((a) => a.content as AdaptiveCardJson))));
      const card = texts.length > 0 ? adaptiveCard(texts.map((t) => paragraph(t))) : cards[0];
      if (card) await this.notifier.notify(body.by.objectId, `decision-${body.partnershipId}-${body.id}`, { card, summary: 'Your decision is recorded' });
      finished++;
    }
    return { finished };
  }

  private async claim(record: DecisionRecord): Promise<DecisionRecord | undefined> {
    const now = this.clock.now();
    return (
      await decideRecordChange<DecisionRecord, DecisionRecord | undefined>(this.store, keyOf(record.partnershipId, record.id), (current) => {
        if (!current || current.state !== 'pending') return { result: undefined };
        if (current.leaseUntil && current.leaseUntil > now.toISOString()) return { result: undefined };
        const body = { ...current, leaseUntil: new Date(now.getTime() + this.settings.leaseMs).toISOString() };
        return { body, result: body };
      })
    ).result;
  }

  private async markDone(record: DecisionRecord): Promise<void> {
    const at = this.clock.now().toISOString();
    await decideRecordChange<DecisionRecord, undefined>(this.store, keyOf(record.partnershipId, record.id), (current) => {
      if (!current || current.state !== 'pending') return { result: undefined };
      const { leaseUntil: _lease, ...rest } = current;
      return { body: { ...rest, state: 'done', doneAt: at }, result: undefined };
    });
  }
}

function keyOf(partnershipId: string, id: string): RecordKey {
  return { kind: KIND, partition: partnershipId, id };
}

