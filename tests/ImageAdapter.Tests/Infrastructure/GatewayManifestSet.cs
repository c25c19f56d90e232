extern alias GatewayTool;

using System.Text.Json.Nodes;
using ImageAdapter.Catalogue;
using GatewayTool::ImageAdapter.GatewayManifests;

namespace ImageAdapter.Tests.Infrastructure;

/// <summary>The manifests under test: the committed infra/gateway files, and a fresh render for another FQDN.</summary>
public static class GatewayManifestSet
{
    /// <summary>The FQDN the committed infra/gateway example was rendered with.</summary>
    public const string ExampleFqdn = "func-example.azurewebsites.net";

    public const string RenderedFqdn = "func-abc123-b4c5d6e7f8a9b0c1.swedencentral-01.azurewebsites.net";

    public static TheoryData<string> Sources => new("committed", "rendered");

    public static IReadOnlyList<JsonObject> Load(string source) => source switch
    {
        "committed" => Directory.EnumerateFiles(RepoPaths.Gateway, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(YamlJson.LoadFile).ToList(),
        "rendered" => GatewayManifestRenderer.Render(new GatewayManifestOptions(RenderedFqdn, BuiltInModels.All))
            .SelectMany(m => YamlJson.LoadDocuments(m.Content)).ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    public static string ExpectedFqdn(string source) => source == "committed" ? ExampleFqdn : RenderedFqdn;

    public static IEnumerable<JsonObject> OfKind(this IEnumerable<JsonObject> docs, string kind) =>
        docs.Where(d => (string?)d["kind"] == kind);

    public static string Name(this JsonObject doc) => (string)doc["metadata"]!["name"]!;
}
