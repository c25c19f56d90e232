using ImageAdapter.Catalogue;

namespace ImageAdapter.GatewayManifests;

/// <summary>What the rendered manifests depend on.</summary>
/// <param name="FunctionAppFqdn">The function app's <c>defaultHostName</c>: Backend endpoint, TLS hostname and Host header.</param>
/// <param name="Models">Catalogue rows to route; one rule each, matched on <see cref="ModelEntry.ShortName"/>.</param>
public sealed record GatewayManifestOptions(string FunctionAppFqdn, IReadOnlyList<ModelEntry> Models)
{
    /// <summary>Prefix of every resource name.</summary>
    public string Name { get; init; } = "image-adapter";

    /// <summary>Gateway the AIGatewayRoute attaches to.</summary>
    public string GatewayName { get; init; } = "envoy-ai-gateway";

    /// <summary>Namespace of that Gateway; null = the route's own namespace.</summary>
    public string? GatewayNamespace { get; init; }

    /// <summary>
    /// Whole-request timeout at the gateway. Must exceed the adapter's own deadline (200 s), so the adapter
    /// answers first with an OpenAI error, and stay below Azure's 230 s front-end cut.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(215);

    /// <summary>Upstream connection buffer; base64 images make responses several MB.</summary>
    public string BufferLimit { get; init; } = "50Mi";
}
