import { z } from 'zod';
import { isPlaygroundOrEntraId } from '../bot/identity.js';

/** Everything the bot reads from its environment, validated once at start-up. */
export interface AppConfig {
  port: number;
  /** Where to listen: HOST, else 127.0.0.1 with authentication off and 0.0.0.0 with it on. */
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Bot authentication; absent only for local runs (Agents Playground, tests). */
  botAuth?: BotAuthSettings;
  /**
   * The council's Entra tenant. When set, activities from any other tenant are refused
   * (403), with or without bot authentication.
   */
  allowedTenantId?: string;
  /** Bearer secret for POST /api/reminders/run; the route is off (404) without it. */
  remindersSecret?: string;
  /** UK time (hours, minutes) of the optional in-process daily reminders run; off when absent. */
  remindersDailyAt?: { hours: number; minutes: number };
  storage: SqliteSettings | CosmosSettings;
  /** Entra object ids that are Strategic Partnership Officers from the first start. */
  adminObjectIds: string[];
  /** Upper bound on a single HTTP request body, in bytes. */
  maxRequestBytes: number;
  /** Folder of question bank files (<id>.v<version>.json). */
  banksDirectory: string;
  /** Intent files and terms (language/). */
  languageDirectory: string;
  /** The council's risk matrix (scale and bands) as a JSON file. */
  riskScaleFile: string;
  /** The council's reference data: service areas, plan priorities (versioned), kinds of risk. */
  referenceData: { serviceAreasFile: string; prioritiesFile: string; riskCategoriesFile: string };
  /** Files officers send the bot (the register to import): where they may come from and how big they may be. */
  fileDownloads: FileDownloadSettings;
  /** Ask Teams (TeamsInfo.getMember) for a person's email and user principal name while they are unknown. */
  memberLookup: boolean;
  /** Questionnaire buttons: Universal Actions with an Action.Submit fallback, or Action.Submit only (for clients without them). */
  cardActions: 'universal' | 'submit';
  /** Council cash per year at or over which a partnership is highly significant, in pounds. */
  significanceThreshold: number;
  /** Months between reviews. */
  reviewIntervalMonths: number;
  /**
   * The address officers' browsers reach the bot at, for links to generated
   * documents; absent means the address the server listens on (local use).
   */
  publicBaseUrl?: string;
  /** Days a link to a generated document (register export, annual report) keeps working. */
  documentLinkDays: number;
  /** The governance cycle's thresholds (issue 19). */
  governance: GovernanceSettings;
  /** Application Insights: traces are sent there when set (src/telemetry/telemetry.ts). */
  applicationInsightsConnectionString?: string;
  /** The recovery sweep: unfinished completions and the outbox's retries. */
  recovery: { intervalMs: number; graceMs: number; leaseMs: number };
}

export interface GovernanceSettings {
  /** An action overdue by more than this many days is raised with the partnership's Assistant Director. */
  actionEscalationDays: number;
  /** A self-assessment return still missing this many days after the annual round started is raised with the Assistant Director. */
  returnEscalationDays: number;
}

export interface BotAuthSettings {
  appId: string;
  appPassword?: string;
  tenantId: string;
  appType: 'SingleTenant' | 'UserAssignedMSI';
  /**
   * Advanced: where the channel's signing keys and token issuer are found. Unset in
   * production (the Bot Framework's public cloud); tests point them at a local server.
   */
  openIdMetadataUrl?: string;
  tokenIssuer?: string;
}

