using System.Text.Json;

namespace ImageAdapter.GatewayManifests;

/// <summary>
/// Reads the function app FQDN from the deployment outputs: either the JSON of
/// <c>az deployment group show --query properties.outputs</c> (<c>{"NAME": {"type": "String", "value": "..."}}</c>)
/// or the dotenv lines of <c>azd env get-values</c> (<c>NAME="..."</c>).
/// </summary>
public static class DeploymentOutputs
{
    /// <summary>The output of infra/main.bicep that carries the function app's defaultHostName.</summary>
    public const string FqdnOutputName = "FUNCTION_APP_DEFAULT_HOSTNAME";

    public static string ReadFqdn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart();
        var value = trimmed.StartsWith('{') ? FromArmJson(trimmed) : FromDotEnv(text);
        return string.IsNullOrWhiteSpace(value)
            ? throw new FormatException($"The deployment outputs have no {FqdnOutputName} value.")
            : value;
    }

    private static string? FromArmJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var output in document.RootElement.EnumerateObject())
        {
            // ARM returns output names in the case they were declared in, but az may change it: compare loosely.
            if (!string.Equals(output.Name, FqdnOutputName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            return output.Value.ValueKind switch
            {
                JsonValueKind.String => output.Value.GetString(),
                JsonValueKind.Object when output.Value.TryGetProperty("value", out var v) => v.GetString(),
                _ => null,
            };
        }

        return null;
    }

    private static string? FromDotEnv(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || line.StartsWith('#') || line[..eq].Trim() != FqdnOutputName)
            {
                continue;
            }

            return line[(eq + 1)..].Trim().Trim('"', '\'');
        }

        return null;
    }
}
