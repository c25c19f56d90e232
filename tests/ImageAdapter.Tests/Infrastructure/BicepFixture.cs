using System.Text.Json.Nodes;

namespace ImageAdapter.Tests.Infrastructure;

/// <summary>
/// Runs the Bicep CLI once for the whole "Bicep" collection: lint of every .bicep file under infra/,
/// build of main.bicep (ARM JSON with expressions) and a snapshot (ARM JSON with expressions evaluated
/// for a fixed subscription, resource group and parameters).
/// </summary>
public sealed class BicepFixture : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000c1";
    public const string ResourceGroup = "rg-imageadapter-ci";
    public const string Location = "swedencentral";
    public const string WriterPrincipalId = "00000000-0000-0000-0000-0000000000aa";

    private readonly string _workDir = Path.Combine(Path.GetTempPath(), "imageadapter-bicep-" + Guid.NewGuid().ToString("N"));

    public IReadOnlyList<BicepResult> LintResults { get; private set; } = [];

    public BicepResult Build { get; private set; } = null!;

    public BicepResult Snapshot { get; private set; } = null!;

    /// <summary>main.bicep compiled to ARM JSON.</summary>
    public JsonObject Template { get; private set; } = null!;

    /// <summary>The snapshot's outputs (module references resolved to the resources they read).</summary>
    public JsonObject SnapshotOutputs { get; private set; } = [];

    /// <summary>The snapshot's <c>predictedResources</c>, flattened across modules.</summary>
    public IReadOnlyList<JsonObject> Resources { get; private set; } = [];

    public static IEnumerable<string> BicepFiles =>
        Directory.EnumerateFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_workDir);
        var lint = BicepFiles.Select(f => BicepCli.RunAsync(RepoPaths.Infra, "lint", f)).ToList();

        var mainBicep = Path.Combine(RepoPaths.Infra, "main.bicep");
        var compiled = Path.Combine(_workDir, "main.json");
        var build = BicepCli.RunAsync(RepoPaths.Infra, "build", mainBicep, "--outfile", compiled);

        // A .bicepparam must name its template with a relative path.
        var using_ = Path.GetRelativePath(_workDir, mainBicep).Replace('\\', '/');
        var paramFile = Path.Combine(_workDir, "ci.bicepparam");
        await File.WriteAllTextAsync(paramFile, $"""
            using '{using_}'
            param environmentName = 'ci'
            param location = '{Location}'
            param principalId = '{WriterPrincipalId}'
            """);
        var snapshot = BicepCli.RunAsync(_workDir, "snapshot", paramFile, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", Location);

        LintResults = await Task.WhenAll(lint);
        Build = await build;
        Snapshot = await snapshot;

        if (Build.ExitCode == 0)
        {
            Template = JsonNode.Parse(await File.ReadAllTextAsync(compiled))!.AsObject();
        }

        var snapshotFile = Path.Combine(_workDir, "ci.snapshot.json");
        if (Snapshot.ExitCode == 0 && File.Exists(snapshotFile))
        {
            var json = JsonNode.Parse(await File.ReadAllTextAsync(snapshotFile))!;
            Resources = json["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();
            SnapshotOutputs = json["outputs"]!.AsObject();
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return ValueTask.CompletedTask;
    }
}
