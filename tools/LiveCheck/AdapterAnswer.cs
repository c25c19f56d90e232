using System.Text.Json;

namespace ImageAdapter.LiveCheck;

/// <summary>What the adapter answered a probe: status, the OpenAI error code or the image count and real size.</summary>
internal sealed record AdapterAnswer(int Status, string? ErrorCode, int Images, string? ImageSize)
{
    public static AdapterAnswer Read(int status, string? imageSize, byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var code = root.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var value) ? value.GetString() : null;
            var images = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array ? data.GetArrayLength() : 0;
            return new AdapterAnswer(status, code, images, imageSize);
        }
        catch (JsonException)
        {
            return new AdapterAnswer(status, "(not JSON)", 0, imageSize);
        }
    }

    public override string ToString() => ErrorCode is null
        ? $"{Status}, {Images} image(s) of {ImageSize ?? "?"}"
        : $"{Status} {ErrorCode}";
}
