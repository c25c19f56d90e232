using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImageAdapter.Contract;
using Microsoft.AspNetCore.Http;

namespace ImageAdapter.Http;

/// <summary>
/// Writes an answer as OpenAI's image stream (<c>text/event-stream</c>): SSE comments while the images are being made,
/// then one completed event per image. Every event's JSON is written on one line, so each <c>data:</c> line holds a
/// whole event. An error after the stream has begun is written by <see cref="OpenAIErrorResult"/> as an
/// <c>error</c> event (<see cref="WriteErrorAsync"/>).
/// </summary>
internal static class ImageEventStream
{
    public const string ContentType = "text/event-stream";

    /// <summary>
    /// Waits for <paramref name="work"/>; each <paramref name="interval"/> it has not finished, writes a comment, which
    /// starts the response (status 200) on the first one. Cancelling the request cancels the work, which ends the wait.
    /// </summary>
    public static async Task<T> KeepAliveUntilAsync<T>(HttpResponse response, Task<T> work, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        while (await Task.WhenAny(work, Task.Delay(interval, time, CancellationToken.None)) != work)
        {
            Start(response);
            await response.WriteAsync(": keep-alive\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }

        return await work;
    }

    public static async Task WriteEventAsync<T>(HttpResponse response, string type, T data, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        Start(response);
        await response.WriteAsync($"event: {type}\ndata: ", cancellationToken);
        await JsonSerializer.SerializeAsync(response.Body, data, typeInfo, cancellationToken);
        await response.WriteAsync("\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>Whether this response is a stream already begun: a failure can then only be told as an event.</summary>
    public static bool HasBegun(HttpResponse response) => response.HasStarted && response.ContentType == ContentType;

    /// <summary>The <c>error</c> event: the OpenAI envelope with <c>"type":"error"</c>; then the stream ends.</summary>
    public static Task WriteErrorAsync(HttpResponse response, ErrorBody error, CancellationToken cancellationToken) =>
        WriteEventAsync(response, "error", new StreamErrorEvent("error", error), OpenAIJsonContext.Responses.StreamErrorEvent, cancellationToken);

    private static void Start(HttpResponse response)
    {
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.Headers.CacheControl = "no-cache";
        }
    }
}
