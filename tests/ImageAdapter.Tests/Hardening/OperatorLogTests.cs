using System.Text.RegularExpressions;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// What an operator reads: one access line per request, every line of a request carrying its request id, and an
/// expected upstream failure as a few Warning lines with their reason, not pages of stack traces.
/// </summary>
public sealed partial class OperatorLogTests
{
    [Fact]
    public async Task Generate_UpstreamUnreachable_LogsAFewLinesEachWithTheRequestIdAndNoStackTrace()
    {
        const string requestId = "ops-log-7c1e";
        await using var server = await AdapterProcess.StartAsync(new Dictionary<string, string>
        {
            ["Fireworks__BaseUrl"] = "http://127.0.0.1:9/inference/v1",
            ["Fireworks__ApiKey"] = "fw-key",
            ["Auth__ApiKeys"] = AdapterApp.InboundKey,
            ["Adapter__MaxRetries"] = "2",
            ["Adapter__RetryBaseDelay"] = "00:00:00.010",
        }, TestContext.Current.CancellationToken);
        using var response = await GenerateAsync(server, requestId);

        Assert.Equal(502, (int)response.StatusCode);
        var access = await server.WaitForLineAsync([requestId, "answered 502"], TimeSpan.FromSeconds(30));
        Assert.NotNull(access);
        Assert.Matches(AccessLine(), access);
        var lines = server.Output.Where(line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal)
            || line.StartsWith("info: ImageAdapter.", StringComparison.Ordinal)).ToArray();
        Assert.All(lines, line => Assert.Contains(requestId, line, StringComparison.Ordinal));
        Assert.InRange(lines.Length, 2, 5); // two retries, the failure, the access line
        Assert.Equal(2, lines.Count(line => line.Contains("retried after ConnectionError", StringComparison.Ordinal)));
        Assert.DoesNotContain(server.Output, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Output, line => line.Contains("Polly", StringComparison.Ordinal));
    }

    // Regression: a successful request also logged its Fireworks call at Information (two console lines a request),
    // and each line carried span, parent, connection and Kestrel request ids besides the two that identify it.
    [Fact]
    public async Task Generate_SucceedsOnTheServer_OneConsoleLineWithTheRequestAndTraceIds()
    {
        const string requestId = "ops-log-5d2a";
        await using var upstream = await Security.HostileUpstream.StartAsync();
        await using var server = await AdapterProcess.StartAsync(new Dictionary<string, string>
        {
            ["Fireworks__BaseUrl"] = upstream.BaseUrl.AbsoluteUri,
            ["Fireworks__ApiKey"] = "fw-key",
            ["Auth__ApiKeys"] = AdapterApp.InboundKey,
        }, TestContext.Current.CancellationToken);
        using var response = await GenerateAsync(server, requestId);

        Assert.Equal(200, (int)response.StatusCode);
        var access = await server.WaitForLineAsync([requestId, "answered 200"], TimeSpan.FromSeconds(30));
        Assert.NotNull(access);
        Assert.Equal(access, Assert.Single(server.Output, line => line.Contains(requestId, StringComparison.Ordinal)));
        Assert.Matches(@"TraceId:[0-9a-f]{32}", access);
        Assert.DoesNotContain("SpanId:", access, StringComparison.Ordinal);
        Assert.DoesNotContain("ParentId:", access, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_Succeeds_WritesOneAccessLineWithoutThePrompt()
    {
        const string prompt = "a very particular fox";
        await using var app = await AdapterApp.StartAsync();

        using var response = await app.PostGenerationAsync($$"""{"model":"flux-1-schnell-fp8","prompt":"{{prompt}}","n":2}""");

        Assert.True(response.IsSuccessStatusCode);
        var access = Assert.Single(app.LogLines(), line => line.Contains("/v1/images/generations answered", StringComparison.Ordinal));
        Assert.Matches(@"^POST /v1/images/generations answered 200 in \d+ ms \(model accounts/fireworks/models/flux-1-schnell-fp8, 2 image\(s\)\)", access);
        Assert.DoesNotContain(app.LogLines(), line => line.Contains(prompt, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ready_NoFireworksKey_LogsTheCauseAndWhatToSet()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?> { ["Fireworks:ApiKey"] = "" });

        using var response = await app.Http.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.True(await app.WaitForLogAsync("Not ready: The adapter has no upstream API key configured. Set Fireworks__ApiKey"), string.Join("\n", app.LogLines()));
    }

    [Fact]
    public async Task Generate_FireworksRejectsTheKey_WarnsTheOperatorWhatToCheck()
    {
        await using var app = await AdapterApp.StartAsync();
        app.Simulator.State.SetAcceptedKeys("some-other-key");

        using var response = await app.PostGenerationAsync("""{"model":"flux-1-schnell-fp8","prompt":"a fox"}""");

        Assert.Equal(502, (int)response.StatusCode);
        Assert.True(await app.WaitForLogAsync("Fireworks rejected the adapter's API key (401) even after it was read again: check the key in Fireworks__ApiKey"));
    }

    [GeneratedRegex(@"POST /v1/images/generations answered 502 in \d+ ms: failed: UpstreamUnreachable \(model accounts/fireworks/models/flux-1-schnell-fp8\)")]
    private static partial Regex AccessLine();

    /// <summary>A FLUX generation on the server process, with the inbound key and <paramref name="requestId"/> as its <c>x-request-id</c>.</summary>
    private static async Task<HttpResponseMessage> GenerateAsync(AdapterProcess server, string requestId)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations")
        {
            Content = new StringContent("""{"model":"flux-1-schnell-fp8","prompt":"a fox"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", AdapterApp.InboundKey);
        request.Headers.Add("x-request-id", requestId);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
