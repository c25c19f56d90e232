using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using ImageAdapter.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Tests.InputHardening;

/// <summary>
/// Thousands of generated requests (<see cref="FuzzGenerators"/>) against the server in front of a healthy simulator.
/// Whatever comes in: an answer within a bounded time, never a 5xx (the simulator never fails here, so a 5xx is the
/// adapter's), the OpenAI error envelope with all four keys on every error, and no error logged.
/// Reproduce a failure with the seed CsCheck prints: <c>CsCheck_Seed=... dotnet test</c>.
/// </summary>
public abstract class HostileInputFuzzTests<THost> : IClassFixture<AdapterFixture<THost>>
    where THost : IHostKind
{
    private const int BodyIterations = 3000;
    private const int HeaderIterations = 1000;
    private const int Threads = 4;

    private static readonly TimeSpan PerRequestTimeout = TimeSpan.FromSeconds(30);

    private readonly AdapterApp _app;

    protected HostileInputFuzzTests(AdapterFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
        _app.ForgetLogs();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_MutatedBodies_AlwaysAnOpenAIAnswerNever5xx()
    {
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var gen = Gen.Select(FuzzGenerators.Body, FuzzGenerators.Headers,
            (body, headers) => new FuzzCase(body, "application/json", $"Bearer {AdapterApp.InboundKey}", headers, Chunked: false));

        await gen.SampleAsync(async c => statuses.AddOrUpdate(await SendAndCheckAsync(c), 1, (_, n) => n + 1),
            writeLine: TestContext.Current.TestOutputHelper!.WriteLine, iter: BodyIterations, threads: Threads);

        // The generators reach both sides: some mutated requests are still valid, most fail in every stage of validation.
        Assert.All(["200", "400 invalid_json", "400 invalid_value", "400 unknown_parameter", "400 missing_required_parameter"],
            outcome => Assert.True(statuses.ContainsKey(outcome), $"never saw {outcome}; saw {Describe(statuses)}"));
        AssertNothingLoggedAsError();
    }

    [Fact]
    public async Task Generate_RandomHeadersAndFraming_AlwaysAnOpenAIAnswerNever5xx()
    {
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        await FuzzGenerators.Case.SampleAsync(async c => statuses.AddOrUpdate(await SendAndCheckAsync(c), 1, (_, n) => n + 1),
            writeLine: TestContext.Current.TestOutputHelper!.WriteLine, iter: HeaderIterations, threads: Threads);

        Assert.All(["200", "401 invalid_api_key", "415 unsupported_media_type"],
            outcome => Assert.True(statuses.ContainsKey(outcome), $"never saw {outcome}; saw {Describe(statuses)}"));
        AssertNothingLoggedAsError();
    }

    private async Task<string> SendAndCheckAsync(FuzzCase fuzz)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations")
        {
            Content = fuzz.Chunked ? new ChunkedContent(fuzz.Body) : new ByteArrayContent(fuzz.Body),
        };
        if (fuzz.ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        }

        if (fuzz.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", fuzz.Authorization);
        }

        foreach (var (name, value) in fuzz.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(PerRequestTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _app.Http.SendAsync(request, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"No answer within {PerRequestTimeout}: {fuzz}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} {text} for {fuzz}");
            if (response.IsSuccessStatusCode)
            {
                // A mutation may have turned "stream" on: then the images come as events.
                if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
                {
                    Assert.Contains("event: image_generation.completed", text, StringComparison.Ordinal);
                }
                else
                {
                    Assert.NotNull(JsonNode.Parse(text)?["data"]?.AsArray());
                }

                return $"{status}";
            }

            await AssertEnvelopeAsync(text, fuzz);
            return $"{status} {JsonNode.Parse(text)!["error"]!["code"]?.GetValue<string>()}";
        }
    }

    private static async Task AssertEnvelopeAsync(string text, FuzzCase fuzz)
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"Not JSON: '{text}' for {fuzz}");
        }

        var error = body?["error"] as JsonObject;
        Assert.True(error is not null, $"No error object in '{text}' for {fuzz}");
        Assert.True(error.Select(p => p.Key).Order().SequenceEqual(["code", "message", "param", "type"]), $"Keys of '{text}' for {fuzz}");
        Assert.False(string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()), text);
        await OpenApiSchemas.AssertValidAsync(text, "ErrorResponse");
    }

    private void AssertNothingLoggedAsError()
    {
        var errors = _app.UnexpectedFailures().ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Take(5)));
    }

    private static string Describe(IDictionary<string, int> statuses) =>
        string.Join(", ", statuses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}×{p.Value}"));
}

public sealed class HostileInputFuzzTestsOnServer(AdapterFixture<OnServer> fixture) : HostileInputFuzzTests<OnServer>(fixture);

public sealed class HostileInputFuzzTestsOnFunctions(AdapterFixture<OnFunctions> fixture) : HostileInputFuzzTests<OnFunctions>(fixture);
