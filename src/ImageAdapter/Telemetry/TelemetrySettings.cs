namespace ImageAdapter.Telemetry;

/// <summary>
/// Refuses at start-up, naming the setting, the two telemetry values the SDKs would not name: the Azure Monitor
/// exporter throws on a malformed connection string with a line that does not say where it came from, and the
/// OpenTelemetry SDK reports an unparsable OTLP endpoint on its EventSource only and exports to its default endpoint.
/// </summary>
internal static class TelemetrySettings
{
    // learn.microsoft.com/azure/azure-monitor/app/connection-strings: key=value pairs separated by semicolons, at most
    // 4096 characters, InstrumentationKey required.
    private const int MaxConnectionStringLength = 4096;

    public static void Check(string? azureMonitorConnectionString, string? otlpEndpoint)
    {
        if (!string.IsNullOrWhiteSpace(azureMonitorConnectionString) && !IsConnectionString(azureMonitorConnectionString))
        {
            // The value is not repeated: its instrumentation key is not a secret, but the whole string belongs in the
            // app's settings, not in every log that keeps start-up lines.
            throw new InvalidOperationException(
                $"{TelemetryServiceCollectionExtensions.AzureMonitorSetting} is not an Application Insights connection string: it takes " +
                $"key=value pairs separated by ';', at most {MaxConnectionStringLength} characters, with an InstrumentationKey " +
                "(copy it from the resource's Overview page), or leave it unset.");
        }

        if (!string.IsNullOrWhiteSpace(otlpEndpoint) && !IsHttpUri(otlpEndpoint))
        {
            throw new InvalidOperationException(
                $"{TelemetryServiceCollectionExtensions.OtlpSetting} is '{otlpEndpoint}', which is not an absolute http:// or https:// URI " +
                "(for example http://otel-collector:4318), or leave it unset.");
        }
    }

    private static bool IsConnectionString(string value)
    {
        if (value.Length > MaxConnectionStringLength)
        {
            return false;
        }

        var pairs = AzureMonitorSettingPairs.Split(value);
        return pairs.All(pair => pair.Length == 2 && pair[0].Length > 0)
            && pairs.Any(pair => string.Equals(pair[0], "InstrumentationKey", StringComparison.OrdinalIgnoreCase) && pair[1].Length > 0);
    }

    private static bool IsHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
