import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type CosmosSettings } from '../../src/config/config.js';
import { RECORDS_INDEXING_POLICY, RECORDS_PARTITION_KEY_PATH } from '../../src/storage/cosmosRecordStore.js';

/**
 * The infrastructure must declare what the code expects: the database, container, partition
 * key and indexing policy the Cosmos adapter would otherwise create, and every setting wired.
 */
const INFRA = join(import.meta.dirname, '..', '..', 'deployment', 'infra');
const bicep = readFileSync(join(INFRA, 'main.bicep'), 'utf8');
const policyFile = JSON.parse(readFileSync(join(INFRA, 'cosmos-indexing-policy.json'), 'utf8')) as unknown;
const parameters = JSON.parse(readFileSync(join(INFRA, 'main.parameters.json'), 'utf8')) as { parameters: Record<string, { value: unknown }> };
const envExample = readFileSync(join(import.meta.dirname, '..', '..', '.env.example'), 'utf8');
const codeDefaults = loadConfig({ COSMOS_ENDPOINT: 'https://example.documents.azure.com:443/', COSMOS_KEY: 'k' }).storage as CosmosSettings;

/** The string value of a Bicep `var name = '...'`. */
function bicepVar(name: string): string | undefined {
  return new RegExp(`^var ${name} = '([^']*)'`, 'm').exec(bicep)?.[1];
}

/** Names and values of the Web App's settings: `{ name: 'X', value: ... }`. */
function appSettings(): Map<string, string> {
  const settings = new Map<string, string>();
  for (const match of bicep.matchAll(/\{ name: '([A-Z_]+)', value: (.+?) \}$/gm)) settings.set(match[1]!, match[2]!);
  return settings;
}

describe('Azure infrastructure (deployment/infra) matches the code', () => {
  it('loads the indexing policy from the JSON file the code is checked against', () => {
    expect(policyFile).toEqual(RECORDS_INDEXING_POLICY);
    expect(bicep).toContain("var cosmosIndexingPolicy = loadJsonContent('cosmos-indexing-policy.json')");
    expect(bicep).toMatch(/indexingPolicy: cosmosIndexingPolicy/);
  });

  it('has composite indexes for the status queries (kind then due date, status, change time)', () => {
    const composites = RECORDS_INDEXING_POLICY.compositeIndexes.map((index) => index.map((p) => p.path));
    expect(composites).toEqual(
      expect.arrayContaining([
        ['/kind', '/body/nextReviewDue'],
        ['/kind', '/body/status'],
        ['/kind', '/body/updatedAt'],
      ]),
    );
  });

  it('declares the database, container and partition key the code defaults to', () => {
    expect(bicepVar('cosmosDatabaseName')).toBe(codeDefaults.database);
    expect(bicepVar('cosmosContainerName')).toBe(codeDefaults.container);
    expect(bicepVar('cosmosPartitionKeyPath')).toBe(RECORDS_PARTITION_KEY_PATH);
    expect(bicep).toMatch(/paths: \[ cosmosPartitionKeyPath \]/);
    // One container for every record kind: a second one would be data the code never reads.
    expect(bicep.match(/sqlDatabases\/containers@/g)).toHaveLength(1);
  });

  it('is serverless by default, with a parameter to switch, and continuous backup', () => {
    expect(bicep).toMatch(/param cosmosCapacityMode string = 'serverless'/);
    expect(bicep).toContain("cosmosCapacityMode == 'serverless' ? [ { name: 'EnableServerless' } ] : []");
    expect(bicep).toMatch(/type: 'Continuous'/);
  });

  it('registers a single-tenant Azure Bot with the Teams channel', () => {
    expect(bicep).toContain("Microsoft.BotService/botServices@");
    expect(bicep).toContain("msaAppType: 'SingleTenant'");
    expect(bicep).toContain('msaAppTenantId: tenantId');
    expect(bicep).toContain("name: 'MsTeamsChannel'");
    expect(bicep).toContain("endpoint: 'https://${web.properties.defaultHostName}/api/messages'");
  });

  it('runs a Linux Web App on Node 22 LTS in production mode, checking /api/health', () => {
    expect(bicep).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(bicep).not.toMatch(/NODE\|20|~20/);
    // The stack is one the code declares it runs on (package.json engines).
    const engines = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(/>=22\.\d+ <23/);
    expect(bicep).toContain('reserved: true');
    expect(bicep).toContain("healthCheckPath: '/api/health'");
    // Azure runs the bot exactly as `npm start` does, heap cap included (docs/performance.md, memory).
    const start = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const command = start.split('&&').at(-1)!.trim();
    expect(command).toMatch(/--max-old-space-size=\d+/);
    expect(bicep).toContain(`appCommandLine: '${command}'`);
    expect(appSettings().get('NODE_ENV')).toBe("'production'");
  });

  it('wires every setting the bot needs, secrets only as Key Vault references', () => {
    const settings = appSettings();
    for (const name of ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_TYPE', 'COSMOS_ENDPOINT', 'COSMOS_KEY', 'COSMOS_DATABASE', 'COSMOS_CONTAINER', 'ADMIN_OBJECT_IDS', 'REMINDERS_SECRET']) {
      expect(settings.has(name), name).toBe(true);
    }
    for (const secret of ['MICROSOFT_APP_PASSWORD', 'COSMOS_KEY', 'REMINDERS_SECRET']) {
      expect(settings.get(secret), secret).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=\$\{[A-Za-z]+\.properties\.secretUri\}\)'$/);
    }
    // Every setting the infrastructure sets is one the bot documents (or App Service's own).
    const appServiceOwn = new Set(['SCM_DO_BUILD_DURING_DEPLOYMENT', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'NODE_ENV']);
    for (const name of settings.keys()) {
      if (!appServiceOwn.has(name)) expect(envExample, `${name} is documented in .env.example`).toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });

  it('keeps secrets out of the parameters file and makes Application Insights optional', () => {
    expect(bicep).toMatch(/@secure\(\)\nparam botAppPassword string/);
    expect(bicep).toMatch(/@secure\(\)\nparam remindersSecret string/);
    expect(Object.keys(parameters.parameters)).not.toContain('botAppPassword');
    expect(Object.keys(parameters.parameters)).not.toContain('remindersSecret');
    for (const name of Object.keys(parameters.parameters)) expect(bicep, `parameter ${name} is declared`).toMatch(new RegExp(`^param ${name} `, 'm'));
    expect(bicep).toMatch(/param enableApplicationInsights bool = true/);
    expect(bicep).toContain("resource insights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights)");
  });
});
