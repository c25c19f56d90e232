using System.Text.Json.Nodes;

namespace ImageAdapter.Tests.Infrastructure;

/// <summary>
/// Runs the Bicep CLI once for the whole "Bicep" collection: lint of every .bicep file under infra/,
/// build of main.bicep (ARM JSON with expressions) and two snapshots (ARM JSON with expressions evaluated
/// for a fixed subscription, resource group and parameters): the defaults, and the network options set.
/// </summary>
public sealed class BicepFixture : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000c1";
    public const string ResourceGroup = "rg-imageadapter-ci";
    public const string Location = "swedencentral";
    public const string WriterPrincipalId = "00000000-0000-0000-0000-0000000000aa";

    /// <summary>The <c>allowedInboundAddresses</c> of the restricted snapshot.</summary>
    public static readonly string[] InboundAddresses = ["203.0.113.0/24", "198.51.100.7/32"];

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

    /// <summary>The restricted snapshot (inbound addresses set, Key Vault public access disabled).</summary>
    public BicepResult RestrictedSnapshot { get; private set; } = null!;

    /// <summary>The restricted snapshot's <c>predictedResources</c>.</summary>
    public IReadOnlyList<JsonObject> RestrictedResources { get; private set; } = [];

    public static IEnumerable<string> BicepFiles =>
        Directory.EnumerateFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_workDir);
        var lint = BicepFiles.Select(f => BicepCli.RunAsync(RepoPaths.Infra, "lint", f)).ToList();

        var mainBicep = Path.Combine(RepoPaths.Infra, "main.bicep");
        var compiled = Path.Combine(_workDir, "main.json");
        var build = BicepCli.RunAsync(RepoPaths.Infra, "build", mainBicep, "--outfile", compiled);

        var snapshot = SnapshotAsync("ci", mainBicep, $"param principalId = '{WriterPrincipalId}'");
        var restricted = SnapshotAsync("restricted", mainBicep,
            $"param allowedInboundAddresses = [{string.Join(", ", InboundAddresses.Select(a => $"'{a}'"))}]",
            "param keyVaultPublicNetworkAccess = 'Disabled'");

        LintResults = await Task.WhenAll(lint);
        Build = await build;
        (Snapshot, var snapshotJson) = await snapshot;
        (RestrictedSnapshot, var restrictedJson) = await restricted;

        if (Build.ExitCode == 0)
        {
            Template = JsonNode.Parse(await File.ReadAllTextAsync(compiled))!.AsObject();
        }

        if (snapshotJson is not null)
        {
            Resources = PredictedResources(snapshotJson);
            SnapshotOutputs = snapshotJson["outputs"]!.AsObject();
        }

        RestrictedResources = restrictedJson is null ? [] : PredictedResources(restrictedJson);
    }

    private async Task<(BicepResult Result, JsonNode? Json)> SnapshotAsync(string name, string mainBicep, params string[] parameters)
    {
        // A .bicepparam must name its template with a relative path.
        var using_ = Path.GetRelativePath(_workDir, mainBicep).Replace('\\', '/');
        var paramFile = Path.Combine(_workDir, name + ".bicepparam");
        await File.WriteAllLinesAsync(paramFile,
            [$"using '{using_}'", "param environmentName = 'ci'", $"param location = '{Location}'", .. parameters]);
        var result = await BicepCli.RunAsync(_workDir, "snapshot", paramFile, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", Location);

        var snapshotFile = Path.Combine(_workDir, name + ".snapshot.json");
        return result.ExitCode == 0 && File.Exists(snapshotFile)
            ? (result, JsonNode.Parse(await File.ReadAllTextAsync(snapshotFile)))
            : (result, null);
    }

    private static List<JsonObject> PredictedResources(JsonNode snapshot) =>
        snapshot["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();

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
