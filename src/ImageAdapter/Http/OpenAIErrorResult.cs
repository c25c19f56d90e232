using System.Globalization;
using System.Text.Json;
using ImageAdapter.Contract;
using ImageAdapter.Errors;
using Microsoft.AspNetCore.Http;

namespace ImageAdapter.Http;

/// <summary>Writes an <see cref="AdapterException"/> as the OpenAI error envelope, with <c>Retry-After</c> when one is known.</summary>
internal sealed class OpenAIErrorResult(AdapterException error) : IResult
{
    public AdapterException Error => error;

    public int StatusCode => AdapterErrorTable.For(error.Kind).Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var mapping = AdapterErrorTable.For(error.Kind);
        var response = httpContext.Response;
        response.StatusCode = mapping.Status;
        response.ContentType = "application/json";
        if (error.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        var body = new ErrorResponse(new ErrorBody(error.Message, mapping.Type, error.Param, mapping.Code));
        await JsonSerializer.SerializeAsync(response.Body, body, OpenAIJsonContext.Responses.ErrorResponse, httpContext.RequestAborted);
    }
}
