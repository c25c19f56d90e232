namespace FireworksSimulator.Pipeline;

/// <summary>What the client's <c>Accept</c> header asks for.</summary>
internal enum AcceptedOutput
{
    /// <summary>No Accept header, or <c>*/*</c>: each family picks its documented default.</summary>
    Unspecified,
    Json,
    Png,
    Jpeg,
    Unsupported,
}

internal static class AcceptHeader
{
    /// <summary>The first media type in the header that the image endpoints understand.</summary>
    public static AcceptedOutput Parse(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return AcceptedOutput.Unspecified;
        }

        foreach (var item in accept.Split(','))
        {
            var mediaType = item.Split(';')[0].Trim().ToLowerInvariant();
            switch (mediaType)
            {
                case "application/json": return AcceptedOutput.Json;
                case "image/png": return AcceptedOutput.Png;
                case "image/jpeg" or "image/jpg": return AcceptedOutput.Jpeg;
                case "*/*" or "image/*": return AcceptedOutput.Unspecified;
            }
        }

        return AcceptedOutput.Unsupported;
    }
}
