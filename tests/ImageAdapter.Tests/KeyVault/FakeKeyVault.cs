using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Tests.KeyVault;

/// <summary>
/// A local stand-in for Azure Key Vault's secrets data plane, served by Kestrel over HTTPS on 127.0.0.1, speaking
/// what the real <c>SecretClient</c> needs: the bearer challenge (401 + <c>WWW-Authenticate</c>) for a request
/// without the token it expects, <c>GET /secrets/{name}[/{version}]</c>, 404 <c>SecretNotFound</c>,
/// 403 <c>Forbidden</c>/<c>SecretDisabled</c> for a disabled secret, 403 <c>Forbidden</c>/<c>ForbiddenByRbac</c>
/// when <see cref="CallerHasRole"/> is off, and an outage switch. Counts authenticated reads.
/// </summary>
public sealed class FakeKeyVault : IAsyncDisposable
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Secret> secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> reads = new(StringComparer.OrdinalIgnoreCase);
    private int challenges;
    private int totalReads;

    private FakeKeyVault(WebApplication app, string acceptedToken)
    {
        this.app = app;
        AcceptedToken = acceptedToken;
    }

    /// <summary>The vault URI to give <c>SecretClient</c> / <c>KeyVault:Uri</c>, e.g. <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri VaultUri { get; private set; } = null!;

    /// <summary>The only bearer token the vault accepts (the one the fake managed identity endpoint issues).</summary>
    public string AcceptedToken { get; }

    /// <summary>Off: every authenticated read is answered 403 ForbiddenByRbac, as for an identity without "Key Vault Secrets User".</summary>
    public bool CallerHasRole { get; set; } = true;

    public VaultOutage Outage { get; set; }

    /// <summary>When set, an authenticated read is counted, then answered only once this task completes: a slow vault
    /// whose slowness the test ends, not the clock.</summary>
    public Task? HoldReadsUntil { get; set; }

    /// <summary>401 challenges sent (requests without the accepted token).</summary>
    public int Challenges => Volatile.Read(ref challenges);

    /// <summary>Authenticated secret reads, whatever their answer.</summary>
    public int TotalReads => Volatile.Read(ref totalReads);

    public static async Task<FakeKeyVault> StartAsync(TestCertificate certificate, string acceptedToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate.Certificate)));
        var app = builder.Build();
        var vault = new FakeKeyVault(app, acceptedToken);
        app.Run(vault.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.Single();
        vault.VaultUri = new Uri($"https://127.0.0.1:{new Uri(address).Port}/");
        return vault;
    }

    /// <summary>Adds a new, enabled version of the secret (creating it if needed): rotation.</summary>
    public void SetSecret(string name, string value) => secrets[name] = new Secret(value, Guid.NewGuid().ToString("N"), Enabled: true);

    /// <summary>Disables the secret's current version, as <c>az keyvault secret set-attributes --enabled false</c>.</summary>
    public void DisableSecret(string name) => secrets[name] = secrets[name] with { Enabled = false };

    public void DeleteSecret(string name) => secrets.TryRemove(name, out _);

    /// <summary>Authenticated reads of one secret.</summary>
    public int ReadsOf(string name) => reads.GetValueOrDefault(name);

    /// <summary>Back to a healthy, empty vault with zeroed counters.</summary>
    public void Reset()
    {
        secrets.Clear();
        reads.Clear();
        CallerHasRole = true;
        Outage = VaultOutage.None;
        HoldReadsUntil = null;
        Interlocked.Exchange(ref challenges, 0);
        Interlocked.Exchange(ref totalReads, 0);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        switch (Outage)
        {
            case VaultOutage.DropConnections:
                context.Abort();
                return;
            case VaultOutage.ServerErrors:
                await ErrorAsync(context, 500, "InternalServerError", "The service is unavailable.");
                return;
        }

        if (context.Request.Headers.Authorization.ToString() != $"Bearer {AcceptedToken}")
        {
            Interlocked.Increment(ref challenges);
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate =
                $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"https://vault.azure.net\"";
            await ErrorAsync(context, 401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
            return;
        }

        var segments = context.Request.Path.Value!.Trim('/').Split('/');
        if (!HttpMethods.IsGet(context.Request.Method) || segments.Length is < 2 or > 3 || segments[0] != "secrets"
            || string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            await ErrorAsync(context, 400, "BadParameter", "Only GET /secrets/{name}[/{version}]?api-version=... is faked.");
            return;
        }

        var name = segments[1];
        Interlocked.Increment(ref totalReads);
        reads.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (HoldReadsUntil is { } hold)
        {
            await hold.WaitAsync(context.RequestAborted);
        }

        if (!CallerHasRole)
        {
            await ErrorAsync(context, 403, "Forbidden", "Caller is not authorized to perform action on resource.", "ForbiddenByRbac");
            return;
        }

        var version = segments.Length == 3 ? segments[2] : "";
        if (!secrets.TryGetValue(name, out var secret) || (version.Length > 0 && version != secret.Version))
        {
            await ErrorAsync(context, 404, "SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault.");
            return;
        }

        if (!secret.Enabled)
        {
            await ErrorAsync(context, 403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
            return;
        }

        var updated = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await context.Response.WriteAsJsonAsync(new
        {
            value = secret.Value,
            id = new Uri(VaultUri, $"secrets/{name}/{secret.Version}").ToString(),
            attributes = new { enabled = true, created = updated, updated, recoveryLevel = "Recoverable+Purgeable" },
        });
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message, string? innerCode = null)
    {
        context.Response.StatusCode = status;
        object error = innerCode is null
            ? new { code, message }
            : new { code, message, innererror = new { code = innerCode } };
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error }), context.RequestAborted);
    }

    private sealed record Secret(string Value, string Version, bool Enabled);
}
