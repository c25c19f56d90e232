using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FireworksSimulator;
using ImageAdapter.Tests.Support;
using OpenAI.Images;

namespace ImageAdapter.Tests.KeyVaultEndToEnd;

/// <summary>
/// Neither secret ever leaves the adapter except where it belongs: the Fireworks key only in requests to Fireworks,
/// the client's key nowhere. Every log line the process writes (at Trace) and every response it sends are searched.
/// </summary>
public abstract class SecretSecrecyEndToEndTests<THost>
    where THost : IHostKind
{
    private const string FireworksSentinel = "fw-SENTINEL-3c9e1b7d55aa4f0e";
    private const string InboundSentinel = "in-SENTINEL-a81f06c2d4e94b17";
    private const string Marker = "secrecy-marker-5d2a";

    private static readonly Dictionary<string, string> TraceEverything = new()
    {
        ["Logging__LogLevel__Default"] = "Trace",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Trace",
        // The adapter turns HttpClient's and Polly's own records down in code; a provider-specific rule turns them back on.
        ["Logging__Console__LogLevel__System.Net.Http.HttpClient"] = "Trace",
        ["Logging__Console__LogLevel__Polly"] = "Trace",
        ["AzureFunctionsJobHost__logging__logLevel__default"] = "Trace", // the Functions host's own filter, host.json's default
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RepresentativeTraffic_SentinelKeys_NeverInLogsOrResponses()
    {
        await using var adapter = await VaultBackedAdapter.StartAsync(a =>
        {
            a.Vault.SetSecret(VaultBackedAdapter.FireworksSecret, FireworksSentinel);
            a.Vault.SetSecret(VaultBackedAdapter.InboundSecret, InboundSentinel);
            a.Simulator.State.SetAcceptedKeys(FireworksSentinel);
        }, TraceEverything, THost.Host, Ct);
        var seen = new StringBuilder();

        foreach (var model in new[] { "SSD-1B", "flux-1-schnell-fp8", "flux-kontext-pro" })
        {
            Assert.Equal(HttpStatusCode.OK, await SendAsync(adapter, seen, Generation(model), InboundSentinel));
        }

        await adapter.Images("SSD-1B", InboundSentinel).GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(adapter, seen, null, InboundSentinel, HttpMethod.Get, "/v1/models"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(adapter, seen, null, null, HttpMethod.Get, "/healthz"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(adapter, seen, Generation("SSD-1B"), InboundSentinel + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(adapter, seen, Generation("SSD-1B"), null));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(adapter, seen, """{"model":"SSD-1B","prompt":""", InboundSentinel));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(adapter, seen, """{"model":"SSD-1B","prompt":"x","api_key":"in-SENTINEL"}""", InboundSentinel));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(adapter, seen, Generation("no-such-model"), InboundSentinel));

        adapter.Simulator.State.EnqueueFault(SimulatorFault.Status(500, ErrorBodyShape.FireworksError));
        Assert.Equal(HttpStatusCode.BadGateway, await SendAsync(adapter, seen, Generation("flux-1-schnell-fp8"), InboundSentinel));

        // Fireworks echoing the key it was sent in a 400, in each error shape whose detail reaches the client.
        foreach (var (shape, model) in new[]
        {
            (ErrorBodyShape.FireworksError, "SSD-1B"), (ErrorBodyShape.PlainText, "flux-1-schnell-fp8"),
            (ErrorBodyShape.Detail, "SSD-1B"), (ErrorBodyShape.KontextErrorMessage, "flux-kontext-pro"),
        })
        {
            adapter.Simulator.State.EnqueueFault(SimulatorFault.Status(400, shape, $"key {FireworksSentinel} may not do that"));
            Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(adapter, seen, Generation(model), InboundSentinel));
        }

        Assert.Contains("[redacted]", seen.ToString()); // the echoed detail did reach the client, without the key

        // Upstream 401: the adapter re-reads the vault, gets the same key, and reports the upstream refusal.
        adapter.Simulator.State.SetAcceptedKeys("some-other-key");
        Assert.Equal(HttpStatusCode.BadGateway, await SendAsync(adapter, seen, Generation("SSD-1B"), InboundSentinel));
        adapter.Simulator.State.SetAcceptedKeys(FireworksSentinel);

        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(adapter, seen, null, InboundSentinel, HttpMethod.Get, $"/{Marker}"));
        // Logs are written asynchronously, in order: the marker request's line means everything before it is out.
        Assert.NotNull(await adapter.Process.WaitForLineAsync([Marker, "failed: NotFound"], TimeSpan.FromSeconds(30)));

        var logs = adapter.Process.OutputText;
        // The capture works and the outgoing calls were traced, so the absence below means something.
        Assert.Contains("answered 200 in", logs);
        Assert.Contains("System.Net.Http.HttpClient", logs);
        Assert.Contains("Read secret fireworks-api-key", logs);
        foreach (var sentinel in new[] { FireworksSentinel, InboundSentinel, "SENTINEL" })
        {
            Assert.DoesNotContain(sentinel, logs, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(sentinel, seen.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Generate_ClientCredentialsAndCookies_NeverForwardedToFireworks()
    {
        await using var adapter = await VaultBackedAdapter.StartAsync(a =>
        {
            a.Vault.SetSecret(VaultBackedAdapter.FireworksSecret, FireworksSentinel);
            a.Vault.SetSecret(VaultBackedAdapter.InboundSecret, InboundSentinel);
            a.Simulator.State.SetAcceptedKeys(FireworksSentinel);
        }, null, THost.Host, Ct);
        var seen = new StringBuilder();

        foreach (var model in new[] { "SSD-1B", "flux-1-schnell-fp8", "flux-kontext-pro" })
        {
            Assert.Equal(HttpStatusCode.OK, await SendAsync(adapter, seen, Generation(model), InboundSentinel));
        }

        var requests = adapter.Simulator.State.Requests;
        Assert.Contains(requests, r => r.Kind == RequestKind.SampleDownload);
        Assert.All(requests.Where(r => r.Kind != RequestKind.SampleDownload), r => Assert.Equal($"Bearer {FireworksSentinel}", r.Authorization));
        Assert.All(requests, r =>
        {
            Assert.Null(r.Header("Cookie"));
            Assert.Null(r.Header("x-api-key"));
            Assert.Null(r.Header("api-key"));
            Assert.DoesNotContain("SENTINEL-a81f", string.Join("\n", r.Headers.Select(h => $"{h.Key}: {h.Value}")) + r.Body);
        });
    }

    private static string Generation(string model) => $$"""{"model":"{{model}}","prompt":"a red fox"}""";

    /// <summary>Sends with the client's credentials in every place a careless proxy might copy them from.</summary>
    private static async Task<HttpStatusCode> SendAsync(
        VaultBackedAdapter adapter, StringBuilder seen, string? json, string? key, HttpMethod? method = null, string path = "/v1/images/generations")
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        request.Headers.Add("Cookie", $"session={InboundSentinel}; other=1");
        request.Headers.Add("x-api-key", InboundSentinel);
        request.Headers.Add("api-key", InboundSentinel);
        using var response = await adapter.Http.SendAsync(request, Ct);
        seen.AppendLine($"{(int)response.StatusCode} {path}");
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            seen.AppendLine($"{name}: {string.Join(", ", values)}");
        }

        seen.AppendLine(await response.Content.ReadAsStringAsync(Ct));
        return response.StatusCode;
    }
}

public sealed class SecretSecrecyEndToEndTestsOnServer : SecretSecrecyEndToEndTests<OnServer>;

public sealed class SecretSecrecyEndToEndTestsOnFunctions : SecretSecrecyEndToEndTests<OnFunctions>;
