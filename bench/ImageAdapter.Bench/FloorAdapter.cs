using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ImageAdapter.Bench;

/// <summary>
/// <c>floor --upstream ORIGIN --urls URL</c>: the least any <c>b64_json</c> adapter must do, the floor the adapter is
/// judged against. Per <c>POST /v1/images/generations</c>: read the client's JSON, make the one Fireworks call the direct
/// target makes, read the answer into a pooled buffer, and write the OpenAI JSON with the base64 going straight into the
/// response (<see cref="FloorAnswer"/>). No auth, validation, limits, retries, usage or logging below Warning: what it
/// leaves out is what the adapter's figures over the floor pay for. Framework only, none of the adapter's code.
/// </summary>
internal static class FloorAdapter
{
    private static readonly HttpClient Fireworks = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task RunAsync(string[] args)
    {
        var index = Array.IndexOf(args, "--upstream");
        var upstream = index >= 0 && index + 1 < args.Length ? new Uri(args[index + 1]) : throw new ArgumentException("floor mode needs --upstream <origin>.");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args[1..] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        // The adapter's route, spelled out rather than taken from the library, so the floor loads none of it.
        app.MapPost("/v1/images/generations", context => GenerateAsync(context, upstream));
        await app.RunAsync();
    }

    private static async Task GenerateAsync(HttpContext context, Uri upstream)
    {
        var cancel = context.RequestAborted;
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, FloorJsonContext.Default.FloorRequest, cancel);
        // One upstream call per request: FLUX makes one image per call, so the floor takes FLUX at n=1 only.
        if (request is not { Model: { } model, Prompt: { } prompt } || (IsFlux(model) && request.N is not (null or 1)))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var isFlux = IsFlux(model);
        var n = request.N ?? 1;
        var body = JsonSerializer.SerializeToUtf8Bytes(new FloorUpstreamBody(prompt, isFlux ? null : n), FloorJsonContext.Default.FloorUpstreamBody);
        using var call = new HttpRequestMessage(HttpMethod.Post, new Uri(upstream, Workload.FireworksPath(model, isFlux)))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        // SDXL answers one image as binary PNG, several only as a JSON array of base64 artifacts.
        call.Headers.TryAddWithoutValidation("Accept", n == 1 ? "image/png" : "application/json");
        call.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Workload.FireworksKey);
        using var answer = await Fireworks.SendAsync(call, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (!answer.IsSuccessStatusCode)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        var (buffer, length) = await ReadPooledAsync(answer.Content, cancel);
        try
        {
            context.Response.ContentType = "application/json";
            var image = buffer.AsMemory(0, length);
            await (n == 1 ? FloorAnswer.WriteImageAsync(context.Response, image, cancel) : FloorAnswer.WriteArtifactsAsync(context.Response, image, cancel));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsFlux(string model) => model.StartsWith("flux", StringComparison.Ordinal);

    /// <summary>The whole answer in one pooled array, sized from Content-Length; grown by doubling only when that is missing.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadPooledAsync(HttpContent content, CancellationToken cancel)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)(content.Headers.ContentLength ?? 1 << 20) + 1);
        await using var stream = await content.ReadAsStreamAsync(cancel);
        var length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancel)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
        }

        return (buffer, length);
    }
}
