namespace ImageAdapter.Telemetry;

/// <summary>Attribute names: OpenTelemetry GenAI and HTTP conventions, plus the adapter's own.</summary>
internal static class TelemetryTags
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string ErrorType = "error.type";
    public const string StatusCode = "http.response.status_code";
    public const string Family = "image_adapter.family";
    public const string ImageCount = "image_adapter.image_count";
    public const string CostUsd = "image_adapter.cost_usd";
    public const string KontextPolls = "image_adapter.kontext.polls";
    public const string KontextStatus = "image_adapter.kontext.status";
    public const string UpstreamOutcome = "image_adapter.upstream.outcome";
}
