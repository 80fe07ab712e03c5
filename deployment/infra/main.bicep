// Partnership Toolkit bot: everything it needs in one resource group.
// Deploy with: az deployment group create -g <rg> -f main.bicep -p main.parameters.json -p botAppId=... botAppPassword=...
targetScope = 'resourceGroup'

@description('Short name used in every resource name, e.g. ptk-prod. Lower case letters, digits and hyphens.')
@minLength(3)
@maxLength(18)
param baseName string

@description('Azure region for the resources.')
param location string = resourceGroup().location

@description('Microsoft App ID of the single-tenant app registration the bot signs in as.')
param botAppId string

@description('Client secret of that app registration. Stored only in Key Vault.')
@secure()
param botAppPassword string

@description('The council\'s Entra tenant id: the app registration\'s tenant, and the only tenant the bot serves.')
param tenantId string = subscription().tenantId

@description('Entra object ids of the first Strategic Partnership Officers, comma-separated.')
param adminObjectIds string = ''

@description('Bearer secret for POST /api/reminders/run. Leave empty to keep the route off.')
@secure()
param remindersSecret string = ''

@description('Cosmos DB capacity: serverless (pay per request, the default) or provisioned throughput.')
@allowed([
  'serverless'
  'provisioned'
])
param cosmosCapacityMode string = 'serverless'

@description('Shared database throughput (RU/s, autoscale maximum) when cosmosCapacityMode is provisioned.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Continuous backup tier: point-in-time restore over the last 7 or 30 days.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous30Days'

@description('App Service plan SKU (B1 is enough for a council; P0v3 for zone-redundant production).')
param appServiceSku string = 'B1'

@description('Create Application Insights and send the app\'s telemetry to it.')
param enableApplicationInsights bool = true

@description('Log level of the bot (fatal, error, warn, info, debug).')
param logLevel string = 'info'

// The names the code defaults to (src/config/config.ts); test/deployment/infrastructure.test.ts keeps them in step.
var cosmosDatabaseName = 'partnership-toolkit'
var cosmosContainerName = 'records'
var cosmosPartitionKeyPath = '/pk'
// The same policy as RECORDS_INDEXING_POLICY in src/storage/cosmosRecordStore.ts (checked by the same test).
var cosmosIndexingPolicy = loadJsonContent('cosmos-indexing-policy.json')

var suffix = uniqueString(resourceGroup().id, baseName)
var webAppName = '${baseName}-bot-${take(suffix, 6)}'
var keyVaultName = take('${baseName}-kv-${suffix}', 24)
var cosmosAccountName = toLower(take('${baseName}-cosmos-${suffix}', 44))

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (enableApplicationInsights) {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights) {
  name: '${baseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: cosmosAccountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    capabilities: cosmosCapacityMode == 'serverless' ? [ { name: 'EnableServerless' } ] : []
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: { tier: cosmosBackupTier }
    }
    minimalTlsVersion: 'Tls12'
    disableLocalAuth: false // the bot authenticates with the account key, kept in Key Vault
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: { id: cosmosDatabaseName }
    options: cosmosCapacityMode == 'provisioned' ? { autoscaleSettings: { maxThroughput: cosmosAutoscaleMaxThroughput } } : {}
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: cosmosContainerName
  properties: {
    resource: {
      id: cosmosContainerName
      partitionKey: {
        paths: [ cosmosPartitionKeyPath ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: cosmosIndexingPolicy
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-app-password'
  properties: { value: botAppPassword }
}

resource cosmosKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'cosmos-key'
  properties: { value: cosmos.listKeys().primaryMasterKey }
}

resource remindersSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(remindersSecret)) {
  parent: vault
  name: 'reminders-secret'
  properties: { value: remindersSecret }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: { reserved: true }
}

var baseSettings = [
  { name: 'NODE_ENV', value: 'production' }
  // The package is built before it is deployed (npm ci && npm run build), so App Service only runs it.
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
  { name: 'LOG_LEVEL', value: logLevel }
  { name: 'MICROSOFT_APP_ID', value: botAppId }
  { name: 'MICROSOFT_APP_TYPE', value: 'SingleTenant' }
  { name: 'MICROSOFT_APP_TENANT_ID', value: tenantId }
  { name: 'MICROSOFT_APP_PASSWORD', value: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})' }
  { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
  { name: 'COSMOS_KEY', value: '@Microsoft.KeyVault(SecretUri=${cosmosKeySecret.properties.secretUri})' }
  { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
  { name: 'COSMOS_CONTAINER', value: cosmosContainerName }
  { name: 'ADMIN_OBJECT_IDS', value: adminObjectIds }
]
var remindersSettings = empty(remindersSecret) ? [] : [
  { name: 'REMINDERS_SECRET', value: '@Microsoft.KeyVault(SecretUri=${remindersSecretValue.properties.secretUri})' }
]
var insightsSettings = enableApplicationInsights ? [
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
] : []

resource web 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      // Node 22 LTS, the runtime package.json's engines name first (24 is also tested). On Linux this is the
      // only place the version is chosen: WEBSITE_NODE_DEFAULT_VERSION applies to Windows plans only.
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node --no-deprecation --max-old-space-size=160 dist/src/index.js'
      alwaysOn: appServiceSku != 'F1' && appServiceSku != 'D1'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/api/health'
      appSettings: concat(baseSettings, remindersSettings, insightsSettings)
    }
  }
}

// Key Vault Secrets User, so the Web App can resolve its Key Vault references.
var keyVaultSecretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource webReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, web.id, keyVaultSecretsUserRole)
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${baseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'Partnership Toolkit'
    description: 'The council\'s Partnership Toolkit in Teams'
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    developerAppInsightKey: enableApplicationInsights ? insights.properties.InstrumentationKey : null
    disableLocalAuth: false
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

output webAppName string = web.name
output botEndpoint string = bot.properties.endpoint
output botDomain string = web.properties.defaultHostName
output healthUrl string = 'https://${web.properties.defaultHostName}/api/health'
output cosmosAccountName string = cosmos.name
output keyVaultName string = vault.name
