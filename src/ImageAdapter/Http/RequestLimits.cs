using System.Buffers;
using ImageAdapter.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ImageAdapter.Http;

/// <summary>
/// How much of a request body the server reads at most. The adapter's own limits (<see cref="LimitsOptions"/>) are
/// enforced by its readers, which answer 400/413 naming the limit. Up to <see cref="DrainBytes"/> the server goes on
/// reading what a refused client is still sending, so that the answer reaches it: HttpClient and the OpenAI SDKs send
/// the whole body before they read, and see only a reset connection if the server stops reading early (and the
/// Functions host, whose proxy is such a client, answers an empty 500).
/// </summary>
internal static class RequestLimits
{
    /// <summary>The most a request body may hold: the JSON or form limit plus an input image in base64.</summary>
    public static long MaxBodyBytes(LimitsOptions limits) => limits.MaxRequestBodyBytes + (limits.MaxInputImageBytes + 2L) / 3 * 4;

    /// <summary>How much of a refused body is read and discarded: twice the most a body may hold.</summary>
    public static long DrainBytes(LimitsOptions limits) => 2 * MaxBodyBytes(limits);

    /// <summary>
    /// Sets Kestrel's limit for this request's body (by default 30,000,000 bytes) to <see cref="DrainBytes"/>: a larger
    /// <c>Limits__MaxInputImageBytes</c> then works, and a refused body can be drained. Servers without the feature,
    /// or a body already being read, keep theirs.
    /// </summary>
    public static void Apply(HttpRequest request, LimitsOptions limits)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = DrainBytes(limits);
        }
    }

    /// <summary>Reads and discards the rest of the body, up to <see cref="DrainBytes"/>; a client that is gone ends it.</summary>
    public static async Task DrainAsync(HttpRequest request, LimitsOptions limits, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var (drained, most) = (0L, DrainBytes(limits));
            int read;
            while (drained <= most && (read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                drained += read;
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The client left, broke the framing or sent past the server's limit: the connection ends either way.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
