extern alias GatewayTool;

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageAdapter.Catalogue;
using GatewayTool::ImageAdapter.GatewayManifests;

namespace ImageAdapter.Tests.Infrastructure;

public sealed partial class GatewayManifestRoutingTests
{
    private static readonly TimeSpan AdapterDeadline = TimeSpan.FromSeconds(200);
    private static readonly TimeSpan AzureFrontEndCut = TimeSpan.FromSeconds(230);

    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void Routes_EveryRoutedModel_InCatalogue_AndEveryCatalogueModelRoutedOnce(string source)
    {
        var rules = Rules(GatewayManifestSet.Load(source)).ToList();
        var routed = new List<string>();
        foreach (var rule in rules)
        {
            var header = Assert.Single(rule["matches"]!.AsArray().SelectMany(m => m!["headers"]!.AsArray()))!;
            Assert.Equal("x-ai-eg-model", (string?)header["name"]);
            Assert.Equal("Exact", (string?)header["type"]);
            var backendRef = Assert.Single(rule["backendRefs"]!.AsArray())!;
            var id = (string)backendRef["modelNameOverride"]!;

            var entry = Assert.Single(BuiltInModels.All, m => m.Id == id);
            Assert.Equal(entry.ShortName, (string?)header["value"]);
            routed.Add(id);
        }

        Assert.Equal(BuiltInModels.All.Select(m => m.Id).Order(StringComparer.Ordinal), routed.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void Backend_TlsHostname_AndRouteTarget_NameTheSameFqdn(string source)
    {
        var docs = GatewayManifestSet.Load(source);
        var fqdn = GatewayManifestSet.ExpectedFqdn(source);

        var backend = Assert.Single(docs.OfKind("Backend"));
        var endpoint = Assert.Single(backend["spec"]!["endpoints"]!.AsArray())!["fqdn"]!;
        Assert.Equal(fqdn, (string?)endpoint["hostname"]);
        Assert.Equal(443L, (long)endpoint["port"]!);

        var tls = Assert.Single(docs.OfKind("BackendTLSPolicy"));
        Assert.Equal(fqdn, (string?)tls["spec"]!["validation"]!["hostname"]);
        Assert.Equal("System", (string?)tls["spec"]!["validation"]!["wellKnownCACertificates"]);
        var tlsTarget = Assert.Single(tls["spec"]!["targetRefs"]!.AsArray())!;
        Assert.Equal(("gateway.envoyproxy.io", "Backend", backend.Name()), ((string)tlsTarget["group"]!, (string)tlsTarget["kind"]!, (string)tlsTarget["name"]!));

        // Every route rule → AIServiceBackend → this Backend (whose FQDN the Host header is rewritten to).
        var serviceBackends = docs.OfKind("AIServiceBackend").ToDictionary(d => d.Name());
        foreach (var rule in Rules(docs))
        {
            var serviceBackend = serviceBackends[(string)rule["backendRefs"]![0]!["name"]!];
            Assert.Equal("OpenAI", (string?)serviceBackend["spec"]!["schema"]!["name"]);
            Assert.Equal("/v1", (string?)serviceBackend["spec"]!["schema"]!["prefix"]);
            Assert.Equal(backend.Name(), (string?)serviceBackend["spec"]!["backendRef"]!["name"]);
            Assert.Equal("Backend", (string?)serviceBackend["spec"]!["backendRef"]!["kind"]);
        }
    }

    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void Routes_CaptureTheUsageTokens_ForTokenBudgets(string source)
    {
        var routes = GatewayManifestSet.Load(source).OfKind("AIGatewayRoute").ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Equal(
            [("llm_input_token", "InputToken"), ("llm_output_token", "OutputToken"), ("llm_total_token", "TotalToken"), ("image_cost_usd_x10000", "CEL")],
            route["spec"]!["llmRequestCosts"]!.AsArray().Select(cost => ((string)cost!["metadataKey"]!, (string)cost["type"]!))));
    }

    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void RouteTimeout_AboveAdapterDeadline_BelowAzureCut(string source)
    {
        foreach (var rule in Rules(GatewayManifestSet.Load(source)))
        {
            var timeout = ParseDuration((string)rule["timeouts"]!["request"]!);
            Assert.InRange(timeout, AdapterDeadline + TimeSpan.FromSeconds(1), AzureFrontEndCut - TimeSpan.FromSeconds(1));
        }
    }

    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void TrafficPolicy_TargetsEveryRoute_BuffersImages_RetriesOnlyBeforeTheRequestRan(string source)
    {
        var docs = GatewayManifestSet.Load(source);
        var policy = Assert.Single(docs.OfKind("BackendTrafficPolicy"));
        var targets = policy["spec"]!["targetRefs"]!.AsArray().Select(t => ((string)t!["kind"]!, (string)t["name"]!));
        var routes = docs.OfKind("AIGatewayRoute").Concat(docs.OfKind("HTTPRoute")).Select(r => ("HTTPRoute", r.Name()));
        Assert.Equal(routes, targets);

        var limit = (string)policy["spec"]!["connection"]!["bufferLimit"]!;
        Assert.True(ParseQuantity(limit) >= 20L * 1024 * 1024, $"bufferLimit {limit} is too small for base64 images.");

        // A POST that reached the adapter may have started a billed generation: never retry it.
        string[] safe = ["connect-failure", "reset-before-request", "refused-stream"];
        var retryOn = policy["spec"]!["retry"]!["retryOn"]!;
        Assert.All(retryOn["triggers"]!.AsArray(), t => Assert.Contains((string)t!, safe));
        Assert.Null(retryOn["httpStatusCodes"]);
    }

    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void SecurityPolicy_ApiKeyFromTemplateSecret_NoRealKey(string source)
    {
        var docs = GatewayManifestSet.Load(source);
        var policy = Assert.Single(docs.OfKind("BackendSecurityPolicy"));
        Assert.Equal("APIKey", (string?)policy["spec"]!["type"]);
        Assert.Equal(("AIServiceBackend", Assert.Single(docs.OfKind("AIServiceBackend")).Name()),
            ((string)policy["spec"]!["targetRefs"]![0]!["kind"]!, (string)policy["spec"]!["targetRefs"]![0]!["name"]!));

        var secret = Assert.Single(docs.OfKind("Secret"));
        Assert.Equal((string?)policy["spec"]!["apiKey"]!["secretRef"]!["name"], secret.Name());
        Assert.Equal(GatewayManifestRenderer.SecretPlaceholder, (string?)secret["stringData"]!["apiKey"]);
        Assert.Null(secret["data"]);
    }

    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void EditsRoute_PostExactPath_ToTheAdapterBackend_OnTheAiRoutesGateway(string source)
    {
        var docs = GatewayManifestSet.Load(source);
        var route = Assert.Single(docs.OfKind("HTTPRoute"));
        var rule = Assert.Single(route["spec"]!["rules"]!.AsArray())!;

        var match = Assert.Single(rule["matches"]!.AsArray())!;
        Assert.Equal(("Exact", "/v1/images/edits", "POST"), ((string)match["path"]!["type"]!, (string)match["path"]!["value"]!, (string)match["method"]!));
        var backendRef = Assert.Single(rule["backendRefs"]!.AsArray())!;
        Assert.Equal(("gateway.envoyproxy.io", "Backend", Assert.Single(docs.OfKind("Backend")).Name()),
            ((string)backendRef["group"]!, (string)backendRef["kind"]!, (string)backendRef["name"]!));
        Assert.Equal(route["spec"]!["parentRefs"]!.ToJsonString(), docs.OfKind("AIGatewayRoute").First()["spec"]!["parentRefs"]!.ToJsonString());
        var timeout = ParseDuration((string)rule["timeouts"]!["request"]!);
        Assert.InRange(timeout, AdapterDeadline + TimeSpan.FromSeconds(1), AzureFrontEndCut - TimeSpan.FromSeconds(1));
    }

    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void EditsRoute_Filter_InjectsKeyFromTheAiRoutesSecret_AndRewritesHost(string source)
    {
        var docs = GatewayManifestSet.Load(source);
        var rule = Assert.Single(docs.OfKind("HTTPRoute"))["spec"]!["rules"]![0]!;
        var filterRef = Assert.Single(rule["filters"]!.AsArray())!;
        Assert.Equal("ExtensionRef", (string?)filterRef["type"]);
        Assert.Equal(("gateway.envoyproxy.io", "HTTPRouteFilter"), ((string)filterRef["extensionRef"]!["group"]!, (string)filterRef["extensionRef"]!["kind"]!));
        var filter = Assert.Single(docs.OfKind("HTTPRouteFilter"), f => f.Name() == (string?)filterRef["extensionRef"]!["name"]);

        var injection = filter["spec"]!["credentialInjection"]!;
        var secretName = (string?)Assert.Single(docs.OfKind("BackendSecurityPolicy"))["spec"]!["apiKey"]!["secretRef"]!["name"];
        Assert.Equal(secretName, (string?)injection["credential"]!["valueRef"]!["name"]);
        Assert.Equal("Secret", (string?)injection["credential"]!["valueRef"]!["kind"]);
        Assert.Equal("Authorization", (string?)injection["header"]);
        Assert.True((bool)injection["overwrite"]!, "A client's own Authorization must not reach the adapter.");
        Assert.Equal("Backend", (string?)filter["spec"]!["urlRewrite"]!["hostname"]!["type"]);
    }

    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void Secret_CredentialEntry_IsBearerOfTheApiKeyEntry(string source)
    {
        // credentialInjection sends the "credential" entry as it is; the APIKey policy prefixes "apiKey" with "Bearer ".
        var secret = Assert.Single(GatewayManifestSet.Load(source).OfKind("Secret"));
        Assert.Equal("Bearer " + (string)secret["stringData"]!["apiKey"]!, (string?)secret["stringData"]!["credential"]);
    }

    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void ClientTrafficPolicy_OnTheGateway_BufferHoldsAMultipartEditAndADataUrlGeneration(string source)
    {
        const long imageLimit = 20_000_000; // the adapter's default per-image limit
        const long formFields = 1_000_000; // prompt (32,000 characters) and the other fields, generously
        var docs = GatewayManifestSet.Load(source);
        var policy = Assert.Single(docs.OfKind("ClientTrafficPolicy"));

        var target = Assert.Single(policy["spec"]!["targetRefs"]!.AsArray())!;
        Assert.Equal(("gateway.networking.k8s.io", "Gateway", (string)docs.OfKind("AIGatewayRoute").First()["spec"]!["parentRefs"]![0]!["name"]!),
            ((string)target["group"]!, (string)target["kind"]!, (string)target["name"]!));
        Assert.Null(policy["metadata"]!["namespace"]); // applied with -n <gateway namespace>

        var limit = ParseQuantity((string)policy["spec"]!["connection"]!["bufferLimit"]!);
        Assert.True(limit >= 2 * imageLimit + formFields, $"{limit} bytes cannot hold an image and a mask of 20 MB.");
        Assert.True(limit >= imageLimit * 4 / 3 + formFields, $"{limit} bytes cannot hold a 20 MB image as a data URL.");
    }

    [Fact]
    public void Render_GatewayNamespace_OnEveryRoutesParentRef()
    {
        var docs = GatewayManifestRenderer.Render(new GatewayManifestOptions(GatewayManifestSet.RenderedFqdn, BuiltInModels.All) { GatewayNamespace = "gw-system" })
            .SelectMany(m => YamlJson.LoadDocuments(m.Content)).ToList();

        var routes = docs.OfKind("AIGatewayRoute").Concat(docs.OfKind("HTTPRoute")).ToList();
        Assert.Equal(2, routes.Count);
        Assert.All(routes, r => Assert.Equal("gw-system", (string?)r["spec"]!["parentRefs"]![0]!["namespace"]));
    }

    [Fact]
    public void CommittedExample_MatchesRendererOutput()
    {
        foreach (var manifest in GatewayManifestRenderer.Render(new GatewayManifestOptions(GatewayManifestSet.ExampleFqdn, BuiltInModels.All)))
        {
            var committed = File.ReadAllText(Path.Combine(RepoPaths.Gateway, manifest.FileName));
            Assert.True(committed == manifest.Content,
                $"infra/gateway/{manifest.FileName} is stale: run `dotnet run --project tools/GatewayManifests -- --fqdn {GatewayManifestSet.ExampleFqdn} --out infra/gateway`.");
        }
    }

    [Fact]
    public void Render_MoreModelsThanOneRouteHolds_SpillsIntoSecondRoute()
    {
        var models = Enumerable.Range(0, GatewayManifestRenderer.MaxRulesPerRoute + 2)
            .Select(i => new ModelEntry($"accounts/fireworks/models/m{i}", ApiFamily.ImageGeneration)).ToList();
        var docs = GatewayManifestRenderer.Render(new GatewayManifestOptions(GatewayManifestSet.RenderedFqdn, models))
            .SelectMany(m => YamlJson.LoadDocuments(m.Content)).ToList();

        var routes = docs.OfKind("AIGatewayRoute").ToList();
        Assert.Equal([GatewayManifestRenderer.MaxRulesPerRoute, 2], routes.Select(r => r["spec"]!["rules"]!.AsArray().Count));
        Assert.Equal(3, docs.OfKind("BackendTrafficPolicy").Single()["spec"]!["targetRefs"]!.AsArray().Count); // two AI routes, edits
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a host")]
    [InlineData("localhost")]
    [InlineData("func_x.azurewebsites.net")]
    public void Render_InvalidFqdn_Throws(string fqdn) =>
        Assert.Throws<ArgumentException>(() => GatewayManifestRenderer.Render(new GatewayManifestOptions(fqdn, BuiltInModels.All)));

    [Fact]
    public void Render_FqdnWithSchemeAndUpperCase_Normalized()
    {
        var docs = GatewayManifestRenderer.Render(new GatewayManifestOptions("https://Func-X.AzureWebsites.net/", BuiltInModels.All))
            .SelectMany(m => YamlJson.LoadDocuments(m.Content));
        Assert.Equal("func-x.azurewebsites.net", (string?)docs.OfKind("Backend").Single()["spec"]!["endpoints"]![0]!["fqdn"]!["hostname"]);
    }

    [Fact]
    public void DeploymentOutputs_ArmJson_ReadsFqdn()
    {
        const string json = """
            { "AZURE_KEY_VAULT_URI": { "type": "String", "value": "https://kv-x.vault.azure.net/" },
              "FUNCTION_APP_DEFAULT_HOSTNAME": { "type": "String", "value": "func-x.azurewebsites.net" } }
            """;
        Assert.Equal("func-x.azurewebsites.net", DeploymentOutputs.ReadFqdn(json));
    }

    [Fact]
    public void DeploymentOutputs_AzdDotEnv_ReadsFqdn()
    {
        const string env = "AZURE_ENV_NAME=\"dev\"\nFUNCTION_APP_DEFAULT_HOSTNAME=\"func-y.azurewebsites.net\"\n";
        Assert.Equal("func-y.azurewebsites.net", DeploymentOutputs.ReadFqdn(env));
    }

    [Fact]
    public void DeploymentOutputs_NoFqdn_Throws() =>
        Assert.Throws<FormatException>(() => DeploymentOutputs.ReadFqdn("{\"AZURE_LOCATION\":{\"type\":\"String\",\"value\":\"x\"}}"));

    [Fact]
    public void DeploymentOutputs_OutputName_DeclaredByMainBicep() =>
        Assert.Contains($"output {DeploymentOutputs.FqdnOutputName} string", File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.bicep")), StringComparison.Ordinal);

    private static IEnumerable<JsonObject> Rules(IEnumerable<JsonObject> docs) =>
        docs.OfKind("AIGatewayRoute").SelectMany(r => r["spec"]!["rules"]!.AsArray()).Select(n => n!.AsObject());

    private static TimeSpan ParseDuration(string value)
    {
        var match = Duration().Match(value);
        Assert.True(match.Success, $"'{value}' is not a Gateway API duration.");
        var total = TimeSpan.Zero;
        foreach (var part in match.Groups["part"].Captures.Cast<Capture>())
        {
            var unit = Unit().Match(part.Value);
            var n = long.Parse(unit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += unit.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(n),
                "m" => TimeSpan.FromMinutes(n),
                "s" => TimeSpan.FromSeconds(n),
                _ => TimeSpan.FromMilliseconds(n),
            };
        }

        return total;
    }

    private static long ParseQuantity(string value)
    {
        var match = Quantity().Match(value);
        Assert.True(match.Success, $"'{value}' is not a byte quantity.");
        var n = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "Ki" => n << 10,
            "Mi" => n << 20,
            "Gi" => n << 30,
            "k" => n * 1000,
            "M" => n * 1_000_000,
            "G" => n * 1_000_000_000,
            _ => n,
        };
    }

    [GeneratedRegex("^(?<part>[0-9]{1,5}(h|ms|m|s)){1,4}$")]
    private static partial Regex Duration();

    [GeneratedRegex("^([0-9]+)(h|ms|m|s)$")]
    private static partial Regex Unit();

    [GeneratedRegex("^([0-9]+)(Ki|Mi|Gi|k|M|G)?$")]
    private static partial Regex Quantity();
}
