// Partnership Toolkit bot: everything it needs in one resource group.
// Deploy with: az deployment group create -g <rg> -f main.bicep -p main.parameters.json -p botAppId=... botAppPassword=...
// Keyless: -p useManagedIdentity=true (no app registration, secret or Cosmos key; deployment/README.md).
targetScope = 'resourceGroup'

@description('Short name used in every resource name, e.g. ptk-prod. Lower case letters, digits and hyphens.')
@minLength(3)
@maxLength(18)
param baseName string

@description('Azure region for the resources.')
param location string = resourceGroup().location

@description('Keyless: the bot signs in to the Bot Framework and to Cosmos DB as a user-assigned managed identity (Cosmos DB data-plane roles, account keys disabled); no app registration, client secret or key. False: an app registration with a client secret, and the Cosmos account key, both in Key Vault.')
param useManagedIdentity bool = false

@description('Microsoft App ID of the single-tenant app registration the bot signs in as. Not used with useManagedIdentity.')
param botAppId string = ''

@description('Client secret of that app registration. Stored only in Key Vault. Not used with useManagedIdentity.')
@secure()
param botAppPassword string = ''

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

@description('Email address told when an alert fires (5xx responses, failed health checks, Cosmos DB throttling). Empty: the alerts are still recorded in Azure Monitor, with nobody emailed.')
param alertEmail string = ''

@description('A staging slot the deployment pipeline (.github/workflows/deploy.yml) deploys to and swaps with production. Slots need the Standard tier or above (S1, P0v3), not B1.')
param enableStagingSlot bool = false

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
// The readiness probe (storage read and written); /api/health/live answers whenever the process does.
var healthPath = '/api/health/ready'

// Keyless: the identity the bot signs in as, to the Bot Framework and to Cosmos DB.
resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (useManagedIdentity) {
  name: '${baseName}-bot-identity'
  location: location
}
var signInAppId = useManagedIdentity ? botIdentity!.properties.clientId : botAppId

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
    // Keyless: account keys are switched off and only Entra identities with a data-plane role get in.
    // Otherwise the bot authenticates with the account key, kept in Key Vault.
    disableLocalAuth: useManagedIdentity
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

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useManagedIdentity) {
  parent: vault
  name: 'bot-app-password'
  properties: { value: botAppPassword }
}

resource cosmosKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useManagedIdentity) {
  parent: vault
  name: 'cosmos-key'
  properties: { value: cosmos.listKeys().primaryMasterKey }
}

// Keyless: Cosmos DB Built-in Data Contributor (read and write items) for the bot's identity on this
// account. A data-plane role cannot create databases or containers: this template creates them.
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'

resource botWritesCosmos 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (useManagedIdentity) {
  parent: cosmos
  name: guid(cosmos.id, botIdentity.id, cosmosDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    principalId: botIdentity!.properties.principalId
    scope: cosmos.id
  }
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
  { name: 'MICROSOFT_APP_ID', value: signInAppId }
  { name: 'MICROSOFT_APP_TENANT_ID', value: tenantId }
  { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
  { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
  { name: 'COSMOS_CONTAINER', value: cosmosContainerName }
  { name: 'ADMIN_OBJECT_IDS', value: adminObjectIds }
]
// An app registration with its secret, and the account key, both as Key Vault references.
var keySettings = [
  { name: 'MICROSOFT_APP_TYPE', value: 'SingleTenant' }
  { name: 'MICROSOFT_APP_PASSWORD', value: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret!.properties.secretUri})' }
  { name: 'COSMOS_KEY', value: '@Microsoft.KeyVault(SecretUri=${cosmosKeySecret!.properties.secretUri})' }
]
// Keyless: the user-assigned identity signs in to both (its client id is MICROSOFT_APP_ID too).
var identitySettings = [
  { name: 'MICROSOFT_APP_TYPE', value: 'UserAssignedMSI' }
  { name: 'COSMOS_MANAGED_IDENTITY_CLIENT_ID', value: signInAppId }
]
var remindersSettings = empty(remindersSecret) ? [] : [
  { name: 'REMINDERS_SECRET', value: '@Microsoft.KeyVault(SecretUri=${remindersSecretValue.properties.secretUri})' }
]
var insightsSettings = enableApplicationInsights ? [
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
] : []

var webIdentity = useManagedIdentity ? {
  type: 'SystemAssigned, UserAssigned'
  userAssignedIdentities: { '${botIdentity.id}': {} }
} : { type: 'SystemAssigned' }

// The production site and its staging slot run the same way with the same settings, so a swap changes only the code.
var webSiteConfig = {
  // Node 22 LTS, the runtime package.json's engines name first (24 is also tested). On Linux this is the
  // only place the version is chosen: WEBSITE_NODE_DEFAULT_VERSION applies to Windows plans only.
  linuxFxVersion: 'NODE|22-lts'
  appCommandLine: 'node --no-deprecation --max-old-space-size=160 dist/src/index.js'
  alwaysOn: appServiceSku != 'F1' && appServiceSku != 'D1'
  ftpsState: 'Disabled'
  minTlsVersion: '1.2'
  http20Enabled: true
  // Readiness, not liveness: an instance whose storage cannot be written gets no traffic.
  healthCheckPath: healthPath
  appSettings: concat(baseSettings, useManagedIdentity ? identitySettings : keySettings, remindersSettings, insightsSettings)
}

resource web 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: webIdentity
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: webSiteConfig
  }
}

