using ImageAdapter.Http;
using ImageAdapter.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace ImageAdapter.Tests.Security;

/// <summary>
/// Serving without a key is for a developer's machine: refused at start-up anywhere else, and a key list that holds
/// no key is a start-up error, not anonymous access. The real server process is started with the bad value.
/// </summary>
public sealed class AuthStartupTests
{
    [Theory]
    [InlineData("Production", null, null, true)]
    [InlineData("Development", null, null, false)]
    [InlineData("Production", null, "Development", false)]
    [InlineData("Development", "https://kv.vault.azure.net/", null, true)]
    public void Validate_AllowAnonymous_OnlyInDevelopmentWithoutAVault(string environment, string? vault, string? functionsEnvironment, bool refused)
    {
        var result = Validator(new Dictionary<string, string?>
        {
            ["KeyVault:Uri"] = vault,
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = functionsEnvironment,
        }, environment).Validate(null, new AuthOptions { AllowAnonymous = true });

        Assert.Equal(refused, result.Failed);
        Assert.True(!refused || result.FailureMessage!.Contains("Auth__AllowAnonymous", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(" , ", true)]
    [InlineData("\n", true)]
    [InlineData("", false)]
    [InlineData("key-1", false)]
    [InlineData(" key-1 , ", false)]
    public void Validate_KeyListThatHoldsNoKey_IsRefused(string keys, bool refused)
    {
        var result = Validator(new Dictionary<string, string?> { ["Auth:ApiKeys"] = keys }, "Production").Validate(null, new AuthOptions());

        Assert.Equal(refused, result.Failed);
        Assert.True(!refused || result.FailureMessage!.Contains("Auth__ApiKeys", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Auth__AllowAnonymous", "true", "Auth__AllowAnonymous")]
    [InlineData("Auth__ApiKeys", " , ", "Auth__ApiKeys")]
    public async Task Server_BadAuthSetting_ExitsNamingIt(string name, string value, string named)
    {
        var outcome = await ServerStartup.RunAsync(new Dictionary<string, string> { [name] = value, ["Fireworks__ApiKey"] = "fw-key" });

        Assert.True(outcome.ExitCode is not null and not 0, $"The server started (or exited 0) with {name}={value}:\n{outcome.Output}");
        Assert.Contains(named, outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_AnonymousInDevelopment_StartsAndWarns()
    {
        var outcome = await ServerStartup.RunAsync(
            new Dictionary<string, string> { ["Auth__AllowAnonymous"] = "true", ["Fireworks__ApiKey"] = "fw-key" }, environment: "Development");

        Assert.Null(outcome.ExitCode);
        Assert.Contains("Auth__AllowAnonymous is on", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_NoKeysAtAll_StartsAndSaysWhatToSet()
    {
        var outcome = await ServerStartup.RunAsync(new Dictionary<string, string>());

        Assert.Null(outcome.ExitCode);
        Assert.Contains("No inbound API key is configured", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("No Fireworks API key is configured", outcome.Output, StringComparison.Ordinal);
    }

    private static AuthOptionsValidator Validator(Dictionary<string, string?> settings, string environment) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new HostingEnvironment { EnvironmentName = environment });
}
