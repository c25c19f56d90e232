using ImageAdapter.Contract;
using ImageAdapter.Fireworks;
using ImageAdapter.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Http;

/// <summary><c>POST /v1/images/generations</c>: read, validate, generate through Fireworks, answer in OpenAI's shape.</summary>
internal sealed partial class ImageGenerationsHandler(
    AdapterEndpoint endpoint,
    RequestBodyReader reader,
    ImageRequestValidator validator,
    ImageGenerator generator,
    ImageResponseBuilder builder,
    ILogger<ImageGenerationsHandler> logger)
{
    public Task<IResult> HandleAsync(HttpContext context) =>
        endpoint.RunAsync(context, authenticate: true, async cancellationToken =>
        {
            var request = validator.Validate(await reader.ReadAsync(context.Request, cancellationToken));
            var generation = await generator.GenerateAsync(request, cancellationToken);
            var (response, realSize) = await builder.BuildAsync(request, generation, cancellationToken);
            LogGenerated(logger, request.Model.Id, request.Model.Family.ToString(), generation.Images.Count, realSize);
            context.Response.Headers[ImageResponseBuilder.SizeHeader] = realSize;
            return TypedResults.Json(response, OpenAIJsonContext.Responses.ImagesResponse);
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated {Count} image(s) of {Size} with {Model} ({Family})")]
    private static partial void LogGenerated(ILogger logger, string model, string family, int count, string size);
}
