using System.Text.Json.Serialization;

namespace ImageAdapter.Contract;

/// <summary>The OpenAI error envelope: <c>{"error":{"message","type","param","code"}}</c>, all four keys always present.</summary>
internal sealed record ErrorResponse(ErrorBody Error);

internal sealed record ErrorBody(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
