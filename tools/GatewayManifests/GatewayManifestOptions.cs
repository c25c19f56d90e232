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

    /// <summary>
    /// The Gateway's per-connection buffer (ClientTrafficPolicy), which a request body must fit in when it is buffered
    /// (the AI Gateway's processor reads whole JSON bodies; retries keep the body). The largest bodies: a multipart edit
    /// with an image and a mask at the adapter's default 20 MB limit each plus form fields (about 40.2 MB), and a JSON
    /// generation carrying a 20 MB image as a base64 data URL (4/3 × 20 MB, about 26.7 MB). 50 MiB (52.4 MB) holds both.
    /// </summary>
    public string ClientBufferLimit { get; init; } = "50Mi";
}
