using System.Collections.Frozen;
using System.Diagnostics;
using System.Text.Json;
using ImageAdapter.Catalogue;
using ImageAdapter.Errors;
using ImageAdapter.Imaging;
using ImageAdapter.Resilience;
using ImageAdapter.Telemetry;
using ImageAdapter.Translation;
using ImageAdapter.Usage;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Fireworks;

/// <summary>
/// Produces the <c>n</c> images of a request: waits for a permit (<see cref="GenerationLimiter"/>), then the family's
/// translator says which calls to make; fanned-out calls run in parallel up to <see cref="FireworksOptions.MaxParallelCalls"/>.
/// If any call fails, the others are cancelled and the request fails with that call's error.
/// </summary>
internal sealed class ImageGenerator(
    IEnumerable<IFamilyTranslator> translators,
    FireworksImageClient client,
    KontextPoller kontext,
    GenerationLimiter limiter,
    UsageCalculator usage,
    AdapterTelemetry telemetry,
    TimeProvider time,
    IOptions<FireworksOptions> options)
{
    private readonly FrozenDictionary<ApiFamily, IFamilyTranslator> _translators = translators.ToFrozenDictionary(t => t.Family);

    public async Task<Generation> GenerateAsync(ImageGenerationRequest request, CancellationToken cancellationToken)
    {
        var model = request.Model;
        using var activity = AdapterTelemetry.Source.StartActivity($"{AdapterTelemetry.Operation} {model.Id}");
        activity?.SetTag(TelemetryTags.OperationName, AdapterTelemetry.Operation);
        activity?.SetTag(TelemetryTags.ProviderName, AdapterTelemetry.Provider);
        activity?.SetTag(TelemetryTags.RequestModel, model.Id);
        activity?.SetTag(TelemetryTags.Family, model.Family.ToString());
        var status = 499;
        string? error = null;
        try
        {
            var lease = await limiter.AcquireAsync(request.N, cancellationToken);
            // The permits stand for the images' memory, which stays held until the answer is written; only outside a
            // request (no answer to wait for) are they given back when the images are made.
            using var unheld = ImageMemoryBudget.TryHoldUntilAnswered(lease) ? null : lease;
            var generation = Check(request, await GenerateAdmittedAsync(request, cancellationToken));
            status = 200;
            Record(request, generation, activity);
            return generation;
        }
        catch (AdapterException exception)
        {
            status = AdapterErrorTable.For(exception.Kind).Status;
            error = AdapterErrorTable.For(exception.Kind).Code;
            throw;
        }
        catch (OperationCanceledException)
        {
            (status, error) = RequestBudget.Current <= time.GetUtcNow() ? (504, "request_timeout") : (499, "client_closed_request");
            throw;
        }
        finally
        {
            if (error is not null)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
                activity?.SetTag(TelemetryTags.ErrorType, error);
            }

            telemetry.Requests.Add(1,
                new(TelemetryTags.RequestModel, model.Id),
                new(TelemetryTags.Family, model.Family.ToString()),
                new(TelemetryTags.StatusCode, status),
                new(TelemetryTags.ErrorType, error));
        }
    }

    private async Task<IReadOnlyList<GeneratedImage>> GenerateAdmittedAsync(ImageGenerationRequest request, CancellationToken cancellationToken)
    {
        var calls = _translators[request.Model.Family].ToCalls(request);
        if (calls.Count == 1)
        {
            // Most requests make one call: Parallel.ForEachAsync would only add a scheduled work item and its bookkeeping.
            return await RunAsync(request.Model, calls[0], cancellationToken);
        }

        var results = new IReadOnlyList<GeneratedImage>[calls.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelCalls, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, calls.Count), parallel, async (index, token) =>
            results[index] = await RunAsync(request.Model, calls[index], token));
        return results.SelectMany(images => images).ToArray();
    }

    /// <summary>
    /// Refuses another number of images than <c>n</c>, filtered content and anything that is not a whole PNG or JPEG,
    /// and measures each image once: the response, the usage block and the telemetry all use these sizes (and one cost).
    /// </summary>
    private Generation Check(ImageGenerationRequest request, IReadOnlyList<GeneratedImage> images)
    {
        if (images.Count != request.N)
        {
            // More images than asked for would inflate the answer and its usage; fewer would silently drop some.
            throw new AdapterException(AdapterErrorKind.UpstreamInvalidResponse,
                $"Fireworks returned {images.Count} image(s) where {request.N} were requested.");
        }

        if (images.Any(image => image.ContentFiltered))
        {
            throw new AdapterException(AdapterErrorKind.ContentPolicyViolation, "Your request was rejected by Fireworks' safety system.");
        }

        var checkedImages = images
            .Select(image => image.Body.Inspect() is var (format, size)
                ? new CheckedImage(image.Body, format, size)
                : throw new AdapterException(AdapterErrorKind.UpstreamInvalidResponse, "Fireworks returned something that is not a PNG or JPEG image."))
            .ToArray();
        var cost = UsageCalculator.CostUsd(request, checkedImages.Length);
        try
        {
            return new Generation(checkedImages, usage.Calculate(request, checkedImages.Select(image => image.Size), cost), cost);
        }
        catch (OverflowException exception)
        {
            // A header can claim 2^31-1 pixels a side: more tokens than the usage block can hold is no real image.
            throw new AdapterException(AdapterErrorKind.UpstreamInvalidResponse, "Fireworks returned an image whose header claims an impossible size.", inner: exception);
        }
    }

    private void Record(ImageGenerationRequest request, Generation generation, Activity? activity)
    {
        var model = new KeyValuePair<string, object?>(TelemetryTags.RequestModel, request.Model.Id);
        var provider = new KeyValuePair<string, object?>(TelemetryTags.ProviderName, AdapterTelemetry.Provider);
        telemetry.ImagesGenerated.Add(generation.Images.Count, model);
        telemetry.TokenUsage.Record(generation.Usage.InputTokens, model, provider, new(TelemetryTags.TokenType, "input"));
        telemetry.TokenUsage.Record(generation.Usage.OutputTokens, model, provider, new(TelemetryTags.TokenType, "output"));
        activity?.SetTag(TelemetryTags.ImageCount, generation.Images.Count);
        activity?.SetTag(TelemetryTags.InputTokens, generation.Usage.InputTokens);
        activity?.SetTag(TelemetryTags.OutputTokens, generation.Usage.OutputTokens);
        if (generation.CostUsd is { } cost)
        {
            telemetry.Cost.Add((double)cost, model);
            activity?.SetTag(TelemetryTags.CostUsd, (double)cost);
        }
    }

    private async Task<IReadOnlyList<GeneratedImage>> RunAsync(ModelEntry model, FireworksCall call, CancellationToken cancellationToken)
    {
        try
        {
            return model.Family == ApiFamily.KontextWorkflow
                ? [await kontext.RunAsync(model, call, cancellationToken)]
                : SyncImageReader.Read(await client.SendAsync(call, cancellationToken));
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            throw new AdapterException(AdapterErrorKind.UpstreamInvalidResponse, "Fireworks returned a response the adapter could not read.", inner: exception);
        }
    }
}
