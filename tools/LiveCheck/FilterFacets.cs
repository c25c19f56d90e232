namespace ImageAdapter.LiveCheck;

/// <summary>
/// The content filter signal. The simulator flags only when told to, so its side is its answer for a flagged image
/// (200, <c>Finish-Reason: CONTENT_FILTERED</c>). If Fireworks did not flag the prompt, nothing is settled.
/// </summary>
internal static class FilterFacets
{
    private const string Filtered = "CONTENT_FILTERED";

    public static IReadOnlyList<Finding> For(ProbeOutcome fireworks, ProbeOutcome simulator)
    {
        var signal = Signal(fireworks.Main);
        var expected = Signal(simulator.Main);
        var flagged = fireworks.Main?.ResponseHeader("Finish-Reason") == Filtered;
        var notFlagged = fireworks.Main is { Succeeded: true } && !flagged;
        var verdict = notFlagged ? Verdict.Unknown : signal == expected ? Verdict.Pass : Verdict.Differs;
        var adapter = ExchangeFacets.Adapter(fireworks.Adapter, simulator.Adapter);
        return
        [
            new Finding("filter signal", verdict, signal, expected, notFlagged ? "Fireworks did not flag the prompt; try --filter-prompt" : null),
            notFlagged ? adapter with { Verdict = Verdict.Unknown } : adapter,
        ];
    }

    private static string Signal(RecordedExchange? exchange) => exchange switch
    {
        null => ExchangeFacets.NoCall,
        { Succeeded: true } => $"{exchange.Status}, Finish-Reason: {exchange.ResponseHeader("Finish-Reason") ?? "none"}, " +
            (ImageDimensions.Of(exchange.ResponseBody) is not null ? $"an image ({exchange.MediaType})" : $"no image ({BodyShape.Of(exchange)})"),
        _ => $"{exchange.Status}, {BodyShape.Of(exchange)}",
    };
}
