using System.Globalization;
using FireworksSimulator.Wire;

namespace FireworksSimulator.Pipeline;

/// <summary>Builds every error answer, in any of the §1.5 shapes, in one place.</summary>
internal static class ErrorResponses
{
    public static SimulatedResponse Create(int statusCode, ErrorBodyShape shape, string message, string? errorType = null)
    {
        var context = WireJson.Context;
        return shape switch
        {
            ErrorBodyShape.FireworksError => SimulatedResponse.Json(statusCode,
                new FireworksErrorBody(new FireworksErrorDetail("error", errorType ?? DefaultType(statusCode), message)),
                context.FireworksErrorBody),
            ErrorBodyShape.ErrorString => SimulatedResponse.Json(statusCode, new ErrorStringBody(message), context.ErrorStringBody),
            ErrorBodyShape.Detail => SimulatedResponse.Json(statusCode, new DetailBody(message), context.DetailBody),
            ErrorBodyShape.GatewayFault => SimulatedResponse.Json(statusCode,
                new GatewayFaultBody(new GatewayFault(message, new GatewayFaultDetail(GatewayErrorCode(statusCode)))),
                context.GatewayFaultBody),
            ErrorBodyShape.KontextErrorMessage => SimulatedResponse.Json(statusCode, new KontextErrorBody(message), context.KontextErrorBody),
            ErrorBodyShape.PlainText => SimulatedResponse.Text(statusCode, "text/plain; charset=utf-8", message),
            _ => new SimulatedResponse(statusCode, null, [], new Dictionary<string, string>()),
        };
    }

    /// <summary>400 in the Fireworks envelope, used by the synchronous families.</summary>
    public static SimulatedResponse BadRequest(string message) =>
        Create(400, ErrorBodyShape.FireworksError, message, "invalid_request_error");

    /// <summary>400 as the Kontext docs show it: <c>{"error_message": …}</c>.</summary>
    public static SimulatedResponse KontextBadRequest(string message) =>
        Create(400, ErrorBodyShape.KontextErrorMessage, message);

    public static SimulatedResponse Unauthorized() =>
        Create(401, ErrorBodyShape.FireworksError, "The API key you provided is invalid.", "invalid_request_error");

    public static SimulatedResponse UnknownModel(string account, string model) =>
        Create(404, ErrorBodyShape.FireworksError,
            $"Model not found, inaccessible, and/or not deployed: accounts/{account}/models/{model}", "invalid_request_error");

    // The legacy Fireworks client synthesises these two types, mirroring the server's envelope.
    private static string DefaultType(int statusCode) =>
        statusCode >= 500 ? "internal_server_error" : "invalid_request_error";

    private static string GatewayErrorCode(int statusCode) =>
        statusCode == 429
            ? "policies.ratelimit.QuotaViolation"
            : "simulator.http." + statusCode.ToString(CultureInfo.InvariantCulture);
}