resource staging 'Microsoft.Web/sites/slots@2024-04-01' = if (enableStagingSlot) {
  parent: web
  name: 'staging'
  location: location
  kind: 'app,linux'
  identity: webIdentity
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: webSiteConfig
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

resource stagingReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (enableStagingSlot) {
  scope: vault
  name: guid(vault.id, staging.id, keyVaultSecretsUserRole)
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: staging!.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- What operators see: logs kept in the workspace, and alerts ----

// App Service's HTTP, console (the bot's JSON log lines), application and platform logs, and its metrics.
resource webDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (enableApplicationInsights) {
  name: 'to-log-analytics'
  scope: web
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceAppLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

// Cosmos DB's data-plane requests (status codes, request charges, throttling), query statistics and
// control-plane changes, in resource-specific tables.
resource cosmosDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (enableApplicationInsights) {
  name: 'to-log-analytics'
  scope: cosmos
  properties: {
    workspaceId: logs.id
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      { category: 'DataPlaneRequests', enabled: true }
      { category: 'QueryRuntimeStatistics', enabled: true }
      { category: 'PartitionKeyRUConsumption', enabled: true }
      { category: 'ControlPlaneRequests', enabled: true }
    ]
    metrics: [ { category: 'Requests', enabled: true } ]
  }
}

resource alertGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${baseName}-alerts'
  location: 'global'
  properties: {
    groupShortName: take(replace(baseName, '-', ''), 12)
    enabled: true
    emailReceivers: [ { name: 'operators', emailAddress: alertEmail, useCommonAlertSchema: true } ]
  }
}

var alertActions = empty(alertEmail) ? [] : [ { actionGroupId: alertGroup.id } ]

// The bot answered with server errors: more than 5 in 5 minutes.
resource serverErrorsAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${baseName}-5xx'
  location: 'global'
  properties: {
    description: 'The bot answered more than 5 requests with a 5xx status in 5 minutes.'
    severity: 1
    enabled: true
    scopes: [ web.id ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        { criterionType: 'StaticThresholdCriterion', name: 'http5xx', metricName: 'Http5xx', metricNamespace: 'Microsoft.Web/sites', operator: 'GreaterThan', threshold: 5, timeAggregation: 'Total' }
      ]
    }
    actions: alertActions
  }
}

// App Service's health check (/api/health/ready) failing on any instance: storage cannot be read or written.
resource healthCheckAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${baseName}-health-check'
  location: 'global'
  properties: {
    description: 'The readiness health check (storage read and written) failed on an instance in the last 5 minutes.'
    severity: 1
    enabled: true
    scopes: [ web.id ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        { criterionType: 'StaticThresholdCriterion', name: 'healthCheck', metricName: 'HealthCheckStatus', metricNamespace: 'Microsoft.Web/sites', operator: 'LessThan', threshold: 100, timeAggregation: 'Average' }
      ]
    }
    actions: alertActions
  }
}

// Cosmos DB throttling (429): the bot retries, but sustained throttling slows every officer down.
resource cosmosThrottlingAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${baseName}-cosmos-429'
  location: 'global'
  properties: {
    description: 'Cosmos DB answered more than 10 requests with 429 (throttled) in 5 minutes.'
    severity: 2
    enabled: true
    scopes: [ cosmos.id ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'throttled'
          metricName: 'TotalRequests'
          metricNamespace: 'Microsoft.DocumentDB/databaseAccounts'
          dimensions: [ { name: 'StatusCode', operator: 'Include', values: [ '429' ] } ]
          operator: 'GreaterThan'
          threshold: 10
          timeAggregation: 'Count'
        }
      ]
    }
    actions: alertActions
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
    msaAppId: signInAppId
    msaAppType: useManagedIdentity ? 'UserAssignedMSI' : 'SingleTenant'
    msaAppTenantId: tenantId
    msaAppMSIResourceId: useManagedIdentity ? botIdentity.id : null
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
output healthUrl string = 'https://${web.properties.defaultHostName}${healthPath}'
output cosmosAccountName string = cosmos.name
output keyVaultName string = vault.name
output stagingSlot string = enableStagingSlot ? 'staging' : ''
// The id the bot signs in as (the app registration's, or the managed identity's client id): the Teams app package's bot id.
output botAppId string = signInAppId
