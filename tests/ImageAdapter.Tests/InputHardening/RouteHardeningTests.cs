using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.InputHardening;

/// <summary>Requests for the wrong route or method still get the OpenAI error envelope, never an empty framework page.</summary>
public abstract class RouteHardeningTests<THost> : IClassFixture<AdapterFixture<THost>>
    where THost : IHostKind
{
    private readonly AdapterApp _app;

    protected RouteHardeningTests(AdapterFixture<THost> fixture)
    {
        _app = fixture.App;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/v1/nothing-here", 404, "not_found")]
    [InlineData("POST", "/v1/images/variations", 404, "not_found")]
    [InlineData("GET", "/v1/images/edits", 405, "method_not_allowed")]
    [InlineData("GET", "/v1/images/generations/../../etc/passwd", 404, "not_found")]
    // Kestrel resolves the encoded dot segments to /v1/models, a GET-only route.
    [InlineData("POST", "/%2e%2e/v1/models", 405, "method_not_allowed")]
    public async Task Request_UnknownPathOrMethod_ReturnsEnvelope(string method, string path, int status, string code)
    {
        var (actual, body) = await SendAsync(method, path);

        Assert.Equal(status, actual);
        Assert.Equal(code, body?["error"]?["code"]?.GetValue<string>());
        await OpenApiSchemas.AssertValidAsync(body!.ToJsonString(), "ErrorResponse");
    }

    // Regression: a wrong method on a known route fell through to the 404 fallback.
    [Theory]
    [InlineData("GET", "/v1/images/generations", "POST")]
    [InlineData("PUT", "/v1/images/generations", "POST")]
    [InlineData("DELETE", "/v1/images/generations", "POST")]
    [InlineData("POST", "/v1/models", "GET")]
    [InlineData("POST", "/healthz", "GET")]
    public async Task Request_WrongMethodOnKnownRoute_Returns405MethodNotAllowedEnvelope(string method, string path, string allowed)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdapterApp.InboundKey);

        using var response = await _app.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains(allowed, response.Content.Headers.Allow);
        var json = await response.Content.ReadAsStringAsync(Ct);
        await OpenApiSchemas.AssertValidAsync(json, "ErrorResponse");
        var error = JsonNode.Parse(json)!["error"]!.AsObject();
        Assert.Equal(["message", "type", "param", "code"], error.Select(p => p.Key));
        Assert.Equal("method_not_allowed", error["code"]!.GetValue<string>());
    }

    private async Task<(int Status, JsonNode? Body)> SendAsync(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdapterApp.InboundKey);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("""{"model":"SSD-1B","prompt":"a fox"}""", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await _app.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"{(int)response.StatusCode} '{text}'");
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}

public sealed class RouteHardeningTestsOnServer(AdapterFixture<OnServer> fixture) : RouteHardeningTests<OnServer>(fixture);

public sealed class RouteHardeningTestsOnFunctions(AdapterFixture<OnFunctions> fixture) : RouteHardeningTests<OnFunctions>(fixture);
