using System.Text.Json.Serialization;

namespace FireworksSimulator.Wire;

// The error shapes of contract §1.5, one record each.

internal sealed record FireworksErrorDetail(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message);

internal sealed record FireworksErrorBody([property: JsonPropertyName("error")] FireworksErrorDetail Error);

internal sealed record ErrorStringBody([property: JsonPropertyName("error")] string Error);

internal sealed record DetailBody([property: JsonPropertyName("detail")] string Detail);

internal sealed record GatewayFaultDetail([property: JsonPropertyName("errorcode")] string ErrorCode);

internal sealed record GatewayFault(
    [property: JsonPropertyName("faultstring")] string FaultString,
    [property: JsonPropertyName("detail")] GatewayFaultDetail Detail);

internal sealed record GatewayFaultBody([property: JsonPropertyName("fault")] GatewayFault Fault);

internal sealed record KontextErrorBody([property: JsonPropertyName("error_message")] string ErrorMessage);
