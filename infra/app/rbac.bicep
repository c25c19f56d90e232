@description('Storage account the Functions host keeps its state in (AzureWebJobsStorage).')
param hostStorageAccountName string

@description('Storage account holding the app package container and the images container.')
param storageAccountName string

@description('Container Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Container the adapter writes generated images to.')
param imagesContainerName string

@description('Key Vault holding the Fireworks key and the adapter keys.')
param keyVaultName string

@description('Application Insights component the app sends telemetry to.')
param applicationInsightsName string

@description('Resource id of the app\'s user-assigned identity (stable part of the role assignment names).')
param identityId string

@description('Principal (object) id of the app\'s user-assigned identity.')
param identityPrincipalId string

@description('Resource id of the identity the platform reads and writes the app package with.')
param deploymentIdentityId string

@description('Principal (object) id of that identity.')
param deploymentIdentityPrincipalId string

@description('Optional: object id of a user or group allowed to write the two secrets (Key Vault Secrets Officer). Empty = none.')
param writerPrincipalId string = ''

@description('Principal type of writerPrincipalId.')
@allowed([ 'User', 'Group', 'ServicePrincipal' ])
param writerPrincipalType string = 'User'

// Built-in role definition ids (same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: hostStorageAccountName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deploymentContainer 'containers' existing = {
      name: deploymentContainerName
    }

    resource imagesContainer 'containers' existing = {
      name: imagesContainerName
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// The Functions host's documented minimum for an identity-based AzureWebJobsStorage: it reads and writes blobs
// (keys, leases) and creates its own containers, hence the whole (host-only) account.
resource hostStorageBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostStorage
  name: guid(hostStorage.id, identityId, roles.storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The adapter writes images to this one container; it cannot touch the app package next to it.
resource imagesBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage::blobService::imagesContainer
  name: guid(storage::blobService::imagesContainer.id, identityId, roles.storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Get User Delegation Key (for the response_format=url SAS) is an account-level action, which a container-scoped
// role does not grant. The Delegator role grants only that: the SAS it signs can do no more than the images role.
resource storageBlobDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identityId, roles.storageBlobDelegator)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDelegator)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Flex Consumption writes the package at deployment and reads it at start-up with this identity. `az functionapp
// create` grants it on the whole account; the container is all it uses.
resource deploymentBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage::blobService::deploymentContainer
  name: guid(storage::blobService::deploymentContainer.id, deploymentIdentityId, roles.storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: deploymentIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identityId, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource monitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: applicationInsights
  name: guid(applicationInsights.id, identityId, roles.monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(writerPrincipalId)) {
  scope: vault
  name: guid(vault.id, writerPrincipalId, roles.keyVaultSecretsOfficer)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: writerPrincipalId
    principalType: writerPrincipalType
  }
}
