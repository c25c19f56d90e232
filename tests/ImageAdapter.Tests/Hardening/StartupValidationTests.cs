using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// A bad setting stops the real server process at start-up with a message naming the setting, instead of a server that
/// starts and then fails every request. One row per kind of mistake, across every settings section.
/// </summary>
public sealed class StartupValidationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Fireworks__BaseUrl", "notaurl", "Fireworks__BaseUrl" },
        { "Fireworks__CallTimeout", "soon", "Fireworks:CallTimeout" },
        { "Fireworks__CallTimeout", "00:00:00", "CallTimeout" },
        { "Fireworks__MaxParallelCalls", "0", "MaxParallelCalls" },
        { "Fireworks__MaxImageBytes", "5", "MaxImageBytes" },
        { "Models__Default", "nope", "Models:Default" },
        { "Models__Aliases__foo", "bar", "Models:Aliases:foo" },
        { "Models__Additional__0__Id", "not-an-id", "Models__Additional__0__Id" },
        { "Limits__MaxJsonDepth", "0", "MaxJsonDepth" },
        { "Usage__PixelsPerOutputToken", "0", "PixelsPerOutputToken" },
        { "Adapter__MaxConcurrentGenerations", "0", "MaxConcurrentGenerations" },
        { "Adapter__CircuitFailureRatio", "2", "CircuitFailureRatio" },
        { "KeyVault__Uri", "http://kv.example", "KeyVault:Uri" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Server_BadSetting_ExitsNamingIt(string name, string value, string named)
    {
        var settings = new Dictionary<string, string>
        {
            ["Fireworks__ApiKey"] = "fw-key",
            ["Auth__ApiKeys"] = "adapter-key",
            [name] = value,
        };
        if (name.StartsWith("Models__Additional__0__", StringComparison.Ordinal))
        {
            settings["Models__Additional__0__Family"] = "FluxWorkflow";
        }

        var outcome = await ServerStartup.RunAsync(settings);

        Assert.True(outcome.ExitCode is not null and not 0, $"The server started (or exited 0) with {name}={value}:\n{outcome.Output}");
        Assert.Contains(named, outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Functions_BadSetting_WorkerRefusesToStartNamingIt()
    {
        await using var host = await AdapterProcess.StartAsync(new Dictionary<string, string>
        {
            ["Fireworks__ApiKey"] = "fw-key",
            ["Auth__ApiKeys"] = "adapter-key",
            ["Models__Default"] = "nope",
        }, TestContext.Current.CancellationToken, AdapterHost.Functions, waitForHealth: false);

        // The worker exits at start-up; the host prints why, and serves no function.
        Assert.NotNull(await host.WaitForLineAsync(["OptionsValidationException", "Models:Default is 'nope'"], TimeSpan.FromSeconds(90)));
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var answer = await Record.ExceptionAsync(async () =>
        {
            using var response = await http.GetAsync("/healthz", TestContext.Current.CancellationToken);
            Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
        });
        Assert.True(answer is null or HttpRequestException or TaskCanceledException, answer?.ToString());
    }

    [Fact]
    public async Task Server_GoodSettings_Starts()
    {
        var outcome = await ServerStartup.RunAsync(new Dictionary<string, string>
        {
            ["Fireworks__ApiKey"] = "fw-key",
            ["Auth__ApiKeys"] = "adapter-key",
            ["Models__Aliases__fast"] = "flux-1-schnell-fp8",
            ["Models__Default"] = "fast",
        });

        Assert.True(outcome.ExitCode is null, outcome.Output);
    }
}
