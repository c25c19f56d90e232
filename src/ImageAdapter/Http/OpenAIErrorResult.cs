using System.Globalization;
using System.Text.Json;
using ImageAdapter.Contract;
using ImageAdapter.Errors;
using Microsoft.AspNetCore.Http;

namespace ImageAdapter.Http;

/// <summary>
/// Writes an <see cref="AdapterException"/> as the OpenAI error envelope, with <c>Retry-After</c> when one is known; or,
/// when an image stream has already begun (its status sent), as the stream's <c>error</c> event.
/// </summary>
internal sealed class OpenAIErrorResult(AdapterException error) : IResult
{
    public AdapterException Error => error;

    public int StatusCode => AdapterErrorTable.For(error.Kind).Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var mapping = AdapterErrorTable.For(error.Kind);
        var response = httpContext.Response;
        var body = new ErrorBody(error.Message, mapping.Type, error.Param, mapping.Code);
        if (ImageEventStream.HasBegun(response))
        {
            await ImageEventStream.WriteErrorAsync(response, body, httpContext.RequestAborted);
            return;
        }

        response.StatusCode = mapping.Status;
        response.ContentType = "application/json";
        if (error.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        await JsonSerializer.SerializeAsync(response.Body, new ErrorResponse(body), OpenAIJsonContext.Responses.ErrorResponse, httpContext.RequestAborted);
    }
}
