using ImageAdapter.Contract;
using ImageAdapter.Fireworks;
using ImageAdapter.Resilience;
using ImageAdapter.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Http;

/// <summary>
/// <c>POST /v1/images/generations</c> (JSON) and <c>POST /v1/images/edits</c> (multipart): read, validate, generate
/// through Fireworks, answer in OpenAI's shape: one <c>ImagesResponse</c>, or with <c>stream: true</c> an event stream.
/// The two routes differ only in how the request is read and in the names of their stream events.
/// </summary>
internal sealed class ImageGenerationsHandler(
    AdapterEndpoint endpoint,
    RequestBodyReader reader,
    EditFormReader editReader,
    ImageRequestValidator validator,
    ImageGenerator generator,
    ImageResponseBuilder builder,
    IOptions<AdapterOptions> options,
    TimeProvider time)
{
    public const string GenerationCompleted = "image_generation.completed";
    public const string EditCompleted = "image_edit.completed";

    public Task<IResult> HandleAsync(HttpContext context) => AnswerAsync(context, GenerationCompleted,
        async cancellationToken => validator.Validate(await reader.ReadAsync(context.Request, cancellationToken)));

    public Task<IResult> HandleEditAsync(HttpContext context) => AnswerAsync(context, EditCompleted,
        async cancellationToken => validator.ValidateEdit(await editReader.ReadAsync(context.Request, cancellationToken)));

    private Task<IResult> AnswerAsync(HttpContext context, string completedEvent, Func<CancellationToken, Task<ImageGenerationRequest>> read) =>
        endpoint.RunAsync(context, authenticate: true, async cancellationToken =>
        {
            var request = await read(cancellationToken);
            context.Items[AdapterEndpoint.ModelItem] = request.Model.Id;
            if (request.Stream)
            {
                return await StreamAsync(context, request, completedEvent, cancellationToken);
            }

            var generation = await generator.GenerateAsync(request, cancellationToken);
            var (response, realSize) = await builder.BuildAsync(request, generation, cancellationToken);
            context.Items[AdapterEndpoint.ImagesItem] = generation.Images.Count;
            context.Response.Headers[ImageResponseBuilder.SizeHeader] = realSize;
            context.Response.Headers[Generation.CostHeader] = generation.CostHeaderValue; // null: left out
            return new ImagesResponseResult(response);
        });

    /// <summary>
    /// Keep-alive comments while Fireworks works, then one completed event per image. A failure before the first
    /// comment is the usual JSON error with its status; after it, an <c>error</c> event (<see cref="OpenAIErrorResult"/>).
    /// </summary>
    private async Task<IResult> StreamAsync(HttpContext context, ImageGenerationRequest request, string completedEvent, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var generation = await ImageEventStream.KeepAliveUntilAsync(
            response, generator.GenerateAsync(request, cancellationToken), options.Value.StreamKeepAliveInterval, time, cancellationToken);
        context.Items[AdapterEndpoint.ImagesItem] = generation.Images.Count;
        foreach (var completed in builder.BuildEvents(request, generation, completedEvent))
        {
            await ImageEventStream.WriteEventAsync(response, completedEvent, completed, OpenAIJsonContext.Responses.ImageCompletedEvent, cancellationToken);
        }

        return Results.Empty;
    }
}
