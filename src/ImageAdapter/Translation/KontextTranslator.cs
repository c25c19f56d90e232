using System.Text.Json;
using ImageAdapter.Catalogue;
using ImageAdapter.Validation;

namespace ImageAdapter.Translation;

/// <summary>
/// FLUX.1 Kontext, asynchronous: <c>POST workflows/accounts/{a}/models/{m}</c> answers <c>{"request_id"}</c>; then
/// <c>POST .../get_result</c> with <c>{"id"}</c> until <c>status</c> is final; <c>Ready</c> carries <c>result.sample</c>,
/// an image URL. One image per submit. An edit's input image goes in <c>input_image</c>: its bytes in base64, or the
/// client's https URL as given, which Fireworks fetches.
/// </summary>
internal sealed class KontextTranslator : IFamilyTranslator
{
    public const string Ready = "Ready";
    public const string Pending = "Pending";
    public const string TaskNotFound = "Task not found";
    public const string RequestModerated = "Request Moderated";
    public const string ContentModerated = "Content Moderated";
    public const string Error = "Error";

    public ApiFamily Family => ApiFamily.KontextWorkflow;

    public IReadOnlyList<FireworksCall> ToCalls(ImageGenerationRequest request) =>
        Enumerable.Range(0, request.N)
            .Select(index => new FireworksCall(
                FireworksPaths.KontextSubmit(request.Model),
                FireworksPaths.Json,
                JsonSerializer.SerializeToUtf8Bytes(Body(request, index), FireworksJsonContext.Default.KontextSubmitBody),
                FireworksCall.NoHeaders,
                InputImage: request.InputImage?.Bytes ?? default))
            .ToArray();

    /// <summary>The poll call, built from the model (and so from the configured base URL), never from a response field.</summary>
    public static FireworksCall PollCall(ModelEntry model, string requestId) => new(
        FireworksPaths.KontextResult(model),
        FireworksPaths.Json,
        JsonSerializer.SerializeToUtf8Bytes(new KontextPollBody(requestId), FireworksJsonContext.Default.KontextPollBody),
        FireworksCall.NoHeaders);

    public static string ReadRequestId(ReadOnlyMemory<byte> json) =>
        JsonSerializer.Deserialize(json.Span, FireworksJsonContext.Default.KontextSubmitResponse)?.RequestId is { Length: > 0 } id
            ? id
            : throw new JsonException("The Kontext submit answer has no request_id.");

    public static KontextPollResponse ReadPoll(ReadOnlyMemory<byte> json) =>
        JsonSerializer.Deserialize(json.Span, FireworksJsonContext.Default.KontextPollResponse) is { Status: not null } poll
            ? poll
            : throw new JsonException("The Kontext poll answer has no status.");

    private static KontextSubmitBody Body(ImageGenerationRequest request, int index) => new(
        request.Prompt,
        request.InputImage?.Url?.OriginalString,
        request.AspectRatio,
        FireworksPaths.Name(request.Format),
        FireworksPaths.SeedFor(request.Extras.Seed, index),
        request.Extras.PromptUpsampling,
        request.Extras.SafetyTolerance);
}
