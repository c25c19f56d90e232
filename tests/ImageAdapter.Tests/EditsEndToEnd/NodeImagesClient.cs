using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// The official <c>openai</c> npm package (pinned in the root <c>package.json</c>), run by <c>node</c> from the PATH on
/// <c>tests/ImageAdapter.Tests/Node/images.mjs</c> where it lies in the checkout, so Node resolves <c>openai</c> from the
/// repository's <c>node_modules</c>. Installed from the lock file the first time it is missing, as Azurite is.
/// </summary>
internal static class NodeImagesClient
{
    // Node's start and the SDK's import are slow on a loaded machine; a hung call still ends the test.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public static string Script { get; } = Path.Combine(RepositoryPaths.Root, "tests", "ImageAdapter.Tests", "Node", "images.mjs");

    /// <summary>Runs <paramref name="request"/> (see the script's header) against <paramref name="app"/>; the printed JSON.</summary>
    public static async Task<NodeAnswer> RunAsync(AdapterApp app, JsonObject request, CancellationToken cancellationToken)
    {
        await NodePackages.EnsureAsync(Path.Combine("openai", "package.json"));
        var start = new ProcessStartInfo(Node())
        {
            ArgumentList = { Script, "--base-url", new Uri(app.BaseUrl, "/v1").AbsoluteUri, "--api-key", AdapterApp.InboundKey, "--request", request.ToJsonString() },
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("OPENAI_BASE_URL");
        start.Environment.Remove("OPENAI_API_KEY");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"node {Script} did not finish within {RunTimeout}: {await errors}");
        }

        var (stdout, stderr) = (await output, await errors);
        Assert.True(process.ExitCode is 0 or 1 && stdout.Length > 0, $"node exited {process.ExitCode}:\n{stderr}\n{stdout}");
        return new NodeAnswer(process.ExitCode, JsonNode.Parse(stdout)!.AsObject());
    }

    private static string Node() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists)
        ?? throw new Xunit.Sdk.XunitException("`node` is not on the PATH: the npm SDK tests need Node.js.");
}
