extern alias GatewayTool;

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GatewayTool::ImageAdapter.GatewayManifests;
using ImageAdapter.Tests.Infrastructure;

namespace ImageAdapter.Tests.Cost;

/// <summary>
/// The <c>llmRequestCosts</c> CEL rule for <c>Usage__Mode=cost</c>: on every AI route, valid for the CRD, and meaning
/// what the README says (micro-dollars to USD × 10,000, rounded up).
/// </summary>
public sealed partial class CostGatewayRuleTests
{
    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void EveryAiRoute_CarriesTheCostRule_ValidForTheCrd(string source)
    {
        var routes = GatewayManifestSet.Load(source).OfKind("AIGatewayRoute").ToList();

        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var rule = Assert.Single(CostRules(route));
            Assert.Equal(("CEL", GatewayManifestRenderer.CostCel), ((string)rule["type"]!, (string)rule["cel"]!));
            if (CrdSchemas.Instance is { } schemas)
            {
                Assert.Empty(schemas.Validate(route));
            }
        }
    }

    [Fact]
    public void Crd_RefusesAMisspeltCostRule()
    {
        // The schema check above must be able to fail on this entry.
        var schemas = CrdSchemas.Instance;
        if (schemas is null)
        {
            Assert.Skip("../shared/spec/crds not found: CRD schema validation skipped.");
        }

        var route = GatewayManifestSet.Load("rendered").OfKind("AIGatewayRoute").First();
        var badType = route.DeepClone().AsObject();
        Assert.Single(CostRules(badType))["type"] = "Cel";
        var noKey = route.DeepClone().AsObject();
        Assert.Single(CostRules(noKey)).Remove("metadataKey");

        Assert.NotEmpty(schemas.Validate(badType));
        Assert.NotEmpty(schemas.Validate(noKey));
    }

    [Theory]
    [InlineData(1400, 14)] // one schnell image, $0.0014
    [InlineData(4200, 42)]
    [InlineData(80000, 800)] // one Kontext max image, $0.08
    [InlineData(1, 1)] // a fraction of the unit counts as one
    [InlineData(13001, 131)]
    [InlineData(0, 0)]
    public void CostRule_TurnsMicroDollarsIntoUsdTimesTenThousand_RoundedUp(uint outputTokens, uint expected)
    {
        // The AI Gateway declares the token variables as uint (envoyproxy/ai-gateway internal/llmcostcel): an int
        // literal beside them does not compile, so the rule has this one shape, evaluated here by hand.
        var rule = Shape().Match(GatewayManifestRenderer.CostCel);
        Assert.True(rule.Success, $"'{GatewayManifestRenderer.CostCel}' is not (output_tokens + Nu) / Mu.");
        var (add, divide) = (uint.Parse(rule.Groups[1].Value, CultureInfo.InvariantCulture), uint.Parse(rule.Groups[2].Value, CultureInfo.InvariantCulture));

        Assert.Equal(expected, (outputTokens + add) / divide);
    }

    [Fact]
    public void Readme_DocumentsTheRuleAndItsKey()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var gatewayReadme = File.ReadAllText(Path.Combine(RepoPaths.Gateway, "README.md"));

        Assert.Contains(GatewayManifestRenderer.CostCel, readme, StringComparison.Ordinal);
        Assert.Contains(GatewayManifestRenderer.CostMetadataKey, readme, StringComparison.Ordinal);
        Assert.Contains(GatewayManifestRenderer.CostMetadataKey, gatewayReadme, StringComparison.Ordinal);
    }

    [Fact]
    public void GatewayReadme_DollarBudget_ValidInTheRenderedTrafficPolicy_ChargesTheCostKey()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Gateway, "README.md"));
        var section = readme[readme.IndexOf("## Dollar budgets", StringComparison.Ordinal)..];
        var example = YamlBlock().Match(section);
        Assert.True(example.Success, "infra/gateway/README.md has no yaml example under 'Dollar budgets'.");
        var rateLimit = Assert.Single(YamlJson.LoadDocuments(example.Groups[1].Value))["rateLimit"]!;
        var policy = GatewayManifestSet.Load("rendered").OfKind("BackendTrafficPolicy").Single().DeepClone().AsObject();
        policy["spec"]!["rateLimit"] = rateLimit.DeepClone();

        var response = rateLimit["global"]!["rules"]![0]!["cost"]!["response"]!["metadata"]!;
        Assert.Equal(("io.envoy.ai_gateway", GatewayManifestRenderer.CostMetadataKey), ((string)response["namespace"]!, (string)response["key"]!));
        if (CrdSchemas.Instance is { } schemas)
        {
            Assert.Empty(schemas.Validate(policy));
        }
    }

    private static IEnumerable<JsonObject> CostRules(JsonObject route) => route["spec"]!["llmRequestCosts"]!.AsArray()
        .Select(cost => cost!.AsObject())
        .Where(cost => (string?)cost["metadataKey"] == GatewayManifestRenderer.CostMetadataKey || (string?)cost["cel"] == GatewayManifestRenderer.CostCel);

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"^\(output_tokens \+ ([0-9]+)u\) / ([0-9]+)u$")]
    private static partial Regex Shape();
}
