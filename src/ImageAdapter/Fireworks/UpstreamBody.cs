using ImageAdapter.Errors;
using ImageAdapter.Resilience;

namespace ImageAdapter.Fireworks;

/// <summary>
/// Reads a Fireworks answer body within a limit (<see cref="ImageBytes"/>). A promised <c>Content-Length</c> decides
/// nothing but an early refusal.
/// </summary>
internal static class UpstreamBody
{
    public static async Task<Memory<byte>> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await ImageBytes.ReadAsync(stream, limit, () => TooLarge(limit), cancellationToken, content.Headers.ContentLength);
    }

    private static AdapterException TooLarge(long limit) => new(AdapterErrorKind.UpstreamInvalidResponse,
        $"Fireworks' answer was larger than the adapter accepts ({limit / (1024 * 1024)} MiB).");
}
