namespace ImageAdapter.Telemetry;

/// <summary>
/// The <c>key=value;key=value</c> form both Azure Monitor settings take (the connection string and
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>): its non-empty parts, each split at its first <c>=</c>, trimmed. A
/// part without <c>=</c> comes back as one element, for the caller to refuse or skip.
/// </summary>
internal static class AzureMonitorSettingPairs
{
    public static string[][] Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToArray();
}
