targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; part of every resource name and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Azure region for all resources.')
param location string

@description('Optional: object id of the user or group that will write the two Key Vault secrets (gets Key Vault Secrets Officer). azd fills it with the signed-in user.')
param principalId string = ''

@description('Principal type of principalId.')
@allowed([ 'User', 'Group', 'ServicePrincipal' ])
param principalType string = 'User'

@description('Flex Consumption instance memory in MB.')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Flex Consumption maximum instance count.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Concurrent HTTP requests per instance. Requests mostly wait on Fireworks, so this can exceed the CPU count; the adapter itself admits 32 images at once and queues the rest (infra/README.md, Sizing).')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 32

@description('Fireworks inference base URL.')
param fireworksBaseUrl string = 'https://api.fireworks.ai/inference/v1'

@description('Name of the Key Vault secret with the Fireworks API key (the secret itself is set after deployment).')
param fireworksApiKeySecretName string = 'fireworks-api-key'

@description('Name of the Key Vault secret with the adapter API keys (the secret itself is set after deployment).')
param adapterApiKeysSecretName string = 'adapter-api-keys'

@description('Optional: CIDR ranges allowed to call the function app, normally the gateway\'s egress addresses (e.g. [ \'20.50.1.2/32\' ]). Anyone else gets 403. Empty = reachable from anywhere, guarded by the adapter key alone (see infra/README.md).')
param allowedInboundAddresses array = []

@description('Key Vault public network access. Disabled = only private endpoints reach it: for when the app reaches the vault through VNet integration and a private endpoint, which this template does not create.')
@allowed([ 'Enabled', 'Disabled' ])
param keyVaultPublicNetworkAccess string = 'Enabled'

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'
var imagesContainerName = 'images'
// Names are computed here (not taken from module outputs) so role assignment scopes are known before deployment.
var identityName = 'id-${resourceToken}'
var deploymentIdentityName = 'id-deploy-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var hostStorageAccountName = 'sthost${resourceToken}'
var keyVaultName = 'kv-${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'

module identity 'app/identity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

// Flex Consumption reads and writes the app package with this identity, not with the app's.
module deploymentIdentity 'app/identity.bicep' = {
  name: 'deploymentIdentity'
  params: {
    name: deploymentIdentityName
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    hostName: hostStorageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    imagesContainerName: imagesContainerName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    publicNetworkAccess: keyVaultPublicNetworkAccess
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  params: {
    hostStorageAccountName: hostStorageAccountName
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    imagesContainerName: imagesContainerName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    identityId: resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', identityName)
    identityPrincipalId: identity.outputs.principalId
    deploymentIdentityId: resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', deploymentIdentityName)
    deploymentIdentityPrincipalId: deploymentIdentity.outputs.principalId
    writerPrincipalId: principalId
    writerPrincipalType: principalType
  }
  dependsOn: [ storage, keyVault, monitoring ]
}

module function 'app/function.bicep' = {
  name: 'function'
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentIdentityId: deploymentIdentity.outputs.id
    hostBlobEndpoint: storage.outputs.hostBlobEndpoint
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    imagesContainerName: storage.outputs.imagesContainerName
    keyVaultUri: keyVault.outputs.uri
    fireworksApiKeySecretName: fireworksApiKeySecretName
    adapterApiKeysSecretName: adapterApiKeysSecretName
    fireworksBaseUrl: fireworksBaseUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    allowedInboundAddresses: allowedInboundAddresses
  }
  // The host reads its storage with the identity as soon as it starts: grant the roles first.
  dependsOn: [ rbac ]
}

output AZURE_LOCATION string = location
output AZURE_FUNCTION_APP_NAME string = function.outputs.name
@description('The FQDN Envoy AI Gateway routes to (Backend endpoint, TLS hostname and Host header).')
output FUNCTION_APP_DEFAULT_HOSTNAME string = function.outputs.defaultHostName
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
