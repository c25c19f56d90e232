using ImageAdapter.Contract;
using ImageAdapter.Fireworks;
using ImageAdapter.Validation;
using Microsoft.AspNetCore.Http;

namespace ImageAdapter.Http;

/// <summary>
/// <c>POST /v1/images/generations</c> (JSON) and <c>POST /v1/images/edits</c> (multipart): read, validate, generate
/// through Fireworks, answer in OpenAI's shape. The two differ only in how the request is read.
/// </summary>
internal sealed class ImageGenerationsHandler(
    AdapterEndpoint endpoint,
    RequestBodyReader reader,
    EditFormReader editReader,
    ImageRequestValidator validator,
    ImageGenerator generator,
    ImageResponseBuilder builder)
{
    public Task<IResult> HandleAsync(HttpContext context) =>
        AnswerAsync(context, async cancellationToken => validator.Validate(await reader.ReadAsync(context.Request, cancellationToken)));

    public Task<IResult> HandleEditAsync(HttpContext context) =>
        AnswerAsync(context, async cancellationToken => validator.ValidateEdit(await editReader.ReadAsync(context.Request, cancellationToken)));

    private Task<IResult> AnswerAsync(HttpContext context, Func<CancellationToken, Task<ImageGenerationRequest>> read) =>
        endpoint.RunAsync(context, authenticate: true, async cancellationToken =>
        {
            var request = await read(cancellationToken);
            context.Items[AdapterEndpoint.ModelItem] = request.Model.Id;
            var generation = await generator.GenerateAsync(request, cancellationToken);
            var (response, realSize) = await builder.BuildAsync(request, generation, cancellationToken);
            context.Items[AdapterEndpoint.ImagesItem] = generation.Images.Count;
            context.Response.Headers[ImageResponseBuilder.SizeHeader] = realSize;
            context.Response.Headers[Generation.CostHeader] = generation.CostHeaderValue; // null: left out
            return TypedResults.Json(response, OpenAIJsonContext.Responses.ImagesResponse);
        });
}
