using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ImageAdapter.Errors;
using ImageAdapter.Fireworks;

namespace ImageAdapter.Tests.Errors;

public sealed class AdapterErrorTableTests
{
    [Fact]
    public void MappedKinds_EveryKind_HasARow() =>
        Assert.Equal(Enum.GetValues<AdapterErrorKind>().Order(), AdapterErrorTable.MappedKinds.Order());

    [Theory]
    [InlineData(400, AdapterErrorKind.UpstreamBadRequest, 400)]
    [InlineData(401, AdapterErrorKind.UpstreamAuthenticationFailed, 502)]
    [InlineData(402, AdapterErrorKind.UpstreamPaymentRequired, 402)]
    [InlineData(403, AdapterErrorKind.UpstreamAuthenticationFailed, 502)]
    [InlineData(404, AdapterErrorKind.UpstreamModelNotFound, 404)]
    [InlineData(408, AdapterErrorKind.UpstreamTimeout, 504)]
    [InlineData(412, AdapterErrorKind.UpstreamError, 502)]
    [InlineData(413, AdapterErrorKind.UpstreamBadRequest, 400)]
    [InlineData(422, AdapterErrorKind.UpstreamBadRequest, 400)]
    [InlineData(429, AdapterErrorKind.UpstreamRateLimited, 429)]
    [InlineData(500, AdapterErrorKind.UpstreamError, 502)]
    [InlineData(502, AdapterErrorKind.UpstreamError, 502)]
    [InlineData(503, AdapterErrorKind.UpstreamUnavailable, 503)]
    [InlineData(504, AdapterErrorKind.UpstreamTimeout, 504)]
    [InlineData(520, AdapterErrorKind.UpstreamError, 502)]
    public void FromResponse_UpstreamStatus_MapsToKindAndClientStatus(int upstream, AdapterErrorKind kind, int client)
    {
        var error = UpstreamErrors.FromResponse((HttpStatusCode)upstream, Headers(), "{}"u8.ToArray(), "fw-key");

        Assert.Equal(kind, error.Kind);
        Assert.Equal(client, AdapterErrorTable.For(error.Kind).Status);
    }

    [Theory]
    [InlineData("""{"error":{"object":"error","type":"invalid_request_error","message":"bad aspect"}}""", "bad aspect")]
    [InlineData("""{"error":"bad aspect"}""", "bad aspect")]
    [InlineData("""{"detail":"bad aspect"}""", "bad aspect")]
    [InlineData("""{"fault":{"faultstring":"bad aspect","detail":{"errorcode":"x"}}}""", "bad aspect")]
    [InlineData("""{"error_message":"bad aspect"}""", "bad aspect")]
    [InlineData("bad aspect", "no detail given.")] // not a JSON error: not echoed
    [InlineData("", "no detail given.")]
    public void Detail_EveryFireworksErrorShape_ExtractsTheMessage(string body, string expected) =>
        Assert.Equal(expected, UpstreamErrors.Detail(Encoding.UTF8.GetBytes(body), "fw-key"));

    [Fact]
    public void Detail_BodyEchoingTheKey_RedactsItAndShortens()
    {
        var detail = UpstreamErrors.Detail(Encoding.UTF8.GetBytes($$"""{"error":"key fw-secret-123 rejected {{new string('x', 1000)}}"}"""), "fw-secret-123");

        Assert.StartsWith("key [redacted] rejected xxx", detail, StringComparison.Ordinal);
        Assert.True(detail.Length <= 301, $"detail is {detail.Length} characters");
    }

    [Fact]
    public void FromResponse_429WithRetryAfter_KeepsIt()
    {
        var headers = Headers();
        headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        var error = UpstreamErrors.FromResponse(HttpStatusCode.TooManyRequests, headers, ReadOnlyMemory<byte>.Empty, "k");

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    private static HttpResponseHeaders Headers() => new HttpResponseMessage().Headers;
}
