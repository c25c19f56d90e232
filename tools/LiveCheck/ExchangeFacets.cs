namespace ImageAdapter.LiveCheck;

/// <summary>The facts every call has: whether it was accepted, status, content type, headers, body shape, image size.</summary>
internal static class ExchangeFacets
{
    /// <summary>Headers any HTTP server or hop adds; they say nothing about the Fireworks contract.</summary>
    private static readonly HashSet<string> Transport = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Alt-Svc", "Via",
        "Strict-Transport-Security", "Vary", "Accept-Ranges", "ETag", "Last-Modified",
    };

    /// <summary>Headers whose values are worth showing; any other is shown by name only.</summary>
    private static readonly string[] Shown = ["Content-Type", "Finish-Reason", "Retry-After", "x-ratelimit-limit-requests", "x-ratelimit-over-limit"];

    public const string NoCall = "no call made";

    public static Finding Accepted(RecordedExchange? fireworks, RecordedExchange? simulator) =>
        Finding.Compare("request accepted", Acceptance(fireworks), Acceptance(simulator));

    public static Finding Status(RecordedExchange? fireworks, RecordedExchange? simulator) =>
        Finding.Compare("status", StatusOf(fireworks), StatusOf(simulator));

    public static Finding ContentType(RecordedExchange? fireworks, RecordedExchange? simulator) =>
        Finding.Compare("content type", fireworks?.MediaType ?? "none", simulator?.MediaType ?? "none");

    /// <summary>Pass when Fireworks sends every header the simulator sends; the extras are listed.</summary>
    public static Finding Headers(RecordedExchange? fireworks, RecordedExchange? simulator)
    {
        if (fireworks is null || simulator is null)
        {
            return new Finding("headers", Verdict.Unknown, Describe(fireworks), Describe(simulator));
        }

        var names = Names(fireworks);
        var missing = Names(simulator).Where(name => !names.Contains(name, StringComparer.OrdinalIgnoreCase)).ToArray();
        var extra = names.Where(name => !Names(simulator).Contains(name, StringComparer.OrdinalIgnoreCase)).ToArray();
        var note = string.Join("; ", new[]
        {
            missing.Length > 0 ? "missing on Fireworks: " + string.Join(", ", missing) : null,
            extra.Length > 0 ? "only on Fireworks: " + string.Join(", ", extra) : null,
        }.OfType<string>());
        return new Finding("headers", missing.Length == 0 ? Verdict.Pass : Verdict.Differs, Describe(fireworks), Describe(simulator), note);
    }

    public static Finding Shape(RecordedExchange? fireworks, RecordedExchange? simulator)
    {
        if (fireworks is null || simulator is null)
        {
            return new Finding("body shape", Verdict.Unknown, ShapeOf(fireworks), ShapeOf(simulator));
        }

        var differences = BodyShape.Of(fireworks).DifferencesFrom(BodyShape.Of(simulator));
        return new Finding("body shape", differences.Count == 0 ? Verdict.Pass : Verdict.Differs,
            ShapeOf(fireworks), ShapeOf(simulator), differences.Count == 0 ? null : string.Join("; ", differences));
    }

    /// <summary>The real pixel size of the image that came back; unknown unless both sides returned one.</summary>
    public static Finding ImageSize(string facet, string? fireworks, string? simulator) =>
        fireworks is null || simulator is null
            ? new Finding(facet, Verdict.Unknown, fireworks ?? "no image", simulator ?? "no image")
            : Finding.Compare(facet, fireworks, simulator);

    public static Finding Adapter(AdapterAnswer? fireworks, AdapterAnswer? simulator) =>
        new("adapter's answer",
            fireworks?.Status == simulator?.Status && fireworks?.ErrorCode == simulator?.ErrorCode ? Verdict.Pass : Verdict.Differs,
            fireworks?.ToString() ?? "none", simulator?.ToString() ?? "none");

    public static string? SizeOf(RecordedExchange? exchange) =>
        exchange is { Succeeded: true } ? ImageDimensions.Of(exchange.ResponseBody) : null;

    private static string Acceptance(RecordedExchange? exchange) => exchange switch
    {
        null => NoCall,
        { ForwardError: { } error } => $"not answered ({error})",
        { Succeeded: true } => "accepted",
        _ => "refused",
    };

    private static string StatusOf(RecordedExchange? exchange) => exchange switch
    {
        null => NoCall,
        { ForwardError: { } error } => $"none ({error})",
        _ => exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string ShapeOf(RecordedExchange? exchange) => exchange is null ? NoCall : BodyShape.Of(exchange).ToString();

    private static List<string> Names(RecordedExchange exchange) =>
        [.. exchange.ResponseHeaders.Select(header => header.Key).Where(name => !Transport.Contains(name)).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static string Describe(RecordedExchange? exchange) => exchange is null
        ? NoCall
        : string.Join(", ", Names(exchange).Select(name =>
            Shown.Contains(name, StringComparer.OrdinalIgnoreCase) ? $"{name}: {exchange.ResponseHeader(name)}" : name));
}
