namespace ImageAdapter.Resilience;

/// <summary>
/// Which Fireworks API family an outgoing call belongs to, read from its URL. Each family has its own circuit
/// breaker, so an outage of the Kontext workflows does not stop SDXL.
/// </summary>
internal static class FireworksApiFamily
{
    public const string ImageGeneration = "image_generation";
    public const string TextToImage = "text_to_image";
    public const string Kontext = "kontext";

    public static string Of(HttpRequestMessage request) => Of(request.RequestUri);

    public static string Of(Uri? url)
    {
        var path = url is null ? "" : url.IsAbsoluteUri ? url.AbsolutePath : url.OriginalString;
        if (path.Contains("image_generation/", StringComparison.Ordinal))
        {
            return ImageGeneration;
        }

        // Kontext submits, get_result polls and result.sample downloads (which may live on a delivery host).
        return path.EndsWith("/text_to_image", StringComparison.Ordinal) ? TextToImage : Kontext;
    }

    /// <summary>
    /// Reads repeat safely: a Kontext <c>get_result</c> poll and a sample download bill nothing and change nothing.
    /// Everything else may start a billed generation.
    /// </summary>
    public static bool IsRead(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get
        || (request.RequestUri?.OriginalString.EndsWith("/get_result", StringComparison.Ordinal) ?? false);
}
