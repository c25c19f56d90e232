using System.Net;
using System.Security.Cryptography;

namespace FireworksSimulator.Imaging;

/// <summary>
/// Reads a Kontext <c>input_image</c> (contract §1.3: "Base64 encoded image or URL"): raw base64, a
/// <c>data:…;base64,</c> URI (what Vercel sends), or an http(s) URL that the simulator downloads, as
/// Fireworks would. Whatever the form, the bytes must be a PNG, JPEG or WebP by their signature.
/// </summary>
internal sealed class InputImageReader : IDisposable
{
    public const int MaxDownloadBytes = 20 << 20;
    private const string NotAnImage = "not a PNG, JPEG or WebP image";

    private readonly HttpClient _http = new()
    {
        Timeout = TimeSpan.FromSeconds(10),
        MaxResponseContentBufferSize = MaxDownloadBytes,
    };

    /// <summary>The image; when it is null, <c>Error</c> is the message of the 400. <paramref name="served"/> answers URLs without a download.</summary>
    public async Task<(KontextInput? Input, string Error)> ReadAsync(string inputImage, IReadOnlyDictionary<string, byte[]> served, CancellationToken cancellationToken)
    {
        if (IsHttpUrl(inputImage))
        {
            var (downloaded, failure) = served.TryGetValue(inputImage, out var bytesServed)
                ? (bytesServed, null)
                : await DownloadAsync(inputImage, cancellationToken);
            var input = downloaded is null ? null : Describe(KontextInputSource.Url, inputImage, downloaded);
            return (input, $"input_image could not be downloaded from {inputImage}: {failure ?? NotAnImage}");
        }

        var isDataUri = inputImage.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
        var bytes = isDataUri ? DecodeDataUri(inputImage) : DecodeBase64(inputImage);
        if (bytes is null)
        {
            return (null, isDataUri
                ? "input_image data URI must be data:<media type>;base64,<base64 without whitespace>"
                : "input_image must be base64 without whitespace, a data:<media type>;base64, URI or an http(s) URL");
        }

        var source = isDataUri ? KontextInputSource.DataUri : KontextInputSource.Base64;
        return (Describe(source, url: null, bytes), $"input_image is {NotAnImage}");
    }

    public void Dispose() => _http.Dispose();

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private async Task<(byte[]? Bytes, string? Failure)> DownloadAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            // Buffers the body, failing past MaxResponseContentBufferSize.
            using var response = await _http.GetAsync(url, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK
                ? (await response.Content.ReadAsByteArrayAsync(cancellationToken), null)
                : (null, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            return (null, $"larger than {MaxDownloadBytes >> 20} MiB");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException
                                          && !cancellationToken.IsCancellationRequested)
        {
            return (null, exception.Message);
        }
    }

    private static byte[]? DecodeDataUri(string dataUri)
    {
        var comma = dataUri.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && dataUri.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase)
            ? DecodeBase64(dataUri[(comma + 1)..])
            : null;
    }

    // Strict: the standard alphabet with its padding, no whitespace (which Convert alone would skip).
    private static byte[]? DecodeBase64(string text)
    {
        var buffer = new byte[text.Length / 4 * 3];
        return !text.Any(char.IsWhiteSpace) && Convert.TryFromBase64String(text, buffer, out var written)
            ? buffer[..written]
            : null;
    }

    private static KontextInput? Describe(KontextInputSource source, string? url, byte[] bytes) =>
        ImageHeader.Read(bytes) is { } header
            ? new KontextInput(source, url, header.Format, header.Width, header.Height, bytes.Length,
                Convert.ToHexStringLower(SHA256.HashData(bytes)))
            : null;
}
