namespace ImageAdapter.Secrets;

/// <summary>Parses an inbound-keys value: keys separated by newlines or commas, trimmed, empties and repeats dropped.</summary>
internal static class InboundKeyList
{
    private static readonly char[] Separators = [',', '\n', '\r'];

    public static IReadOnlyList<string> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        return value
            .Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}
