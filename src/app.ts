import type { Agent } from 'node:https';
import { join } from 'node:path';
import { ConversationState } from 'botbuilder';
import type { AppConfig } from './config/config.js';
import { createBotAdapter } from './bot/botAdapter.js';
import { BotStateStorage } from './bot/botStateStorage.js';
import { ToolkitBot } from './bot/toolkitBot.js';
import { startHttpServer, type HealthReport } from './http/httpServer.js';
import type { Logger } from './logging/logger.js';
import { PeopleDirectory } from './people/peopleDirectory.js';
import { openRecordStore } from './storage/openRecordStore.js';
import type { RecordStore } from './storage/recordStore.js';
import { systemClock, type Clock } from './util/clock.js';
import { BankCatalogue } from './questionnaire/bankCatalogue.js';
import { DraftRepository } from './questionnaire/draftRepository.js';
import { loadRiskScale } from './domain/riskScale.js';
import { ReferenceData, referenceOptions } from './config/referenceData.js';
import { checkBanksAgainstReferenceData } from './config/referenceChecks.js';
import { Notifier } from './notifications/notifier.js';
import { NewPartnershipService } from './partnerships/newPartnershipService.js';
import { PartnershipRegister } from './partnerships/partnershipRegister.js';
import { TeamsProactiveDelivery } from './bot/teamsProactiveDelivery.js';
import { SelfAssessmentRecords } from './assessments/selfAssessmentRecords.js';
import { SelfAssessmentService } from './assessments/selfAssessmentService.js';
import { ExitInterviewService } from './partnerships/exitInterviewService.js';
import type { LatestScoreSource } from './partnerships/latestScoreSource.js';
import { ChannelHandover } from '../dialogs/channelHandover.js';
import { FEATURES } from '../dialogs/features.js';
import { PRACTICE_BANK_ID } from '../dialogs/features/practiceFeature.js';
import { ReminderPreferences } from './reminders/reminderPreferences.js';
import { ReminderRun } from './reminders/reminderRun.js';
import { startDailyReminderSchedule } from './reminders/dailyReminderSchedule.js';
import { documentBytes, DocumentStore } from './documents/documentStore.js';
import { languageModelFiles, languageReference } from './language/languageSetup.js';
import { MessageReader } from './language/messageReader.js';
import { LanguageUnderstanding } from './language/understanding.js';
import { ActionLog } from './actions/actionLog.js';
import { AnnualRounds } from './assessments/annualRounds.js';
import { RiskRegister } from './partnerships/riskRegister.js';
import { ReportArchive } from './reports/reportArchive.js';
import { storageProbe, type StorageProbe } from './health/storageProbe.js';
import { startTelemetry } from './telemetry/telemetry.js';
import { noTracing } from './telemetry/tracing.js';
import { TracedStore } from './telemetry/tracedStore.js';
import { tracedDelivery, turnAttributes } from './telemetry/turnSpans.js';
import type { MessageDelivery } from './notifications/notifier.js';
import { CompletionRunner } from './completion/completionRunner.js';
import { DecisionJournal } from './completion/decisionJournal.js';
import { startRecoverySweep, type RecoverySweep } from './completion/recoverySweep.js';

export interface AppOptions {
  config: AppConfig;
  logger: Logger;
  clock?: Clock;
  /** Tests pass a store they opened themselves; otherwise the configured one is opened. */
  store?: RecordStore;
  /** Tests pass their own latest self-assessment scores. */
  latestScores?: LatestScoreSource;
  /** Tests send telemetry to a local ingestion endpoint through this agent (see startTelemetry). */
  telemetryAgent?: Agent;
  /** Tests wrap Teams' proactive delivery (to freeze it when they "kill" an instance). */
  wrapDelivery?: (delivery: MessageDelivery) => MessageDelivery;
}

export interface RunningApp {
  url: string;
  port: number;
  store: RecordStore;
  people: PeopleDirectory;
  drafts: DraftRepository;
  register: PartnershipRegister;
  /** Proactive messages, waiting for the person's next turn when Teams cannot take them. */
  notifier: Notifier;
  /** The same reminders run the scheduler triggers over HTTP. */
  reminders: ReminderRun;
  /** Finishes interrupted completions and retries the outbox; also runs at start-up and on a timer. */
  recovery: RecoverySweep;
  /** Every verb the bot answers to (card actions and recognised requests). */
  verbs: string[];
  close(): Promise<void>;
}

