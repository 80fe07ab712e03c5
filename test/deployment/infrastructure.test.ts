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
    expect(bicep).toContain("msaAppType: useManagedIdentity ? 'UserAssignedMSI' : 'SingleTenant'");
    expect(bicep).toContain('msaAppTenantId: tenantId');
    expect(bicep).toContain("name: 'MsTeamsChannel'");
    expect(bicep).toContain("endpoint: 'https://${web.properties.defaultHostName}/api/messages'");
  });

  it('runs a Linux Web App on Node 22 LTS in production mode, its health check the readiness probe', () => {
    expect(bicep).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(bicep).not.toMatch(/NODE\|20|~20/);
    // The stack is one the code declares it runs on (package.json engines).
    const engines = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(/>=22\.\d+ <23/);
    expect(bicep).toContain('reserved: true');
    // Readiness (storage read and written), not liveness: an instance that cannot save gets no traffic.
    expect(bicepVar('healthPath')).toBe('/api/health/ready');
    expect(bicep).toContain('healthCheckPath: healthPath');
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
      expect(settings.get(secret), secret).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=\$\{[A-Za-z]+!?\.properties\.secretUri\}\)'$/);
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

  it('sends the Web App and Cosmos DB logs and metrics to the Log Analytics workspace', () => {
    const diagnostics = [...bicep.matchAll(/resource \w+ 'Microsoft\.Insights\/diagnosticSettings@[^']+' = if \(enableApplicationInsights\) \{([\s\S]*?)\n\}/g)].map((m) => m[1]!);
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics.map((d) => /scope: (\w+)/.exec(d)?.[1]).sort()).toEqual(['cosmos', 'web']);
    for (const d of diagnostics) expect(d).toContain('workspaceId: logs.id');
    expect(diagnostics.join('\n')).toContain("category: 'AppServiceConsoleLogs'");
    expect(diagnostics.join('\n')).toContain("category: 'DataPlaneRequests'");
  });

  it('alerts on 5xx responses, failed health checks and Cosmos DB throttling', () => {
    expect(bicep).toMatch(/metricName: 'Http5xx', metricNamespace: 'Microsoft\.Web\/sites'/);
    expect(bicep).toMatch(/metricName: 'HealthCheckStatus', metricNamespace: 'Microsoft\.Web\/sites', operator: 'LessThan', threshold: 100/);
    expect(bicep).toMatch(/metricName: 'TotalRequests'\s+metricNamespace: 'Microsoft\.DocumentDB\/databaseAccounts'\s+dimensions: \[ \{ name: 'StatusCode', operator: 'Include', values: \[ '429' \] \} \]/);
    expect(bicep.match(/'Microsoft\.Insights\/metricAlerts@/g)).toHaveLength(3);
    expect(bicep).toMatch(/param alertEmail string = ''/);
  });

  it('has a keyless option: a user-assigned identity for the bot, Cosmos DB data-plane roles, no keys and no client secret', () => {
    expect(bicep).toMatch(/param useManagedIdentity bool = false/);
    expect(bicep).toContain("resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (useManagedIdentity)");
    // Cosmos DB Built-in Data Contributor for the identity, and account keys switched off.
    expect(bicep).toContain("'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (useManagedIdentity)");
    expect(bicep).toContain("var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'");
    expect(bicep).toContain('disableLocalAuth: useManagedIdentity');
    // No secret kept when keyless, and the Azure Bot signs in as the identity.
    expect(bicep).toContain("resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useManagedIdentity)");
    expect(bicep).toContain("resource cosmosKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useManagedIdentity)");
    expect(bicep).toContain("msaAppType: useManagedIdentity ? 'UserAssignedMSI' : 'SingleTenant'");
    expect(bicep).toContain('appSettings: concat(baseSettings, useManagedIdentity ? identitySettings : keySettings, remindersSettings, insightsSettings)');
    const identitySettings = /var identitySettings = \[([\s\S]*?)\n\]/.exec(bicep)![1]!;
    expect(identitySettings).toContain("{ name: 'MICROSOFT_APP_TYPE', value: 'UserAssignedMSI' }");
    expect(identitySettings).toContain("{ name: 'COSMOS_MANAGED_IDENTITY_CLIENT_ID', value: signInAppId }");
    expect(identitySettings).not.toMatch(/PASSWORD|COSMOS_KEY/);
    // The settings the keyless deployment gives the bot are ones it starts with.
    const id = '0b3b1d5e-1111-4222-8333-944444444444';
    const config = loadConfig({
      NODE_ENV: 'production', MICROSOFT_APP_ID: id, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: '11111111-2222-3333-4444-555555555555',
      COSMOS_ENDPOINT: 'https://example.documents.azure.com:443/', COSMOS_MANAGED_IDENTITY_CLIENT_ID: id,
    });
    expect(config.botAuth).toMatchObject({ appId: id, appType: 'UserAssignedMSI' });
    expect(config.storage).toMatchObject({ kind: 'cosmos', managedIdentityClientId: id });
  });

  it('can add the staging slot the deployment pipeline swaps, run exactly as production', () => {
    expect(bicep).toMatch(/param enableStagingSlot bool = false/);
    expect(bicep).toContain("resource staging 'Microsoft.Web/sites/slots@2024-04-01' = if (enableStagingSlot)");
    expect(bicep.match(/siteConfig: webSiteConfig/g)).toHaveLength(2);
  });
});

describe('the deployment pipeline (.github/workflows/deploy.yml)', () => {
  const workflow = readFileSync(join(import.meta.dirname, '..', '..', '.github', 'workflows', 'deploy.yml'), 'utf8');

  it('signs in to Azure with OpenID Connect and stores no secret', () => {
    expect(workflow).toMatch(/id-token: write/);
    expect(workflow).toContain('uses: azure/login@v2');
    expect(workflow).toContain('client-id: ${{ vars.AZURE_CLIENT_ID }}');
    expect(workflow).not.toMatch(/secrets\./);
    expect(workflow).not.toMatch(/creds:|client-secret|publish-profile/);
  });

  it('builds, runs the tests, deploys the Bicep, deploys the package to staging, waits for readiness and swaps', () => {
    const order = ['npm ci', 'npm run build', 'npm test', 'az deployment group create', 'slot-name: staging', '/api/health/ready', 'az webapp deployment slot swap'];
    const positions = order.map((step) => workflow.indexOf(step));
    for (const [i, position] of positions.entries()) expect(position, order[i]).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(workflow).toContain('useManagedIdentity=true enableStagingSlot=true');
    expect(workflow).toContain('node-version: 22');
  });

  it('packages what App Service runs (the command line the Bicep gives it)', () => {
    expect(workflow).toMatch(/zip -qr bot\.zip dist\/src .*node_modules banks config language package\.json/);
    expect(bicep).toContain("appCommandLine: 'node --no-deprecation --max-old-space-size=160 dist/src/index.js'");
  });
});
