using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Functions;

/// <summary>
/// The published Functions app, as <c>azd deploy</c> zips it and the host loads it: its layout, the functions the host
/// will route to, and the production settings in <c>host.json</c>.
/// </summary>
public sealed class FunctionsAppPackageTests
{
    private static string App => FunctionsHost.AppDirectory;

    [Theory]
    [InlineData("host.json")]
    [InlineData("functions.metadata")]
    [InlineData("worker.config.json")]
    [InlineData("ImageAdapter.Functions.dll")]
    [InlineData("ImageAdapter.dll")]
    public async Task Publish_PutsWhatTheHostLoadsAtTheRoot(string file)
    {
        await FunctionsHost.PublishAsync();

        Assert.True(File.Exists(Path.Combine(App, file)), $"{file} is not at the root of {App}");
    }

    [Fact]
    public async Task Publish_NeverShipsLocalSettings()
    {
        await FunctionsHost.PublishAsync();

        Assert.False(File.Exists(Path.Combine(App, "local.settings.json")));
    }

    // Regression (the Functions-host performance issue): a function returning its answer gets a `$return` http output
    // binding, and the worker then also sends the whole body back to the host over gRPC, which the host parses and drops.
    [Fact]
    public async Task Metadata_NoFunctionHasAnOutputBinding()
    {
        var functions = await MetadataAsync();

        var outputs = functions.SelectMany(function => function["bindings"]!.AsArray()
            .Where(binding => binding!["direction"]!.GetValue<string>() != "In")
            .Select(binding => $"{function["name"]}: {binding!["name"]} ({binding["type"]})"));
        Assert.Empty(outputs);
    }

    [Fact]
    public async Task Metadata_EveryServerRouteIsAFunctionWithTheSameMethod()
    {
        var functions = await MetadataAsync();

        var routes = functions.Select(function => function["bindings"]![0]!)
            .Where(trigger => trigger["route"]!.GetValue<string>() != "{*path}")
            .ToDictionary(trigger => "/" + trigger["route"]!.GetValue<string>(), trigger => string.Join(",", trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant())));
        Assert.Equal(AdapterRoutes.Methods.OrderBy(p => p.Key), routes.OrderBy(p => p.Key));
    }

    // The host tries routes in the order of the function names (ordinal, ignoring case) and takes the first match: a
    // catch-all sorted before /readyz answered 405 for GET /readyz.
    [Fact]
    public async Task Metadata_CatchAllIsLastInTheHostsRouteOrderAndTakesEveryMethod()
    {
        var functions = await MetadataAsync();

        var inHostOrder = functions.OrderBy(function => function["name"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase).ToArray();
        var catchAll = Assert.Single(functions, function => function["bindings"]![0]!["route"]!.GetValue<string>() == "{*path}");
        Assert.Same(catchAll, inHostOrder[^1]);
        Assert.Null(catchAll["bindings"]![0]!["methods"]);
        Assert.All(functions, function => Assert.Equal("Anonymous", function["bindings"]![0]!["authLevel"]!.GetValue<string>()));
    }

    [Fact]
    public async Task HostJson_ProductionSettings()
    {
        await FunctionsHost.PublishAsync();
        var host = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(App, "host.json"), TestContext.Current.CancellationToken))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Equal("OpenTelemetry", host["telemetryMode"]!.GetValue<string>());
        Assert.Equal("Warning", host["logging"]!["logLevel"]!["default"]!.GetValue<string>());
        // Above the adapter's 200 s request deadline, so the adapter answers first; the front end cuts at 230 s anyway.
        var timeout = TimeSpan.Parse(host["functionTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(timeout, new ImageAdapter.Resilience.AdapterOptions().RequestDeadline + TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task LocalSettingsSample_RunsTheIsolatedWorkerWithoutTheHomePage()
    {
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json"), TestContext.Current.CancellationToken))!;

        Assert.Equal("dotnet-isolated", sample["Values"]!["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
        Assert.Equal("true", sample["Values"]!["AzureWebJobsDisableHomepage"]!.GetValue<string>());
    }

    private static async Task<JsonNode[]> MetadataAsync()
    {
        await FunctionsHost.PublishAsync();
        var text = await File.ReadAllTextAsync(Path.Combine(App, "functions.metadata"), TestContext.Current.CancellationToken);
        return [.. JsonNode.Parse(text)!.AsArray().Select(function => function!)];
    }
}
