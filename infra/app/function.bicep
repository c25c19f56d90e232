@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

param tags object = {}

@description('Resource id of the user-assigned identity used for storage, Key Vault and telemetry.')
param identityId string

@description('Resource id of the user-assigned identity the platform reads and writes the app package with.')
param deploymentIdentityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Blob endpoint of the host storage account (AzureWebJobsStorage).')
param hostBlobEndpoint string

@description('Blob endpoint of the account holding the package and images containers, e.g. https://<account>.blob.<suffix>/.')
param blobEndpoint string

@description('Container Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Container for generated images.')
param imagesContainerName string

@description('Key Vault URI.')
param keyVaultUri string

@description('Name of the Key Vault secret holding the Fireworks API key.')
param fireworksApiKeySecretName string

@description('Name of the Key Vault secret holding the adapter API keys.')
param adapterApiKeysSecretName string

@description('Fireworks inference base URL.')
param fireworksBaseUrl string

@description('Application Insights connection string (not a secret: ingestion needs Entra auth).')
param applicationInsightsConnectionString string

@description('Instance memory in MB.')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int

@description('Maximum number of instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Concurrent HTTP requests per instance.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('CIDR ranges allowed to call the app; empty = no restriction.')
param allowedInboundAddresses array

// The Azure front end answers 403 to anyone else. Rules apply in priority order; the default action catches the rest.
var inboundRules = [for (cidr, i) in allowedInboundAddresses: {
  name: 'allowed-${i + 1}'
  action: 'Allow'
  ipAddress: cidr
  priority: 100 + i
  tag: 'Default'
}]

var inboundRestriction = empty(allowedInboundAddresses) ? {} : {
  ipSecurityRestrictions: inboundRules
  ipSecurityRestrictionsDefaultAction: 'Deny'
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {}, '${deploymentIdentityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled' // the gateway calls the public host name; inboundRestriction narrows who may
    keyVaultReferenceIdentity: identityId
    siteConfig: union({
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // The scm (deployment) endpoint does not follow the gateway-only rules: azd and `az functionapp deployment`
      // publish through it from wherever they run. It accepts Entra tokens only (basic publishing credentials are off).
      scmIpSecurityRestrictionsUseMain: false
    }, inboundRestriction)
    functionAppConfig: {
      // Its own identity: the adapter's credential (AZURE_CLIENT_ID) has no write access to the package.
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: deploymentIdentityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        triggers: { http: { perInstanceConcurrency: httpPerInstanceConcurrency } }
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

// No FUNCTIONS_WORKER_RUNTIME: on Flex the runtime lives in functionAppConfig.runtime.
// No secret values: the app reads both secrets from Key Vault at run time with its identity.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Every path reaches the app, which answers unknown ones with its OpenAI-shaped 404; not the host's home page.
    AzureWebJobsDisableHomepage: 'true'
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: hostBlobEndpoint
    AZURE_CLIENT_ID: identityClientId
    AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential'
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Fireworks__BaseUrl: fireworksBaseUrl
    KeyVault__Uri: keyVaultUri
    KeyVault__FireworksApiKeySecret: fireworksApiKeySecretName
    KeyVault__AdapterApiKeysSecret: adapterApiKeysSecretName
    Storage__BlobServiceUri: blobEndpoint
    Storage__Container: imagesContainerName
    // The Functions host process's runtime, set as the worker's is (src/HostRuntime.props): workstation GC, and
    // thread-pool workers that do not spin before they sleep. On one or two vCPUs the host then held 182 MB where it
    // held 225 MB, and passed 7 % more requests per second (bench/results.md).
    DOTNET_gcServer: '0'
    DOTNET_ThreadPool_UnfairSemaphoreSpinLimit: '0'
    // A 16 MiB gen0 budget for both processes. The runtime otherwise sizes it from the CPU's last-level cache, so an
    // instance's memory would follow the hardware it lands on: with a 260 MB L3, the standalone server held 222 MB at 16
    // clients where it holds 162 MB with this, at the same throughput. The runtime reads it from the environment only.
    DOTNET_GCgen0size: '0x1000000'
  }
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
