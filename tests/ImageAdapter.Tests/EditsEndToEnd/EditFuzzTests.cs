using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// Thousands of mutated multipart edits (<see cref="MultipartFuzzer"/>) against either host in front of a healthy
/// simulator: never a 5xx (the simulator never fails here, so a 5xx is the adapter's or its host's), every error in the
/// OpenAI envelope valid against <c>ErrorResponse</c>, every 200 a valid <c>ImagesResponse</c>, no error logged, and
/// the app still edits afterwards. The seed is fixed, so a run is repeatable; <c>EDITS_FUZZ_SEED</c> picks another and
/// <c>EDITS_FUZZ_CASE</c> runs one case alone. A failure names the seed, the case and how its body was made.
/// </summary>
public abstract class EditFuzzTests<THost> : IClassFixture<AdapterFixture<THost>>, IDisposable
    where THost : IHostKind
{
    private const int DefaultSeed = 20260130;
    private const int Cases = 2000;
    private const int Workers = 4;

    // Far above what an answer takes on a loaded machine: only a request the app never answers trips it.
    private static readonly TimeSpan PerRequestTimeout = TimeSpan.FromSeconds(120);

    private readonly AdapterApp _app;
    private readonly HttpClient _http;

    protected EditFuzzTests(AdapterFixture<THost> fixture)
    {
        _app = fixture.App;
        _http = new HttpClient { BaseAddress = _app.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        _app.Simulator.State.Reset();
        _app.ForgetLogs();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _http.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Edit_MutatedMultipartBodies_AlwaysAnOpenAIAnswerNever5xx()
    {
        var seed = Environment.GetEnvironmentVariable("EDITS_FUZZ_SEED") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : DefaultSeed;
        IEnumerable<int> indices = Environment.GetEnvironmentVariable("EDITS_FUZZ_CASE") is { } one ? [int.Parse(one, CultureInfo.InvariantCulture)] : Enumerable.Range(0, Cases);
        var outcomes = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        TestContext.Current.TestOutputHelper?.WriteLine($"EDITS_FUZZ_SEED={seed}");

        await Parallel.ForEachAsync(indices, new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = Token }, async (index, _) =>
        {
            var fuzz = MultipartFuzzer.Make(seed, index);
            try
            {
                outcomes.AddOrUpdate(await SendAndCheckAsync(fuzz), 1, (_, n) => n + 1);
            }
            catch (Exception exception) when (exception is Xunit.Sdk.XunitException or JsonException or HttpRequestException)
            {
                failures.Enqueue($"{exception.Message}\nfor {fuzz}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of the cases of seed {seed} failed; the first:\n{string.Join("\n\n", failures.Take(3))}");
        TestContext.Current.TestOutputHelper?.WriteLine(Describe(outcomes));
        if (indices.Count() == Cases)
        {
            // The mutations reach every stage: some bodies are still valid, the others fail framing, reading or validation.
            Assert.All(["200", "400 malformed_request", "400 unknown_parameter", "400 invalid_value", "400 unsupported_parameter",
                "400 missing_required_parameter", "415 unsupported_media_type"],
                outcome => Assert.True(outcomes.ContainsKey(outcome), $"never saw {outcome}; saw {Describe(outcomes)}"));
        }

        await AssertStillEditsAsync();
        var errors = _app.UnexpectedFailures();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
    }

    private async Task<string> SendAndCheckAsync(MultipartFuzzCase fuzz)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, EditRequests.Path)
        {
            Content = fuzz.Chunked ? new ChunkedContent(fuzz.Body) : new ByteArrayContent(fuzz.Body),
        };
        if (fuzz.ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        }

        request.Headers.Authorization = new("Bearer", AdapterApp.InboundKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(PerRequestTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"No answer within {PerRequestTimeout}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} {text}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                await OpenApiSchemas.AssertValidAsync(text, "ImagesResponse");
                Assert.NotEmpty(JsonNode.Parse(text)!["data"]!.AsArray());
                return "200";
            }

            await OpenApiSchemas.AssertValidAsync(text, "ErrorResponse");
            var error = JsonNode.Parse(text)!["error"]!.AsObject();
            Assert.Equal(["code", "message", "param", "type"], error.Select(property => property.Key).Order(StringComparer.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()), text);
            return $"{status} {error["code"]?.GetValue<string>()}";
        }
    }

    private async Task AssertStillEditsAsync()
    {
        using var health = await _app.Http.GetAsync("/healthz", Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var result = await _app.Images("flux-kontext-max").GenerateImageEditAsync(new MemoryStream(EditInput.Jpeg.Bytes), EditInput.Jpeg.FileName, "after the fuzz", cancellationToken: Token);
        Assert.Equal(EditAssertions.KontextOutput(EditInput.Jpeg.Width, EditInput.Jpeg.Height), Images.Decode(result.Value.ImageBytes));
    }

    private static string Describe(IDictionary<string, int> outcomes) =>
        string.Join(", ", outcomes.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}×{pair.Value}"));
}

public sealed class EditFuzzTestsOnServer(AdapterFixture<OnServer> fixture) : EditFuzzTests<OnServer>(fixture);

public sealed class EditFuzzTestsOnFunctions(AdapterFixture<OnFunctions> fixture) : EditFuzzTests<OnFunctions>(fixture);