export interface FileDownloadSettings {
  /** Host names a file may be downloaded from over https; `*.` allows any subdomain. */
  allowedHosts: string[];
  /** Tests only (never in production): an http origin files may also come from, e.g. http://127.0.0.1:4567. */
  testOrigin?: string;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

export interface SqliteSettings {
  kind: 'sqlite';
  path: string;
}

export interface CosmosSettings {
  kind: 'cosmos';
  endpoint: string;
  /** The account key; absent when the bot signs in with a managed identity instead. */
  key?: string;
  /**
   * Client id of the user-assigned managed identity the bot signs in to Cosmos DB with (Entra
   * authentication and data-plane roles, no key). Exactly one of `key` and this is set.
   */
  managedIdentityClientId?: string;
  database: string;
  container: string;
  /** Only for local test servers with self-signed certificates. */
  allowSelfSignedCertificate: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  // Unset: 127.0.0.1 with authentication off, 0.0.0.0 with it on (see loadConfig).
  HOST: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MICROSOFT_APP_ID: optionalText.pipe(z.string().regex(guid, 'must be a GUID (the Azure Bot app id)').optional()),
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText.pipe(z.string().regex(guid, 'must be a GUID (the Entra tenant id)').optional()),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  BOT_OPENID_METADATA_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  BOT_TOKEN_ISSUER: optionalText,
  REMINDERS_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters (use a random value)').optional()),
  REMINDERS_DAILY_AT: optionalText.pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a UK time as HH:MM on the 24-hour clock, for example 07:30').optional()),
  NODE_ENV: optionalText,
  SQLITE_PATH: z.string().min(1).default('data/toolkit.db'),
  COSMOS_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an https:// URL' }).optional()),
  COSMOS_KEY: optionalText,
  COSMOS_MANAGED_IDENTITY_CLIENT_ID: optionalText.pipe(z.string().regex(guid, 'must be a GUID (the managed identity\'s client id)').optional()),
  COSMOS_DATABASE: z.string().min(1).default('partnership-toolkit'),
  COSMOS_CONTAINER: z.string().min(1).default('records'),
  COSMOS_ALLOW_SELF_SIGNED: z.enum(['true', 'false']).default('false'),
  ADMIN_OBJECT_IDS: optionalText.pipe(
    z
      .string()
      .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
      // Checked for GUIDs in loadConfig: without an app id (development) the Agents Playground's
      // own user ids, which are not quite GUIDs, are accepted so a developer can try the SPO's side.
      .pipe(z.array(z.string().refine(isPlaygroundOrEntraId, 'must be a comma-separated list of Entra object ids (GUIDs)')))
      .optional(),
  ),
  BANKS_DIR: z.string().min(1).default('banks'),
  LANGUAGE_DIR: z.string().min(1).default('language'),
  RISK_SCALE_FILE: z.string().min(1).default('config/risk-scale.json'),
  SERVICE_AREAS_FILE: z.string().min(1).default('config/service-areas.json'),
  PRIORITIES_FILE: z.string().min(1).default('config/priorities.json'),
  RISK_CATEGORIES_FILE: z.string().min(1).default('config/risk-categories.json'),
  FILE_DOWNLOAD_HOSTS: z
    .string()
    .default('*.sharepoint.com')
    .transform((s) => s.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a comma-separated list of host names, each optionally starting with *.')).min(1)),
  FILE_DOWNLOAD_TEST_ORIGIN: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an origin such as http://127.0.0.1:4567' }).optional()),
  MEMBER_LOOKUP: z.enum(['on', 'off']).default('on'),
  CARD_ACTIONS: z.enum(['universal', 'submit']).default('universal'),
  FILE_MAX_BYTES: z.coerce.number().int().min(10_000).max(20_000_000).default(2_000_000),
  SIGNIFICANCE_THRESHOLD_GBP: z.coerce.number().min(0).max(100_000_000).default(10_000),
  REVIEW_INTERVAL_MONTHS: z.coerce.number().int().min(1).max(60).default(12),
  PUBLIC_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://toolkit.example.gov.uk' }).optional()),
  // Set by Azure App Service to the app's own host name; the fallback for PUBLIC_BASE_URL there.
  WEBSITE_HOSTNAME: optionalText,
  DOCUMENT_LINK_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  ACTION_ESCALATION_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int('must be a whole number of days').min(1, 'must be from 1 to 365 days').max(365, 'must be from 1 to 365 days').default(30),
  RETURN_ESCALATION_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int('must be a whole number of days').min(1, 'must be from 1 to 365 days').max(365, 'must be from 1 to 365 days').default(28),
  MAX_REQUEST_BYTES: z.coerce.number().int().min(16_384).max(4_194_304).default(262_144),
  // Set by the Bicep when Application Insights is on; the exporter checks its form.
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
  // The recovery sweep (unfinished completions, the outbox): how often it runs (0: only at start-up and in the reminders run),
  // how long an unfinished completion is left to the turn that submitted it, and how long an instance keeps one to itself.
  RECOVERY_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  RECOVERY_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  COMPLETION_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
});

/**
 * Reads and checks the settings. Throws a ConfigError whose message names the
 * setting at fault, so the process can stop with one clear line.
 */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`Setting ${setting} is invalid: ${issue.message}`);
  }
  const e = parsed.data;

  let botAuth: AppConfig['botAuth'];
  if (e.MICROSOFT_APP_ID) {
    if (!e.MICROSOFT_APP_TENANT_ID) {
      throw new ConfigError('Setting MICROSOFT_APP_TENANT_ID is missing: a single-tenant bot needs its tenant id');
    }
    if (e.MICROSOFT_APP_TYPE === 'SingleTenant' && !e.MICROSOFT_APP_PASSWORD) {
      throw new ConfigError('Setting MICROSOFT_APP_PASSWORD is missing: a SingleTenant bot needs its client secret');
    }
    botAuth = {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      ...(e.BOT_OPENID_METADATA_URL ? { openIdMetadataUrl: e.BOT_OPENID_METADATA_URL } : {}),
      ...(e.BOT_TOKEN_ISSUER ? { tokenIssuer: e.BOT_TOKEN_ISSUER } : {}),
    };
  } else if (e.MICROSOFT_APP_PASSWORD) {
    throw new ConfigError('Setting MICROSOFT_APP_ID is missing: MICROSOFT_APP_PASSWORD is set without it');
  } else if (e.NODE_ENV === 'production') {
    // Without an app id the adapter accepts unauthenticated requests: fine on a laptop, never in production.
    throw new ConfigError('Setting MICROSOFT_APP_ID is missing: NODE_ENV is production, and production never runs without authentication');
  }

  const notGuid = (e.ADMIN_OBJECT_IDS ?? []).find((id) => !guid.test(id));
  if (notGuid !== undefined && botAuth) {
    throw new ConfigError('Setting ADMIN_OBJECT_IDS is invalid: must be a comma-separated list of Entra object ids (GUIDs); ids that are not GUIDs (such as the Agents Playground\'s) are accepted only without MICROSOFT_APP_ID');
  }

  let storage: AppConfig['storage'];
  if (e.COSMOS_ENDPOINT || e.COSMOS_KEY || e.COSMOS_MANAGED_IDENTITY_CLIENT_ID) {
    if (!e.COSMOS_ENDPOINT) throw new ConfigError(`Setting COSMOS_ENDPOINT is missing: ${e.COSMOS_KEY ? 'COSMOS_KEY' : 'COSMOS_MANAGED_IDENTITY_CLIENT_ID'} is set without it`);
    if (!e.COSMOS_KEY && !e.COSMOS_MANAGED_IDENTITY_CLIENT_ID) {
      throw new ConfigError('Setting COSMOS_KEY is missing: COSMOS_ENDPOINT is set without it (or set COSMOS_MANAGED_IDENTITY_CLIENT_ID to sign in with a managed identity)');
    }
    if (e.COSMOS_KEY && e.COSMOS_MANAGED_IDENTITY_CLIENT_ID) {
      throw new ConfigError('Setting COSMOS_KEY is set together with COSMOS_MANAGED_IDENTITY_CLIENT_ID: use one way to sign in to Cosmos DB');
    }
    storage = {
      kind: 'cosmos',
      endpoint: e.COSMOS_ENDPOINT,
      ...(e.COSMOS_KEY ? { key: e.COSMOS_KEY } : { managedIdentityClientId: e.COSMOS_MANAGED_IDENTITY_CLIENT_ID! }),
      database: e.COSMOS_DATABASE,
      container: e.COSMOS_CONTAINER,
      allowSelfSignedCertificate: e.COSMOS_ALLOW_SELF_SIGNED === 'true',
    };
  } else {
    storage = { kind: 'sqlite', path: e.SQLITE_PATH };
  }

  if (e.FILE_DOWNLOAD_TEST_ORIGIN && e.NODE_ENV === 'production') {
    throw new ConfigError('Setting FILE_DOWNLOAD_TEST_ORIGIN is invalid: it is for tests only, and production downloads files from the allowed https hosts alone');
  }

  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? (e.WEBSITE_HOSTNAME ? `https://${e.WEBSITE_HOSTNAME}` : undefined))?.replace(/\/+$/, '');
  if (publicBaseUrl && e.NODE_ENV === 'production' && !publicBaseUrl.startsWith('https://')) {
    throw new ConfigError('Setting PUBLIC_BASE_URL is invalid: in production links to documents must use https://');
  }

  return {
    port: e.PORT,
    // Without authentication the bot serves anyone who can reach it, as anyone they name (and calls
    // any serviceUrl it is given), so by default only this machine can (security report L4).
    // App Service needs every interface, and production always has authentication on.
    host: e.HOST ?? (botAuth ? '0.0.0.0' : '127.0.0.1'),
    logLevel: e.LOG_LEVEL,
    botAuth,
    ...(e.MICROSOFT_APP_TENANT_ID ? { allowedTenantId: e.MICROSOFT_APP_TENANT_ID } : {}),
    ...(e.REMINDERS_SECRET ? { remindersSecret: e.REMINDERS_SECRET } : {}),
    ...(e.REMINDERS_DAILY_AT ? { remindersDailyAt: { hours: Number(e.REMINDERS_DAILY_AT.slice(0, 2)), minutes: Number(e.REMINDERS_DAILY_AT.slice(3)) } } : {}),
    storage,
    adminObjectIds: e.ADMIN_OBJECT_IDS ?? [],
    maxRequestBytes: e.MAX_REQUEST_BYTES,
    banksDirectory: e.BANKS_DIR,
    languageDirectory: e.LANGUAGE_DIR,
    riskScaleFile: e.RISK_SCALE_FILE,
    referenceData: { serviceAreasFile: e.SERVICE_AREAS_FILE, prioritiesFile: e.PRIORITIES_FILE, riskCategoriesFile: e.RISK_CATEGORIES_FILE },
    fileDownloads: {
      allowedHosts: e.FILE_DOWNLOAD_HOSTS,
      ...(e.FILE_DOWNLOAD_TEST_ORIGIN ? { testOrigin: new URL(e.FILE_DOWNLOAD_TEST_ORIGIN).origin } : {}),
      maxBytes: e.FILE_MAX_BYTES,
    },
    memberLookup: e.MEMBER_LOOKUP === 'on',
    cardActions: e.CARD_ACTIONS,
    significanceThreshold: e.SIGNIFICANCE_THRESHOLD_GBP,
    reviewIntervalMonths: e.REVIEW_INTERVAL_MONTHS,
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    documentLinkDays: e.DOCUMENT_LINK_DAYS,
    governance: { actionEscalationDays: e.ACTION_ESCALATION_DAYS, returnEscalationDays: e.RETURN_ESCALATION_DAYS },
    ...(e.APPLICATIONINSIGHTS_CONNECTION_STRING ? { applicationInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING } : {}),
    recovery: { intervalMs: e.RECOVERY_INTERVAL_SECONDS * 1000, graceMs: e.RECOVERY_GRACE_SECONDS * 1000, leaseMs: e.COMPLETION_LEASE_SECONDS * 1000 },
  };
}
