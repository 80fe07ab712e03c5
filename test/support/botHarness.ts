import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startApp, type AppOptions, type RunningApp } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { silentLogger, type Logger } from '../../src/logging/logger.js';
import type { RecordStore } from '../../src/storage/recordStore.js';
import type { Clock } from '../../src/util/clock.js';
import type { LatestScoreSource } from '../../src/partnerships/latestScoreSource.js';
import { cardSubmitActivity, fileActivity, mentionActivity, messageActivity, type TestUser } from './teamsActivities.js';

export interface BotActivity {
  type: string;
  text?: string;
  summary?: string;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  [key: string]: unknown;
}

export interface TestBot {
  app: RunningApp;
  url: string;
  dataDir: string;
  post(activity: Record<string, unknown>): Promise<{ status: number; activities: BotActivity[] }>;
  /** A 1:1 chat between one user and the bot. */
  chat(user: TestUser, conversationId?: string): TestChat;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestChat {
  conversationId: string;
  say(text: string): Promise<BotActivity[]>;
  submit(value: Record<string, unknown>, replyToId?: string): Promise<BotActivity[]>;
  mention(text: string): Promise<BotActivity[]>;
  /** Sends a file in the chat (Teams' download-info attachment pointing at `downloadUrl`). */
  sendFile(fileName: string, downloadUrl: string): Promise<BotActivity[]>;
}

export interface TestBotOptions {
  env?: Record<string, string>;
  store?: RecordStore;
  clock?: Clock;
  /** Where the bot sends proactive messages and card updates; defaults to an address nobody listens on. */
  serviceUrl?: string;
  latestScores?: LatestScoreSource;
  /** Defaults to a silent logger; security tests pass one that captures its lines. */
  logger?: Logger;
  /** How telemetry reaches a local ingestion endpoint (test/e2e/telemetry.test.ts). */
  telemetryAgent?: AppOptions['telemetryAgent'];
  /** Wraps Teams' proactive delivery (fault tests freeze it with the store). */
  wrapDelivery?: AppOptions['wrapDelivery'];
}

/** Starts the real app (restify, CloudAdapter, bot, SQLite file) on an ephemeral port. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'toolkit-bot-'));
  const config: AppConfig = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SQLITE_PATH: join(dataDir, 'toolkit.db'),
    // With no connector to ask (nobody listens at the default address), the bot does not ask Teams for emails.
    ...(options.serviceUrl ? {} : { MEMBER_LOOKUP: 'off' }),
    ...options.env,
  });
  const serviceUrl = options.serviceUrl ?? 'http://127.0.0.1:9/';
  const logger = options.logger ?? silentLogger();
  const appOptions: AppOptions = { config, logger, store: options.store, clock: options.clock, latestScores: options.latestScores, telemetryAgent: options.telemetryAgent, wrapDelivery: options.wrapDelivery };
  let app = await startApp(appOptions);

  const bot: TestBot = {
    get app() {
      return app;
    },
    get url() {
      return app.url;
    },
    dataDir,
    async post(activity) {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      const parsed = text ? (JSON.parse(text) as { activities?: BotActivity[] }) : {};
      return { status: response.status, activities: parsed.activities ?? [] };
    },
    chat(user, conversationId = `a:${randomUUID()}`) {
      const common = { user, conversationId, serviceUrl };
      const expectOk = async (activity: Record<string, unknown>) => {
        const { status, activities } = await bot.post(activity);
        if (status !== 200) throw new Error(`Bot answered HTTP ${status}`);
        return activities;
      };
      return {
        conversationId,
        say: (text) => expectOk(messageActivity({ ...common, text })),
        submit: (value, replyToId) => expectOk(cardSubmitActivity({ ...common, value, replyToId })),
        mention: (text) => expectOk(mentionActivity({ ...common, text, conversationId: `19:${conversationId}@thread.tacv2` })),
        sendFile: (fileName, downloadUrl) => expectOk(fileActivity({ ...common, fileName, downloadUrl })),
      };
    },
    async restart() {
      await app.close();
      app = await startApp(appOptions);
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return bot;
}

/** All visible text of a reply: its text, or the text blocks and facts of its cards. */
export function textOf(activity: BotActivity): string {
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  for (const attachment of activity.attachments ?? []) collectText(attachment.content, parts);
  return parts.join('\n');
}

export function textsOf(activities: BotActivity[]): string {
  return activities.map(textOf).join('\n---\n');
}

export function cardsOf(activities: BotActivity[]): Array<Record<string, unknown>> {
  return activities.flatMap((a) => (a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content));
}

function collectText(node: unknown, parts: string[]): void {
  if (Array.isArray(node)) {
    for (const child of node) collectText(child, parts);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const element = node as Record<string, unknown>;
  if (typeof element['text'] === 'string') parts.push(element['text']);
  if (typeof element['label'] === 'string') parts.push(element['label']);
  if (element['type'] === 'Fact' || ('title' in element && 'value' in element && typeof element['value'] === 'string')) {
    parts.push(`${String(element['title'])}: ${String(element['value'])}`);
  }
  if (typeof element['title'] === 'string' && String(element['type'] ?? '').startsWith('Action.')) parts.push(`[${element['title']}]`);
  for (const [key, value] of Object.entries(element)) {
    if (key !== 'text' && typeof value === 'object') collectText(value, parts);
  }
}
