using System.Diagnostics;
using ImageAdapter.Catalogue;
using ImageAdapter.Errors;
using ImageAdapter.Imaging;
using ImageAdapter.Telemetry;
using ImageAdapter.Translation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Fireworks;

/// <summary>
/// Runs one Kontext task: submit, poll <c>get_result</c> every <see cref="FireworksOptions.PollInterval"/> until a final
/// status or <see cref="FireworksOptions.PollDeadline"/>, then download <c>result.sample</c>.
/// </summary>
internal sealed partial class KontextPoller(
    FireworksImageClient client,
    IOptions<FireworksOptions> options,
    AdapterTelemetry telemetry,
    TimeProvider time,
    ILogger<KontextPoller> logger)
{
    private readonly FireworksOptions _options = options.Value;

    public async Task<GeneratedImage> RunAsync(ModelEntry model, FireworksCall submit, CancellationToken cancellationToken)
    {
        var requestId = KontextTranslator.ReadRequestId((await client.SendAsync(submit, cancellationToken)).Body);
        using var activity = AdapterTelemetry.Source.StartActivity($"kontext.poll {model.Id}");
        activity?.SetTag(TelemetryTags.ProviderName, AdapterTelemetry.Provider);
        activity?.SetTag(TelemetryTags.RequestModel, model.Id);
        var started = time.GetTimestamp();
        var outcome = "ready";
        try
        {
            return await PollAndDownloadAsync(model, requestId, activity, cancellationToken);
        }
        catch (AdapterException exception)
        {
            outcome = AdapterErrorTable.For(exception.Kind).Code;
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            activity?.SetTag(TelemetryTags.KontextStatus, outcome);
            telemetry.KontextPollingDuration.Record(time.GetElapsedTime(started).TotalSeconds,
                new(TelemetryTags.RequestModel, model.Id), new(TelemetryTags.KontextStatus, outcome));
        }
    }

    private async Task<GeneratedImage> PollAndDownloadAsync(ModelEntry model, string requestId, Activity? activity, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.PollDeadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var sample = await PollUntilReadyAsync(model, requestId, activity, linked.Token);
            return new GeneratedImage(ImageBody.FromBytes(await client.DownloadSampleAsync(sample, linked.Token)), ContentFiltered: false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw DeadlinePassed(model);
        }
        catch (AdapterException exception) when (exception.Kind == AdapterErrorKind.UpstreamTimeout && deadline.IsCancellationRequested)
        {
            throw DeadlinePassed(model);
        }
    }

    private AdapterException DeadlinePassed(ModelEntry model)
    {
        LogDeadline(logger, model.Id, _options.PollDeadline.TotalSeconds);
        return new AdapterException(AdapterErrorKind.GenerationTimedOut,
            $"The image was not ready within {_options.PollDeadline.TotalSeconds:0} seconds.");
    }

    private async Task<string> PollUntilReadyAsync(ModelEntry model, string requestId, Activity? activity, CancellationToken cancellationToken)
    {
        var poll = KontextTranslator.PollCall(model, requestId);
        var seenTask = false;
        for (var polls = 1; ; polls++)
        {
            await Task.Delay(_options.PollInterval, time, cancellationToken);
            activity?.SetTag(TelemetryTags.KontextPolls, polls);
            var result = KontextTranslator.ReadPoll((await client.SendAsync(poll, cancellationToken)).Body);
            switch (result.Status)
            {
                case KontextTranslator.Ready:
                    return result.Result?.Sample is { Length: > 0 } sample
                        ? sample
                        : throw new AdapterException(AdapterErrorKind.UpstreamInvalidResponse, "Fireworks reported the image ready but gave no image URL.");
                case KontextTranslator.RequestModerated or KontextTranslator.ContentModerated:
                    throw new AdapterException(AdapterErrorKind.ContentPolicyViolation,
                        "Your request was rejected by Fireworks' safety system.");
                case KontextTranslator.Error:
                    throw new AdapterException(AdapterErrorKind.GenerationFailed, "Fireworks failed to generate the image.");
                case KontextTranslator.TaskNotFound when seenTask:
                    // Right after submit the task may not be visible yet; once it was, losing it is final.
                    throw new AdapterException(AdapterErrorKind.GenerationFailed, "Fireworks lost the generation task.");
                case KontextTranslator.TaskNotFound:
                    break;
                default:
                    seenTask = true;
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kontext task for {Model} passed its {DeadlineSeconds} s deadline")]
    private static partial void LogDeadline(ILogger logger, string model, double deadlineSeconds);
}
