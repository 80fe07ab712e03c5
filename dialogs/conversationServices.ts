import type { SelfAssessmentService } from '../src/assessments/selfAssessmentService.js';
import type { DocumentStore } from '../src/documents/documentStore.js';
import type { RiskScale } from '../src/domain/riskScale.js';
import type { ReferenceData } from '../src/config/referenceData.js';
import type { Tracing } from '../src/telemetry/tracing.js';
import type { RecordStore } from '../src/storage/recordStore.js';
import type { Logger } from '../src/logging/logger.js';
import type { Notifier } from '../src/notifications/notifier.js';
import type { ExitInterviewService } from '../src/partnerships/exitInterviewService.js';
import type { NewPartnershipService } from '../src/partnerships/newPartnershipService.js';
import type { PartnershipRegister } from '../src/partnerships/partnershipRegister.js';
import type { PeopleDirectory } from '../src/people/peopleDirectory.js';
import type { BankCatalogue } from '../src/questionnaire/bankCatalogue.js';
import type { DraftRepository } from '../src/questionnaire/draftRepository.js';
import type { ReminderPreferences } from '../src/reminders/reminderPreferences.js';
import type { Clock } from '../src/util/clock.js';
import type { MessageReader } from '../src/language/messageReader.js';
import type { ChannelHandover } from './channelHandover.js';
import type { ActionLog } from '../src/actions/actionLog.js';
import type { AnnualRounds } from '../src/assessments/annualRounds.js';
import type { RiskRegister } from '../src/partnerships/riskRegister.js';
import type { ReportArchive } from '../src/reports/reportArchive.js';
import type { FileDownloadSettings, GovernanceSettings } from '../src/config/config.js';
import type { CompletionRunner } from '../src/completion/completionRunner.js';
import type { DecisionJournal } from '../src/completion/decisionJournal.js';
import type { QuestionnaireLauncher } from './questionnaireLauncher.js';
import type { QuestionnaireFlow } from './routing/questionnaireFlow.js';
import type { HelpEntry, Route, RouteTurn } from './routing/route.js';

/**
 * What the conversation's features are built from: the app's services (made in
 * src/app.ts, the composition root). Each feature takes what it needs.
 */
/** Settings the conversation needs beyond its services. */
export interface ConversationSettings {
  reviewIntervalMonths: number;
  fileDownloads: FileDownloadSettings;
  /** Ask Teams for a person's email and UPN while unknown (off in tests with no connector to ask). */
  memberLookup: boolean;
  /** The governance cycle's thresholds: actions and returns raised with the Assistant Director. */
  governance: GovernanceSettings;
  /** Questionnaire buttons as Universal Actions (default) or Action.Submit only. */
  cardActions?: 'universal' | 'submit';
}

export interface ConversationServices {
  /** The record store itself, for features that keep records of their own (register imports). */
  store: RecordStore;
  /** Annotates the turn's trace (which verb ran); absent or a no-op without telemetry. */
  tracing?: Tracing;
  settings: ConversationSettings;
  register: PartnershipRegister;
  people: PeopleDirectory;
  drafts: DraftRepository;
  banks: BankCatalogue;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  scale: RiskScale;
  /** Service areas, plan priorities (versioned) and kinds of risk, from configuration. */
  reference: ReferenceData;
  newPartnerships: NewPartnershipService;
  selfAssessments: SelfAssessmentService;
  exits: ExitInterviewService;
  reminderPreferences: ReminderPreferences;
  documents: DocumentStore;
  handover: ChannelHandover;
  /** What typed words mean: an intent, its verb and data, or how unsure the bot is. */
  reader: MessageReader;
  /** Every partnership's action log. */
  actions: ActionLog;
  /** Every partnership's risks as reviewed. */
  risks: RiskRegister;
  /** The SPO's annual rounds: who was invited, when. */
  rounds: AnnualRounds;
  /** Every report produced, kept. */
  reportArchive: ReportArchive;
  /** Finishes what submitting a questionnaire does, whatever interrupts it (src/completion/). */
  completions: CompletionRunner;
  /** Decisions made on cards, recorded before their effects so they are finished whatever interrupts them. */
  decisions: DecisionJournal;
}

/** What the conversation itself provides to its features. */
export interface ConversationParts {
  launcher: QuestionnaireLauncher;
  /** Every help entry, in registration order, read when a help card is built. */
  helpEntries(): Array<HelpEntry & { topic: string }>;
  /** Offers a card press to the questionnaire in progress; true when it took it. */
  continueQuestionnaire(turn: RouteTurn): Promise<boolean>;
}

/** A feature: the questionnaire flows and the routes it adds, built once. */
export interface Feature {
  flows?: Array<QuestionnaireFlow<unknown>>;
  routes?: Array<Route<unknown>>;
}

/** Features are listed once, in dialogs/features.ts: adding one is one line there. */
export type FeatureFactory = (services: ConversationServices, parts: ConversationParts) => Feature;
