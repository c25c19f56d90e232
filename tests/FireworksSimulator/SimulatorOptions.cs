using Microsoft.Extensions.Logging;

namespace FireworksSimulator;

/// <summary>Start-up settings; everything that tests change at run time lives on <see cref="SimulatorState"/>.</summary>
public sealed class SimulatorOptions
{
    public const string DefaultApiKey = "fw-test-key";

    /// <summary>Keys accepted at start (and after <see cref="SimulatorState.Reset"/>).</summary>
    public IList<string> ApiKeys { get; init; } = [DefaultApiKey];

    /// <summary>Models served on top of the nine built-in ones (name without <c>accounts/…/models/</c>).</summary>
    public IDictionary<string, ModelFamily> AdditionalModels { get; init; } = new Dictionary<string, ModelFamily>();

    /// <summary>Whether FLUX JSON <c>base64</c> items start with <c>data:image/png;base64,</c> (the 2025-11 docs do).</summary>
    public bool FluxJsonDataUriPrefix { get; init; } = true;

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;
}
