@description('Name of the Key Vault.')
param name string

@description('Azure region.')
param location string

param tags object = {}

@description('Disabled = only private endpoints reach the vault (firewall rules and trusted services are off too).')
@allowed([ 'Enabled', 'Disabled' ])
param publicNetworkAccess string = 'Enabled'

// RBAC mode only: no access policies. Secrets are put in after deployment (see infra/README.md),
// never by this template or a parameter file.
resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: publicNetworkAccess
    // The app reads the vault with the SDK from its own outbound addresses, never as a trusted Azure service.
    networkAcls: publicNetworkAccess == 'Enabled'
      ? { defaultAction: 'Allow', bypass: 'AzureServices' }
      : { defaultAction: 'Deny', bypass: 'None' }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
