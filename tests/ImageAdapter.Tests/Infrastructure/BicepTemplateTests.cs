extern alias GatewayTool;

using System.Text.Json.Nodes;
using GatewayTool::ImageAdapter.GatewayManifests;

namespace ImageAdapter.Tests.Infrastructure;

/// <summary>Assertions over the ARM resources main.bicep produces (snapshot: expressions evaluated).</summary>
[Collection(BicepCollection.Name)]
public sealed class BicepTemplateTests(BicepFixture bicep)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public void StorageAccount_SharedKeyAndPublicBlobAccessOff_Tls12()
    {
        var p = Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.False((bool)p["allowSharedKeyAccess"]!);
        Assert.False((bool)p["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)p["minimumTlsVersion"]);
        Assert.True((bool)p["supportsHttpsTrafficOnly"]!);
    }

    [Fact]
    public void Storage_ImagesContainer_DeletedAfterOneDay()
    {
        var container = AppSettings()["Storage__Container"]!.GetValue<string>();
        Assert.Contains(All("Microsoft.Storage/storageAccounts/blobServices/containers"), c => ((string)c["name"]!).EndsWith("/" + container, StringComparison.Ordinal));

        var rules = Single("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray();
        var rule = Assert.Single(rules)!;
        Assert.True((bool)rule["enabled"]!);
        var prefixes = rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(n => (string?)n);
        Assert.Equal([container + "/"], prefixes);
        Assert.Equal(1, (int)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]!);
    }

    [Fact]
    public void KeyVault_RbacSoftDeletePurgeProtection_NoSecretsInTemplate()
    {
        var p = Single("Microsoft.KeyVault/vaults")["properties"]!;
        Assert.True((bool)p["enableRbacAuthorization"]!);
        Assert.True((bool)p["enableSoftDelete"]!);
        Assert.True((bool)p["enablePurgeProtection"]!);
        Assert.Null(p["accessPolicies"]);
        Assert.Empty(All("Microsoft.KeyVault/vaults/secrets"));
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts", StorageBlobDataOwner)]
    [InlineData("Microsoft.KeyVault/vaults", KeyVaultSecretsUser)]
    [InlineData("Microsoft.Insights/components", MonitoringMetricsPublisher)]
    public void RoleAssignment_IdentityOnScope_HasRoleAndGuidName(string scopeType, string roleId)
    {
        var scopeId = (string)Single(scopeType)["id"]!;
        var identityId = (string)Single("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;
        var assignment = Assert.Single(All("Microsoft.Authorization/roleAssignments"), a =>
            ((string)a["id"]!).StartsWith(scopeId + "/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase)
            && ((string)a["properties"]!["roleDefinitionId"]!).EndsWith("/roleDefinitions/" + roleId, StringComparison.Ordinal));
        Assert.Contains(identityId, (string)assignment["properties"]!["principalId"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.True(Guid.TryParse((string?)assignment["name"], out _));
    }

    [Fact]
    public void RoleAssignment_SecretsWriter_OnVaultWhenPrincipalGiven()
    {
        var vaultId = (string)Single("Microsoft.KeyVault/vaults")["id"]!;
        var assignment = Assert.Single(All("Microsoft.Authorization/roleAssignments"), a =>
            ((string)a["properties"]!["roleDefinitionId"]!).EndsWith(KeyVaultSecretsOfficer, StringComparison.Ordinal));
        Assert.StartsWith(vaultId + "/", (string)assignment["id"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(BicepFixture.WriterPrincipalId, (string?)assignment["properties"]!["principalId"]);
    }

    [Fact]
    public void RoleAssignments_Names_DeterministicGuidExpressions()
    {
        var names = NestedResources(bicep.Template)
            .Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments")
            .Select(r => (string)r["name"]!)
            .ToList();
        Assert.Equal(4, names.Count);
        Assert.All(names, n => Assert.StartsWith("[guid(", n, StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("newGuid", StringComparison.OrdinalIgnoreCase) || n.Contains("utcNow", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void FunctionApp_FlexFc1_DotnetIsolated10_HttpsOnly_Tls12_FtpsOff()
    {
        var plan = Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);

        var site = Single("Microsoft.Web/sites");
        var identityId = (string)Single("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;
        var p = site["properties"]!;
        Assert.True((bool)p["httpsOnly"]!);
        Assert.Equal("1.2", (string?)p["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)p["siteConfig"]!["ftpsState"]);
        Assert.Equal(identityId, (string?)p["keyVaultReferenceIdentity"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);

        var config = p["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Equal(identityId, (string?)config["deployment"]!["storage"]!["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.NotNull(config["scaleAndConcurrency"]!["triggers"]!["http"]!["perInstanceConcurrency"]);
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void FunctionApp_BasicPublishingCredentials_Disallowed(string kind)
    {
        var policy = Assert.Single(All("Microsoft.Web/sites/basicPublishingCredentialsPolicies"), r => ((string)r["name"]!).EndsWith("/" + kind, StringComparison.Ordinal));
        Assert.False((bool)policy["properties"]!["allow"]!);
    }

    [Fact]
    public void AppSettings_KeyVaultAndStorageByIdentity_NoSecretValues()
    {
        var settings = AppSettings();
        Assert.Contains("vaultUri", (string)settings["KeyVault__Uri"]!, StringComparison.Ordinal);
        Assert.Equal("fireworks-api-key", (string?)settings["KeyVault__FireworksApiKeySecret"]);
        Assert.Equal("adapter-api-keys", (string?)settings["KeyVault__AdapterApiKeysSecret"]);
        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.Contains(".clientId", (string)settings["AzureWebJobsStorage__clientId"]!, StringComparison.Ordinal);
        Assert.Contains(".clientId", (string)settings["AZURE_CLIENT_ID"]!, StringComparison.Ordinal);
        Assert.Equal("ManagedIdentityCredential", (string?)settings["AZURE_TOKEN_CREDENTIALS"]);
        Assert.Contains("primaryEndpoints.blob", (string)settings["Storage__BlobServiceUri"]!, StringComparison.Ordinal);
        Assert.NotNull(settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Contains("Authorization=AAD", (string)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!, StringComparison.Ordinal);
        Assert.Equal("true", (string?)settings["AzureWebJobsDisableHomepage"]);

        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"), "FUNCTIONS_WORKER_RUNTIME is deprecated on Flex Consumption.");
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "Host storage must use the identity, not a connection string.");
        foreach (var (name, value) in settings)
        {
            var text = value!.ToJsonString();
            Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@Microsoft.KeyVault(", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void ApplicationInsights_LocalAuthDisabled()
    {
        Assert.True((bool)Single("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!);
    }

    [Fact]
    public void Outputs_HostNameVaultUriClientId_NoSecrets()
    {
        var evaluated = bicep.SnapshotOutputs;
        var siteId = (string)Single("Microsoft.Web/sites")["id"]!;
        Assert.Equal($"[reference('{siteId}', '2025-03-01').defaultHostName]", (string?)evaluated[DeploymentOutputs.FqdnOutputName]);
        Assert.EndsWith(".vaultUri]", (string)evaluated["AZURE_KEY_VAULT_URI"]!, StringComparison.Ordinal);
        Assert.EndsWith(".clientId]", (string)evaluated["AZURE_IDENTITY_CLIENT_ID"]!, StringComparison.Ordinal);

        var outputs = bicep.Template["outputs"]!.AsObject();
        foreach (var (name, output) in outputs)
        {
            var type = ((string?)output!["type"])?.ToLowerInvariant();
            Assert.False(type is "securestring" or "secureobject", $"Output {name} is secure-typed.");
            var value = output.ToJsonString();
            Assert.DoesNotContain("listKeys", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ConnectionString", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("password", name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secret", name, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Template_NoSecureParameters()
    {
        // Nothing secret is passed in: both secrets go into Key Vault after deployment.
        foreach (var template in new[] { bicep.Template }.Concat(NestedTemplates(bicep.Template)))
        {
            foreach (var (name, parameter) in template["parameters"]?.AsObject() ?? new JsonObject())
            {
                var type = ((string?)parameter!["type"])?.ToLowerInvariant();
                Assert.False(type is "securestring" or "secureobject", $"Parameter {name} is secure-typed.");
            }
        }
    }

    private JsonObject AppSettings() =>
        Assert.Single(All("Microsoft.Web/sites/config"), c => ((string)c["name"]!).EndsWith("/appsettings", StringComparison.Ordinal))["properties"]!.AsObject();

    private JsonObject Single(string type) => Assert.Single(All(type));

    private List<JsonObject> All(string type)
    {
        Assert.NotEmpty(bicep.Resources);
        return bicep.Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static IEnumerable<JsonObject> NestedTemplates(JsonObject template) =>
        (template["resources"] as JsonArray ?? [])
            .Select(r => r!["properties"]?["template"] as JsonObject)
            .OfType<JsonObject>()
            .SelectMany(t => new[] { t }.Concat(NestedTemplates(t)));

    private static IEnumerable<JsonObject> NestedResources(JsonObject template) =>
        new[] { template }.Concat(NestedTemplates(template))
            .SelectMany(t => t["resources"] as JsonArray ?? [])
            .OfType<JsonObject>();
}
