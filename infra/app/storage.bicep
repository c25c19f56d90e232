@description('Name of the storage account holding the app package and the generated images.')
param name string

@description('Name of the storage account the Functions host keeps its own state in (AzureWebJobsStorage).')
param hostName string

@description('Azure region.')
param location string

@description('Blob container Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Blob container for generated images (response_format=url).')
param imagesContainerName string

@description('Days after creation when generated images are deleted.')
@minValue(1)
param imageRetentionDays int = 1

param tags object = {}

// Entra ID only (no shared keys), no anonymous blob access, HTTPS with TLS 1.2: both accounts.
var hardenedAccountProperties = {
  accessTier: 'Hot'
  allowSharedKeyAccess: false
  allowBlobPublicAccess: false
  allowCrossTenantReplication: false
  defaultToOAuthAuthentication: true
  minimumTlsVersion: 'TLS1_2'
  supportsHttpsTrafficOnly: true
  publicNetworkAccess: 'Enabled'
  networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
}

// Two accounts because the Functions host needs Storage Blob Data Owner on the whole of its account (see rbac.bicep):
// that account holds only the host's state (keys, leases, in azure-webjobs-* containers the host creates itself), so
// the role reaches neither the app package nor the images. It gets no lifecycle rule: Azure warns that one can delete
// the host's keys.
resource hostStorage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: hostName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: hardenedAccountProperties
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: hardenedAccountProperties
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource imagesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: imagesContainerName
  properties: { publicAccess: 'None' }
}

// Image URLs are short-lived user-delegation SAS links; the blobs behind them need not outlive them by much.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-generated-images'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ '${imagesContainer.name}/' ]
            }
            actions: {
              baseBlob: {
                delete: { daysAfterCreationGreaterThan: imageRetentionDays }
              }
            }
          }
        }
      ]
    }
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output hostBlobEndpoint string = hostStorage.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainer.name
output imagesContainerName string = imagesContainer.name
