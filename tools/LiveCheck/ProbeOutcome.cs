using System.Text.Json;

namespace ImageAdapter.LiveCheck;

/// <summary>What one probe produced against one upstream: the adapter's answer (if it went through the adapter), every exchange, the sample download.</summary>
internal sealed record ProbeOutcome(AdapterAnswer? Adapter, IReadOnlyList<RecordedExchange> Exchanges, SampleDownload? Sample)
{
    /// <summary>The probe's first call: the generation, the Kontext submit, or the refused request.</summary>
    public RecordedExchange? Main => Exchanges.FirstOrDefault();

    public IReadOnlyList<RecordedExchange> Polls => [.. Exchanges.Where(exchange => exchange.Path.EndsWith("/get_result", StringComparison.Ordinal))];

    /// <summary>The <c>status</c> of each poll, in order (<c>?</c> for an answer without one).</summary>
    public IReadOnlyList<string> PollStatuses => [.. Polls.Select(poll => JsonText(poll, "status") ?? $"HTTP {poll.Status}")];

    /// <summary>The last <c>result.sample</c> a poll gave.</summary>
    public string? SampleUrl => Polls.Select(poll => JsonText(poll, "result", "sample")).LastOrDefault(url => url is not null);

    private static string? JsonText(RecordedExchange exchange, params string[] path)
    {
        using var document = exchange.ResponseJson();
        if (document is null)
        {
            return null;
        }

        var element = document.RootElement;
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
