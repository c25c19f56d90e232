using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FireworksSimulator.Routes;

internal static class WireBody
{
    /// <summary>Parses a JSON body; any syntax or type error becomes the message of a 400.</summary>
    public static bool TryParse<T>(string body, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? value, out string error)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize(body, typeInfo);
            error = value is null ? "Request body must be a JSON object" : string.Empty;
            return value is not null;
        }
        catch (JsonException exception)
        {
            value = null;
            error = "Invalid JSON body: " + exception.Message;
            return false;
        }
    }
}