/** Wires configuration, storage, the bot and the HTTP server together. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  // Banks are checked before anything starts, against the risk scale they take their levels from:
  // a mistake in one stops the deployment, not a conversation.
  const scale = loadRiskScale(config.riskScaleFile);
  // Banks that passed these checks before are read back while their files and the code are unchanged.
  const banks = BankCatalogue.loadFromDirectory(config.banksDirectory, scale, join(process.cwd(), 'node_modules', '.cache', 'partnership-toolkit'));
  for (const warning of banks.warnings) logger.warn({ riskScale: config.riskScaleFile }, warning);
  const reference = ReferenceData.load(config.referenceData);
  checkBanksAgainstReferenceData(banks, reference, config.referenceData);
  banks.useReferenceData(referenceOptions(reference));
  // So are the intent files: the classifier is trained from them (or its saved model loaded) before the server listens.
  const languageStarted = performance.now();
  const language = await LanguageUnderstanding.create({
    dir: config.languageDirectory,
    reference: languageReference(reference),
    riskBands: scale.bands.map((b) => b.id),
    modelFiles: languageModelFiles(),
  });
  logger.info({ model: language.modelSource, ms: Math.round(performance.now() - languageStarted) }, 'language understanding ready');
  const ownsStore = !options.store;
  // Traces when Application Insights is configured; otherwise nothing of OpenTelemetry is loaded.
  // A malformed connection string costs the traces, not the bot: officers are served without them.
  const tracing = await startTelemetry({ connectionString: config.applicationInsightsConnectionString, ...(options.telemetryAgent ? { agent: options.telemetryAgent } : {}) }).catch((error: unknown) => {
    logger.error({ err: error }, 'telemetry could not start: check APPLICATIONINSIGHTS_CONNECTION_STRING; running without traces');
    return noTracing;
  });
  const openedStore = options.store ?? (await openRecordStore(config.storage));
  const store = tracing.enabled ? new TracedStore(openedStore, tracing) : openedStore;

  const people = new PeopleDirectory(store, clock, config.adminObjectIds);
  const configuredDirectors = await people.applyConfiguredDirectors(reference.serviceAreas);
  if (configuredDirectors > 0) logger.info({ granted: configuredDirectors }, 'Assistant Directors named in the service areas file were given their role');
  const conversationState = new ConversationState(new BotStateStorage(store));
  const drafts = new DraftRepository(store);
  const register = new PartnershipRegister(store, clock);
  const botAdapter = createBotAdapter({ auth: config.botAuth, allowedTenantId: config.allowedTenantId, logger, tracing });
  const teamsDelivery: MessageDelivery = new TeamsProactiveDelivery(botAdapter.adapter, config.botAuth?.appId, logger);
  const tracedTeams = tracing.enabled ? tracedDelivery(teamsDelivery, tracing) : teamsDelivery;
  const notifier = new Notifier(store, people, options.wrapDelivery ? options.wrapDelivery(tracedTeams) : tracedTeams, clock, logger, config.recovery.leaseMs);
  const completions = new CompletionRunner({ store, drafts, banks, people, notifier, clock, logger, settings: { leaseMs: config.recovery.leaseMs, graceMs: config.recovery.graceMs } });
  const newPartnerships = new NewPartnershipService(register, scale, clock, {
    significanceThreshold: config.significanceThreshold,
    reviewIntervalMonths: config.reviewIntervalMonths,
  });
  const selfAssessments = new SelfAssessmentService(new SelfAssessmentRecords(store), register, banks, scale, clock, { reviewIntervalMonths: config.reviewIntervalMonths });
  const latestScores: LatestScoreSource = options.latestScores ?? selfAssessments;
  const exits = new ExitInterviewService(register, latestScores, clock);
  const reminderPreferences = new ReminderPreferences(store);
  const actions = new ActionLog(store, register, people, clock);
  const risks = new RiskRegister(store, register, scale, clock);
  const rounds = new AnnualRounds(store);
  const reportArchive = new ReportArchive(store, clock);
  const decisions = new DecisionJournal(store, notifier, clock, logger, { leaseMs: config.recovery.leaseMs, graceMs: config.recovery.graceMs });
  const recovery = startRecoverySweep(
    // Each part is a trace of its own: its storage calls belong to no officer's turn.
    [
      { name: 'completions', run: () => tracing.span('recovery sweep: completions', 'internal', {}, () => completions.sweep()) },
      { name: 'decisions', run: () => tracing.span('recovery sweep: decisions', 'internal', {}, () => decisions.sweep()) },
      { name: 'outbox', run: () => tracing.span('recovery sweep: outbox', 'internal', {}, () => notifier.retryDue()) },
    ],
    config.recovery.intervalMs,
    logger,
  );
  const reminders = new ReminderRun({
    register, drafts, banks, people, notifier, preferences: reminderPreferences, clock, logger, ignoredBankIds: [PRACTICE_BANK_ID],
    actions, rounds, responses: selfAssessments, governance: config.governance, recover: () => recovery.run(),
  });
  // Links to documents use the public address; locally, the one the server listens on (known once it starts).
  let listeningUrl = '';
  const documents = new DocumentStore(store, clock, config.documentLinkDays, () => config.publicBaseUrl ?? listeningUrl);
  const handover = new ChannelHandover(notifier, config.botAuth?.appId);
  const reader = new MessageReader(language, register, people, clock);
  const bot = new ToolkitBot({
    conversationState,
    features: FEATURES,
    store,
    tracing,
    settings: { reviewIntervalMonths: config.reviewIntervalMonths, fileDownloads: config.fileDownloads, memberLookup: config.memberLookup, governance: config.governance, cardActions: config.cardActions },
    register,
    people,
    drafts,
    banks,
    notifier,
    clock,
    logger,
    scale,
    reference,
    newPartnerships,
    selfAssessments,
    exits,
    reminderPreferences,
    documents,
    handover,
    reader,
    actions,
    risks,
    rounds,
    reportArchive,
    completions,
    decisions,
  });

  // The unwrapped store: a probe every minute per instance is not worth a trace of its own.
  const probe = storageProbe(openedStore);
  const server = await startHttpServer({
    port: config.port,
    host: config.host,
    maxRequestBytes: config.maxRequestBytes,
    remindersSecret: config.remindersSecret,
    messagesRequireBearer: config.botAuth !== undefined,
    logger,
    routes: {
      messages: (req, res) => tracing.span('turn', 'server', turnAttributes(req), () => botAdapter.processActivity(req, res, (context) => bot.run(context))),
      health: () => checkHealth(probe),
      runReminders: () => tracing.span('reminders run', 'server', {}, async () => ({ status: 200, body: await reminders.run() })),
      document: async (id, token) => {
        const found = await documents.open(id, token);
        return found && { ...found, content: documentBytes(found) };
      },
    },
  });
  listeningUrl = server.url;
  // Whatever an instance killed earlier left unfinished is finished now, without delaying readiness.
  void recovery.run();
  const dailyReminders = config.remindersDailyAt ? startDailyReminderSchedule(config.remindersDailyAt, () => tracing.span('reminders run', 'internal', {}, () => reminders.run()), clock, logger) : undefined;
  logger.info({ url: server.url, storage: store.name, authentication: config.botAuth ? 'on' : 'off', tenantCheck: config.allowedTenantId ? 'on' : 'off' }, 'bot listening');

  return {
    url: server.url,
    port: server.port,
    store,
    people,
    drafts,
    register,
    notifier,
    reminders,
    recovery,
    verbs: bot.verbs,
    async close() {
      dailyReminders?.stop();
      recovery.stop();
      await server.close();
      if (ownsStore) await store.close();
      await tracing.shutdown();
    },
  };
}

/** Readiness: storage reads and writes (a small write to this instance's health record, read back). */
async function checkHealth(probe: StorageProbe): Promise<HealthReport> {
  const storage = await probe.check();
  return { healthy: storage === 'ok', checks: { storage } };
}
