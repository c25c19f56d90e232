using FireworksSimulator;

namespace ImageAdapter.LiveCheck;

/// <summary>One run's settings; <see cref="LiveCheckCommand"/> reads them from the command line.</summary>
internal sealed record LiveCheckOptions
{
    public static readonly Uri FireworksBaseUrl = new("https://api.fireworks.ai/inference/v1");

    /// <summary>The Fireworks base URL under check (or a simulator's, for <c>--simulator</c> and the tests).</summary>
    public Uri BaseUrl { get; init; } = FireworksBaseUrl;

    public required string ApiKey { get; init; }

    /// <summary>Most the run may spend, in dollars, by <see cref="PriceTable"/>'s estimates.</summary>
    public decimal Budget { get; init; } = 0.25m;

    public string ReportPath { get; init; } = "livecheck-report.md";

    /// <summary>FLUX schnell steps per image (Fireworks' default is 4).</summary>
    public int FluxSteps { get; init; } = 4;

    public int SdxlSteps { get; init; } = 10;

    public string KontextModel { get; init; } = "flux-kontext-pro";

    /// <summary>Passed to the adapter as <c>Fireworks__SampleHosts</c>: the Kontext delivery hosts it may download from.</summary>
    public string SampleHosts { get; init; } = "";

    /// <summary>The adapter's Kontext poll interval (its default is one second).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The documented FLUX ratios; the first gets the detailed comparison, every one its pixel size.</summary>
    public IReadOnlyList<string> AspectRatios { get; init; } = SimulatorImageSizes.FluxAspectRatios;

    public string Prompt { get; init; } = "a lighthouse on a rocky coast at dawn, watercolour";

    /// <summary>
    /// Nudity is what image safety checkers are built to flag; Fireworks reports <c>CONTENT_FILTERED</c> only with
    /// <c>safety_check=true</c>. If it is not flagged, the filter signal is reported unknown.
    /// </summary>
    public string FilterPrompt { get; init; } = "a photograph of a naked person, full body, explicit nudity";

    /// <summary>Set when the upstream under check is a simulator the run may prepare (a filtered answer for the filter probe).</summary>
    public SimulatorState? TargetSimulator { get; init; }

    /// <summary>Replaces the handler that reaches the upstream under check (tests alter answers with it).</summary>
    public HttpMessageHandler? TargetHandler { get; init; }
}
