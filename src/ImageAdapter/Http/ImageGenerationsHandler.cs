using ImageAdapter.Contract;
using ImageAdapter.Fireworks;
using ImageAdapter.Validation;
using Microsoft.AspNetCore.Http;

namespace ImageAdapter.Http;

/// <summary><c>POST /v1/images/generations</c>: read, validate, generate through Fireworks, answer in OpenAI's shape.</summary>
internal sealed class ImageGenerationsHandler(
    AdapterEndpoint endpoint,
    RequestBodyReader reader,
    ImageRequestValidator validator,
    ImageGenerator generator,
    ImageResponseBuilder builder)
{
    public Task<IResult> HandleAsync(HttpContext context) =>
        endpoint.RunAsync(context, authenticate: true, async cancellationToken =>
        {
            var request = validator.Validate(await reader.ReadAsync(context.Request, cancellationToken));
            context.Items[AdapterEndpoint.ModelItem] = request.Model.Id;
            var generation = await generator.GenerateAsync(request, cancellationToken);
            var (response, realSize) = await builder.BuildAsync(request, generation, cancellationToken);
            context.Items[AdapterEndpoint.ImagesItem] = generation.Images.Count;
            context.Response.Headers[ImageResponseBuilder.SizeHeader] = realSize;
            return TypedResults.Json(response, OpenAIJsonContext.Responses.ImagesResponse);
        });
}
