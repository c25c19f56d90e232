using System.Text.RegularExpressions;

namespace ImageAdapter.Bench;

/// <summary>
/// The adapter's settings for the benchmark, given as environment variables to the server processes and, as app
/// settings, to the Functions host (which passes them on to its worker): the simulator's address, the keys, and the
/// runtime settings a deployment gets. Those are the <c>DOTNET_*</c> app settings of <c>infra/app/function.bicep</c>,
/// read from that file, so the bench cannot drift from what is deployed: the runtime reads some of them (the gen0
/// budget) from the environment only, and the Functions host has no runtimeconfig of ours. Anything else set in the
/// bench's own environment (for example a concurrency limit) reaches those processes unchanged. The log level is not
/// among them: <see cref="TargetProcess"/> sets it for every process it starts.
/// </summary>
internal static partial class AdapterSettings
{
    public static IReadOnlyDictionary<string, string> AsEnvironment(Uri simulatorOrigin, RepoLayout layout)
    {
        var settings = new Dictionary<string, string>(DeployedRuntime(layout));
        settings["Fireworks__BaseUrl"] = new Uri(simulatorOrigin, "/inference/v1").AbsoluteUri;
        settings["Fireworks__ApiKey"] = Workload.FireworksKey;
        settings["Auth__ApiKeys"] = Workload.AdapterKey;
        return settings;
    }

    /// <summary>The runtime settings a deployment gets: the Bicep's <c>DOTNET_NAME: 'value'</c> app settings.</summary>
    public static IReadOnlyDictionary<string, string> DeployedRuntime(RepoLayout layout)
    {
        var bicep = layout.FunctionBicep;
        var settings = RuntimeSetting().Matches(File.ReadAllText(bicep))
            .ToDictionary(setting => setting.Groups["name"].Value, setting => setting.Groups["value"].Value);
        return settings.Count > 0
            ? settings
            : throw new InvalidOperationException($"{bicep} sets no DOTNET_ app setting: the bench would not run the adapter as it is deployed.");
    }

    [GeneratedRegex(@"^\s*(?<name>DOTNET_\w+): '(?<value>[^']*)'\s*$", RegexOptions.Multiline)]
    private static partial Regex RuntimeSetting();
}
