using System.Text.Json.Nodes;

namespace ImageAdapter.Tests.Infrastructure;

public sealed class GatewayManifestSchemaTests
{
    [Theory]
    [MemberData(nameof(GatewayManifestSet.Sources), MemberType = typeof(GatewayManifestSet))]
    public void EveryDocument_ValidatesAgainstItsCrdSchema(string source)
    {
        var schemas = CrdSchemas.Instance;
        if (schemas is null)
        {
            Assert.Skip($"../shared/spec/crds not found next to {RepoPaths.Root}: CRD schema validation skipped.");
        }

        var documents = GatewayManifestSet.Load(source);
        Assert.NotEmpty(documents);
        var validated = 0;
        foreach (var doc in documents)
        {
            var apiVersion = (string?)doc["apiVersion"];
            var kind = (string?)doc["kind"];
            if (apiVersion == "v1" && kind == "Secret")
            {
                // Core kind, no CRD: checked in GatewayManifestRoutingTests.
                continue;
            }

            Assert.True(schemas.Has(apiVersion!, kind!), $"{kind} {apiVersion} has no CRD in ../shared/spec/crds: use a kind the spec covers.");
            var errors = schemas.Validate(doc);
            Assert.True(errors.Count == 0, $"{kind} {doc.Name()}: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
            validated++;
        }

        Assert.True(validated >= 9, $"Only {validated} CRD documents found.");
        Assert.Superset(new HashSet<string?> { "HTTPRoute", "HTTPRouteFilter", "ClientTrafficPolicy" }, documents.Select(d => (string?)d["kind"]).ToHashSet());
    }

    [Fact]
    public void Validator_UnknownFieldAndBadPattern_Rejected()
    {
        // The validator itself must be able to fail, or the test above proves nothing.
        var schemas = CrdSchemas.Instance;
        if (schemas is null)
        {
            Assert.Skip("../shared/spec/crds not found: CRD schema validation skipped.");
        }

        var backend = GatewayManifestSet.Load("rendered").OfKind("Backend").Single();

        var unknownField = backend.DeepClone().AsObject();
        unknownField["spec"]!["endpoints"]![0]!["fqdn"]!["hostnam"] = "x.example.com";
        Assert.NotEmpty(schemas.Validate(unknownField));

        var badHost = backend.DeepClone().AsObject();
        badHost["spec"]!["endpoints"]![0]!["fqdn"]!["hostname"] = "https://Not_A_Host";
        Assert.NotEmpty(schemas.Validate(badHost));

        var route = GatewayManifestSet.Load("rendered").OfKind("AIGatewayRoute").First().DeepClone().AsObject();
        route["spec"]!["rules"]![0]!["timeouts"]!["request"] = "215 seconds";
        Assert.NotEmpty(schemas.Validate(route));

        // credentialInjection names the Secret with valueRef; a secretRef (as on BackendSecurityPolicy) is not a field.
        var filter = GatewayManifestSet.Load("rendered").OfKind("HTTPRouteFilter").Single().DeepClone().AsObject();
        filter["spec"]!["credentialInjection"]!["credential"]!["secretRef"] = new JsonObject { ["name"] = "x" };
        Assert.NotEmpty(schemas.Validate(filter));

        var edits = GatewayManifestSet.Load("rendered").OfKind("HTTPRoute").Single().DeepClone().AsObject();
        edits["spec"]!["rules"]![0]!["matches"]![0]!["path"]!["type"] = "Prefixed";
        Assert.NotEmpty(schemas.Validate(edits));
        Assert.Empty(schemas.Validate(backend));
    }

    [Fact]
    public void RenderedAiGatewayDocuments_AsV1alpha1_ValidateForOlderClusters()
    {
        // infra/gateway/README.md tells v0.5–v0.7 clusters to change only the apiVersion.
        var schemas = CrdSchemas.Instance;
        if (schemas is null)
        {
            Assert.Skip("../shared/spec/crds not found: CRD schema validation skipped.");
        }

        var documents = GatewayManifestSet.Load("rendered")
            .Where(d => (string?)d["apiVersion"] == "aigateway.envoyproxy.io/v1beta1")
            .ToList();
        Assert.Equal(3, documents.Select(d => (string?)d["kind"]).Distinct().Count());
        foreach (var doc in documents)
        {
            doc["apiVersion"] = "aigateway.envoyproxy.io/v1alpha1";
            var errors = schemas.Validate(doc);
            Assert.True(errors.Count == 0, $"{doc["kind"]} {doc.Name()} as v1alpha1: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
        }
    }
}
