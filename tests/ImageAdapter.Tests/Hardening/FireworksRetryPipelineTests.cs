using System.Net;
using System.Net.Http.Headers;
using ImageAdapter.Resilience;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// The retry policy as Polly runs it: how many attempts, which waits, what is reported. The policy's clock is fixed,
/// so deadlines never move; the pipeline's own clock is stepped until the run ends, so no test waits in real time.
/// </summary>
public sealed class FireworksRetryPipelineTests
{
    private const string Flux = "workflows/accounts/fireworks/models/flux-1-dev-fp8/text_to_image";
    private const string Poll = "workflows/accounts/fireworks/models/flux-kontext-pro/get_result";

    private readonly FakeTimeProvider _policyTime = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Run_503WithoutRetryAfter_BacksOffDoublingUpToMaxRetries()
    {
        var run = await RunAsync(new AdapterOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromSeconds(1) }, Flux, () => Answer(503));

        Assert.Equal(3, run.Calls);
        Assert.Equal(
            [(FireworksApiFamily.TextToImage, "503", TimeSpan.FromSeconds(1)), (FireworksApiFamily.TextToImage, "503", TimeSpan.FromSeconds(2))],
            run.Retries);
    }

    [Theory]
    [InlineData(Flux, 503, 3)]
    [InlineData(Poll, 500, 4)]
    public async Task Run_RetryAfterGiven_WaitsThatLongNotTheBackoff(string path, int status, int seconds)
    {
        var answers = new Queue<HttpResponseMessage>([Answer(status, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)), Answer(200)]);

        var run = await RunAsync(new AdapterOptions(), path, answers.Dequeue);

        Assert.Equal(2, run.Calls);
        Assert.Equal(TimeSpan.FromSeconds(seconds), Assert.Single(run.Retries).Delay);
    }

    [Fact]
    public async Task Run_MaxRetriesZero_OneAttempt()
    {
        var run = await RunAsync(new AdapterOptions { MaxRetries = 0 }, Flux, () => Answer(503));

        Assert.Equal((1, 0), (run.Calls, run.Retries.Count));
    }

    [Fact]
    public async Task Run_AnswerThePolicyDoesNotRetry_OneAttempt()
    {
        var run = await RunAsync(new AdapterOptions { MaxRetries = 2 }, Flux, () => Answer(400));

        Assert.Equal((1, 0), (run.Calls, run.Retries.Count));
    }

    [Fact]
    public async Task Run_ConnectionRefused_ReportsTheErrorAsTheReason()
    {
        var calls = 0;
        var run = await RunAsync(new AdapterOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromSeconds(1) }, Flux, () =>
            ++calls == 1 ? throw new HttpRequestException(HttpRequestError.ConnectionError, "refused") : Answer(200));

        Assert.Equal((FireworksApiFamily.TextToImage, "ConnectionError", TimeSpan.FromSeconds(1)), Assert.Single(run.Retries));
    }

    private static HttpResponseMessage Answer(int status, string? retryAfter = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (retryAfter is not null)
        {
            response.Headers.RetryAfter = RetryConditionHeaderValue.Parse(retryAfter);
        }

        return response;
    }

    private async Task<(int Calls, List<(string Family, string Reason, TimeSpan Delay)> Retries)> RunAsync(
        AdapterOptions options, string path, Func<HttpResponseMessage> answer)
    {
        var retries = new List<(string, string, TimeSpan)>();
        var pipelineTime = new FakeTimeProvider();
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = pipelineTime }
            .AddRetry(new FireworksRetryPolicy(options, _policyTime).ToStrategyOptions((family, reason, delay) => retries.Add((family, reason, delay))))
            .Build();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Options.Set(RequestBudget.CallDeadlineKey, _policyTime.GetUtcNow() + TimeSpan.FromMinutes(5));
        var context = ResilienceContextPool.Shared.Get(TestContext.Current.CancellationToken);
        context.SetRequestMessage(request);
        var calls = 0;
        try
        {
            var running = pipeline.ExecuteOutcomeAsync((_, _) =>
            {
                calls++;
                try
                {
                    return ValueTask.FromResult(Outcome.FromResult(answer()));
                }
                catch (HttpRequestException exception)
                {
                    return ValueTask.FromResult(Outcome.FromException<HttpResponseMessage>(exception));
                }
            }, context, state: 0).AsTask();
            while (!running.IsCompleted)
            {
                pipelineTime.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(1, TestContext.Current.CancellationToken);
            }

            (await running).Result?.Dispose();
            return (calls, retries);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
