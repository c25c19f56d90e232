using System.Net;
using System.Net.Http.Headers;
using ImageAdapter.Resilience;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace ImageAdapter.Tests.Hardening;

/// <summary>The README's retry policy table, row by row.</summary>
public sealed class FireworksRetryPolicyTests
{
    private const string Generation = "image_generation/accounts/fireworks/models/SSD-1B";
    private const string Flux = "workflows/accounts/fireworks/models/flux-1-dev-fp8/text_to_image";
    private const string Submit = "workflows/accounts/fireworks/models/flux-kontext-pro";
    private const string Poll = "workflows/accounts/fireworks/models/flux-kontext-pro/get_result";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(Generation, 429, "2", true)]
    [InlineData(Generation, 429, null, false)]
    [InlineData(Flux, 503, null, true)]
    [InlineData(Submit, 503, "1", true)]
    [InlineData(Generation, 500, null, false)]
    [InlineData(Flux, 502, null, false)]
    [InlineData(Submit, 504, null, false)]
    [InlineData(Submit, 408, null, false)]
    [InlineData(Generation, 400, null, false)]
    // A generation that may have run is not repeated even when Fireworks names a wait: that could bill twice.
    [InlineData(Generation, 500, "1", false)]
    [InlineData(Flux, 502, "1", false)]
    [InlineData(Submit, 504, "1", false)]
    [InlineData(Generation, 408, "1", false)]
    [InlineData(Poll, 429, null, true)]
    [InlineData(Poll, 500, null, true)]
    [InlineData(Poll, 502, null, true)]
    [InlineData(Poll, 404, null, false)]
    public void ShouldRetry_Status_FollowsTheTable(string path, int status, string? retryAfter, bool expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        if (retryAfter is not null)
        {
            response.Headers.RetryAfter = RetryConditionHeaderValue.Parse(retryAfter);
        }

        Assert.Equal(expected, Decide(HttpMethod.Post, path, Outcome.FromResult(response)));
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, Generation, true)]
    [InlineData(HttpRequestError.NameResolutionError, Flux, true)]
    [InlineData(HttpRequestError.ResponseEnded, Generation, false)]
    [InlineData(HttpRequestError.Unknown, Submit, false)]
    [InlineData(HttpRequestError.ResponseEnded, Poll, true)]
    public void ShouldRetry_ConnectionFailure_OnlyWhenNotSentOrARead(HttpRequestError error, string path, bool expected) =>
        Assert.Equal(expected, Decide(HttpMethod.Post, path, Outcome.FromException<HttpResponseMessage>(new HttpRequestException(error, "x"))));

    [Fact]
    public void ShouldRetry_SampleDownload_IsARead()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway);
        Assert.True(Decide(HttpMethod.Get, "http://127.0.0.1/samples/a.png", Outcome.FromResult(response)));
    }

    [Fact]
    public void ShouldRetry_RetryAfterPastDeadline_DoesNotWait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = RetryConditionHeaderValue.Parse("30");

        Assert.False(Decide(HttpMethod.Post, Generation, Outcome.FromResult(response), deadline: TimeSpan.FromSeconds(29)));
        Assert.False(Decide(HttpMethod.Post, Generation, Outcome.FromResult(response), deadline: TimeSpan.FromSeconds(30)));
        Assert.True(Decide(HttpMethod.Post, Generation, Outcome.FromResult(response), deadline: TimeSpan.FromSeconds(31)));
    }

    [Fact]
    public void ShouldRetry_Cancelled_Never() =>
        Assert.False(Decide(HttpMethod.Post, Poll, Outcome.FromException<HttpResponseMessage>(new OperationCanceledException())));

    private bool Decide(HttpMethod method, string path, Outcome<HttpResponseMessage> outcome, TimeSpan? deadline = null)
    {
        var policy = new FireworksRetryPolicy(new AdapterOptions(), _time);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.RelativeOrAbsolute));
        request.Options.Set(RequestBudget.CallDeadlineKey, _time.GetUtcNow() + (deadline ?? TimeSpan.FromMinutes(5)));
        var context = ResilienceContextPool.Shared.Get(TestContext.Current.CancellationToken);
        try
        {
            context.SetRequestMessage(request);
            return policy.ShouldRetry(outcome, context, attempt: 0);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
