using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>Raw HTTP calls to the adapter, for tests that assert status codes and headers the OpenAI SDK hides.</summary>
internal static class HardeningClient
{
    public const string Sdxl = "stable-diffusion-xl-1024-v1-0";
    public const string Flux = "flux-1-schnell-fp8";
    public const string Kontext = "flux-kontext-pro";

    public static async Task<HttpResponseMessage> GenerateAsync(
        this AdapterApp app, string model, int n = 1, string prompt = "a red fox", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations")
        {
            Content = JsonContent.Create(new JsonObject { ["model"] = model, ["prompt"] = prompt, ["n"] = n }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdapterApp.InboundKey);
        return await app.Http.SendAsync(request, cancellationToken);
    }

    /// <summary>Status and OpenAI <c>error.code</c> (null on success).</summary>
    public static async Task<(int Status, string? Code)> OutcomeAsync(this HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((int)response.StatusCode, body["error"]?["code"]?.GetValue<string>());
    }

    public static string? RetryAfter(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;

    /// <summary>Every fault must end in a documented error, never in the adapter's unexpected-failure path.</summary>
    public static void AssertNoUnexpectedFailure(this AdapterApp app)
    {
        var failures = app.UnexpectedFailures();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(10);
        }
    }
}
