using ImageAdapter.Errors;
using ImageAdapter.Imaging;
using ImageAdapter.Resilience;

namespace ImageAdapter.Fireworks;

/// <summary>
/// Reads a Fireworks answer body within a limit (<see cref="ImageBytes"/>). A promised <c>Content-Length</c> decides
/// nothing but an early refusal. A JSON body's <see cref="NonBase64Bytes"/> are noted as it is read.
/// </summary>
internal static class UpstreamBody
{
    public static async Task<Memory<byte>> ReadAsync(HttpContent content, long limit, NonBase64Bytes? noted, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await ImageBytes.ReadAsync(stream, limit, () => TooLarge(limit), cancellationToken, content.Headers.ContentLength, noted);
    }

    private static AdapterException TooLarge(long limit) => new(AdapterErrorKind.UpstreamInvalidResponse,
        $"Fireworks' answer was larger than the adapter accepts ({limit / (1024 * 1024)} MiB).");
}
