using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Tests.KeyVault;

/// <summary>
/// An App Service-style managed identity token endpoint on http://127.0.0.1. With <c>IDENTITY_ENDPOINT</c> =
/// <see cref="Endpoint"/> and <c>IDENTITY_HEADER</c> = <see cref="Header"/>, the real <c>ManagedIdentityCredential</c>
/// sends <c>GET ?api-version=2019-08-01&amp;resource=...</c> with <c>X-IDENTITY-HEADER</c>, and gets <see cref="IssuedToken"/>.
/// </summary>
public sealed class FakeManagedIdentityEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private int tokenRequests;

    private FakeManagedIdentityEndpoint(WebApplication app, string issuedToken)
    {
        this.app = app;
        IssuedToken = issuedToken;
    }

    /// <summary>The value for <c>IDENTITY_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The value for <c>IDENTITY_HEADER</c>; requests without it are refused.</summary>
    public string Header { get; } = Guid.NewGuid().ToString("N");

    public string IssuedToken { get; }

    /// <summary>Tokens issued.</summary>
    public int TokenRequests => Volatile.Read(ref tokenRequests);

    /// <summary>The <c>client_id</c> of the last token request (set for a user-assigned identity).</summary>
    public string? LastClientId { get; private set; }

    /// <summary>
    /// Every client id a token was asked for. The credential's token cache is process-wide, so whether a given test
    /// triggers a request depends on what ran before it: assert membership here rather than on <see cref="LastClientId"/>.
    /// </summary>
    public IReadOnlyCollection<string> ClientIdsSeen => clientIdsSeen.Keys.ToArray();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> clientIdsSeen = new();

    public string? LastResource { get; private set; }

    public static async Task<FakeManagedIdentityEndpoint> StartAsync(string issuedToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new FakeManagedIdentityEndpoint(app, issuedToken);
        app.Run(endpoint.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.Single();
        endpoint.Endpoint = new Uri($"http://127.0.0.1:{new Uri(address).Port}/msi/token");
        return endpoint;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (context.Request.Headers["X-IDENTITY-HEADER"] != Header)
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (query["api-version"] != "2019-08-01" || string.IsNullOrEmpty(query["resource"]))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { statusCode = 400, message = "api-version 2019-08-01 and resource are required" });
            return;
        }

        Interlocked.Increment(ref tokenRequests);
        LastClientId = query["client_id"];
        clientIdsSeen[LastClientId ?? ""] = true;
        LastResource = query["resource"];
        await context.Response.WriteAsJsonAsync(new
        {
            access_token = IssuedToken,
            expires_on = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            resource = LastResource,
            token_type = "Bearer",
            client_id = LastClientId ?? "",
        });
    }
}
