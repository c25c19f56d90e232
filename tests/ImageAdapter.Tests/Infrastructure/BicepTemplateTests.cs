extern alias GatewayTool;

using System.Text.Json.Nodes;
using GatewayTool::ImageAdapter.GatewayManifests;

namespace ImageAdapter.Tests.Infrastructure;

/// <summary>Assertions over the ARM resources main.bicep produces (snapshot: expressions evaluated).</summary>
[Collection(BicepCollection.Name)]
public sealed class BicepTemplateTests(BicepFixture bicep)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageBlobDelegator = "db58b8e5-c6ad-4a2a-8342-4190687cbf4a";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public void StorageAccounts_SharedKeyAndPublicBlobAccessOff_Tls12()
    {
        var accounts = All("Microsoft.Storage/storageAccounts");
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, account =>
        {
            var p = account["properties"]!;
            Assert.False((bool)p["allowSharedKeyAccess"]!);
            Assert.False((bool)p["allowBlobPublicAccess"]!);
            Assert.Equal("TLS1_2", (string?)p["minimumTlsVersion"]);
            Assert.True((bool)p["supportsHttpsTrafficOnly"]!);
        });
    }

    [Fact]
    public void Storage_HostStateInItsOwnAccount_PackageAndImagesInTheOther()
    {
        var host = HostAccountId();
        var data = DataAccountId();
        Assert.NotEqual(host, data, StringComparer.OrdinalIgnoreCase);

        // The host's account holds nothing of ours (the host creates its azure-webjobs-* containers) and no
        // lifecycle rule, which Azure warns could delete the host's keys.
        Assert.DoesNotContain(All("Microsoft.Storage/storageAccounts/blobServices/containers"), c => IsUnder(c, host));
        Assert.DoesNotContain(All("Microsoft.Storage/storageAccounts/managementPolicies"), c => IsUnder(c, host));
        Assert.True(IsUnder(Container(ImagesContainerName()), data));
        Assert.True(IsUnder(Container(DeploymentContainerName()), data));
        var deployment = Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Contains(data, (string)deployment["value"]!, StringComparison.OrdinalIgnoreCase);
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
    [InlineData("host storage account", StorageBlobDataOwner)]
    [InlineData("images container", StorageBlobDataContributor)]
    [InlineData("package and images account", StorageBlobDelegator)]
    [InlineData("vault", KeyVaultSecretsUser)]
    [InlineData("Application Insights", MonitoringMetricsPublisher)]
    public void RoleAssignment_AppIdentityOnScope_HasRoleAndGuidName(string scope, string roleId)
    {
        var assignment = Assert.Single(AssignmentsOf(AppIdentityId()), a => ScopeOf(a) == ScopeId(scope) && RoleOf(a) == roleId);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.True(Guid.TryParse((string?)assignment["name"], out _));
    }

    [Fact]
    public void RoleAssignments_AppIdentity_BlobDataOnlyOnHostAccountAndImagesContainer_NoOwnerOfPackage()
    {
        // A compromised adapter must not be able to rewrite the package the platform starts it from.
        string[] dataRoles = [StorageBlobDataOwner, StorageBlobDataContributor];
        var scopes = AssignmentsOf(AppIdentityId()).Where(a => dataRoles.Contains(RoleOf(a))).Select(ScopeOf).Order(StringComparer.Ordinal);

        Assert.Equal(new[] { ScopeId("host storage account"), ScopeId("images container") }.Order(StringComparer.Ordinal), scopes);
        Assert.DoesNotContain(AssignmentsOf(AppIdentityId()), a =>
            RoleOf(a) == StorageBlobDataOwner && ScopeOf(a) != ScopeId("host storage account"));
    }

    [Fact]
    public void RoleAssignments_DeploymentIdentity_ContributorOnPackageContainerOnly()
    {
        var assignment = Assert.Single(AssignmentsOf(DeploymentIdentityId()));
        Assert.Equal((ScopeId("package container"), StorageBlobDataContributor), (ScopeOf(assignment), RoleOf(assignment)));

        var auth = Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!;
        Assert.Equal(DeploymentIdentityId(), (string?)auth["userAssignedIdentityResourceId"]);
        Assert.NotEqual(AppIdentityId(), DeploymentIdentityId());
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
        Assert.Equal(7, names.Count);
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
        var identityId = AppIdentityId();
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
        Assert.Equal([identityId, DeploymentIdentityId()], site["identity"]!["userAssignedIdentities"]!.AsObject().Select(kv => kv.Key));
        Assert.NotNull(config["scaleAndConcurrency"]!["triggers"]!["http"]!["perInstanceConcurrency"]);
    }

    [Fact]
    public void FunctionApp_NoInboundAddresses_NotRestricted()
    {
        var p = Single("Microsoft.Web/sites")["properties"]!;
        Assert.Equal("Enabled", (string?)p["publicNetworkAccess"]);
        Assert.Null(p["siteConfig"]!["ipSecurityRestrictions"]);
        Assert.Null(p["siteConfig"]!["ipSecurityRestrictionsDefaultAction"]);
    }

    [Fact]
    public void FunctionApp_InboundAddresses_AllowsOnlyThose_DeniesTheRest_ScmSeparate()
    {
        var p = Assert.Single(bicep.RestrictedResources, r => (string?)r["type"] == "Microsoft.Web/sites")["properties"]!;
        var config = p["siteConfig"]!;
        var rules = config["ipSecurityRestrictions"]!.AsArray().Select(r => r!).ToList();

        Assert.Equal(BicepFixture.InboundAddresses, rules.Select(r => (string?)r["ipAddress"]));
        Assert.All(rules, r => Assert.Equal("Allow", (string?)r["action"]));
        Assert.Equal(rules.Count, rules.Select(r => (int)r["priority"]!).Distinct().Count());
        Assert.Equal("Deny", (string?)config["ipSecurityRestrictionsDefaultAction"]);
        Assert.Equal("Enabled", (string?)p["publicNetworkAccess"]);
        // Deployments publish through scm from wherever they run: it keeps its own (open, Entra-only) rules.
        Assert.False((bool)config["scmIpSecurityRestrictionsUseMain"]!);
    }

    [Theory]
    [InlineData(false, "Enabled", "Allow")]
    [InlineData(true, "Disabled", "Deny")]
    public void KeyVault_PublicNetworkAccess_FollowsParameter(bool restricted, string access, string defaultAction)
    {
        var resources = restricted ? bicep.RestrictedResources : bicep.Resources;
        var p = Assert.Single(resources, r => (string?)r["type"] == "Microsoft.KeyVault/vaults")["properties"]!;
        Assert.Equal(access, (string?)p["publicNetworkAccess"]);
        Assert.Equal(defaultAction, (string?)p["networkAcls"]!["defaultAction"]);
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void FunctionApp_BasicPublishingCredentials_Disallowed(string kind)
    {
        var policy = Assert.Single(All("Microsoft.Web/sites/basicPublishingCredentialsPolicies"), r => ((string)r["name"]!).EndsWith("/" + kind, StringComparison.Ordinal));
        Assert.False((bool)policy["properties"]!["allow"]!);
    }

    // The host process reads its runtime settings from the environment; the worker has the same in its runtimeconfig.
    [Fact]
    public void AppSettings_HostRuntime_WorkstationGcAndNoSpinning()
    {
        var settings = AppSettings();
        Assert.Equal(("0", "0"), ((string?)settings["DOTNET_gcServer"], (string?)settings["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"]));
    }

    // Both processes get a fixed gen0 budget (16 MiB, hexadecimal as the runtime reads it), not one sized from the CPU's cache.
    [Fact]
    public void AppSettings_Gen0Budget_SixteenMebibytes()
    {
        Assert.Equal("0x1000000", (string?)AppSettings()["DOTNET_GCgen0size"]);
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
        Assert.Contains(AppIdentityId(), (string)settings["AZURE_CLIENT_ID"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(AppIdentityId(), (string)settings["AzureWebJobsStorage__clientId"]!, StringComparison.OrdinalIgnoreCase);
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

    /// <summary>The storage account AzureWebJobsStorage points at.</summary>
    private string HostAccountId() => AccountNamedIn("AzureWebJobsStorage__blobServiceUri");

    /// <summary>The storage account the adapter writes images to (and the package lives in).</summary>
    private string DataAccountId() => AccountNamedIn("Storage__BlobServiceUri");

    private string AccountNamedIn(string setting)
    {
        var value = (string)AppSettings()[setting]!;
        return (string)Assert.Single(All("Microsoft.Storage/storageAccounts"), a => value.Contains($"'{(string)a["id"]!}'", StringComparison.OrdinalIgnoreCase))["id"]!;
    }

    /// <summary>The identity the adapter's code runs as (AZURE_CLIENT_ID).</summary>
    private string AppIdentityId() => IdentityNamedIn((string)AppSettings()["AZURE_CLIENT_ID"]!);

    /// <summary>The identity Flex Consumption reads and writes the package with.</summary>
    private string DeploymentIdentityId() => IdentityNamedIn(
        (string)Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!["userAssignedIdentityResourceId"]!);

    private string IdentityNamedIn(string value) => (string)Assert.Single(All("Microsoft.ManagedIdentity/userAssignedIdentities"), i =>
        value.Contains((string)i["id"]!, StringComparison.OrdinalIgnoreCase))["id"]!;

    private string ImagesContainerName() => (string)AppSettings()["Storage__Container"]!;

    private string DeploymentContainerName()
    {
        var value = (string)Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["value"]!;
        return Assert.Single(All("Microsoft.Storage/storageAccounts/blobServices/containers").Select(c => ((string)c["name"]!).Split('/')[^1]),
            name => value.EndsWith($"'{name}')]", StringComparison.Ordinal));
    }

    private JsonObject Container(string name) =>
        Assert.Single(All("Microsoft.Storage/storageAccounts/blobServices/containers"), c => ((string)c["name"]!).EndsWith("/" + name, StringComparison.Ordinal));

    private static bool IsUnder(JsonObject resource, string parentId) =>
        ((string)resource["id"]!).StartsWith(parentId + "/", StringComparison.OrdinalIgnoreCase);

    private string ScopeId(string scope) => scope switch
    {
        "host storage account" => HostAccountId(),
        "package and images account" => DataAccountId(),
        "images container" => (string)Container(ImagesContainerName())["id"]!,
        "package container" => (string)Container(DeploymentContainerName())["id"]!,
        "vault" => (string)Single("Microsoft.KeyVault/vaults")["id"]!,
        "Application Insights" => (string)Single("Microsoft.Insights/components")["id"]!,
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    private List<JsonObject> AssignmentsOf(string identityId) => All("Microsoft.Authorization/roleAssignments")
        .Where(a => ((string)a["properties"]!["principalId"]!).Contains($"'{identityId}'", StringComparison.OrdinalIgnoreCase))
        .ToList();

    private static string ScopeOf(JsonObject assignment)
    {
        var id = (string)assignment["id"]!;
        return id[..id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase)];
    }

    private static string RoleOf(JsonObject assignment) => ((string)assignment["properties"]!["roleDefinitionId"]!).Split('/')[^1];

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
            .Select(r => (r!["properties"] as JsonObject)?["template"] as JsonObject) // properties may be one expression string
            .OfType<JsonObject>()
            .SelectMany(t => new[] { t }.Concat(NestedTemplates(t)));

    private static IEnumerable<JsonObject> NestedResources(JsonObject template) =>
        new[] { template }.Concat(NestedTemplates(template))
            .SelectMany(t => t["resources"] as JsonArray ?? [])
            .OfType<JsonObject>();
}
