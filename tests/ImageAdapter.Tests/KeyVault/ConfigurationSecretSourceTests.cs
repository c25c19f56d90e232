using ImageAdapter.Errors;
using ImageAdapter.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageAdapter.Tests.KeyVault;

public sealed class ConfigurationSecretSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetKey_FireworksApiKeySet_ReturnsIt()
    {
        using var services = Build(new() { ["Fireworks:ApiKey"] = " fw-local " });

        Assert.Equal("fw-local", await services.GetRequiredService<IFireworksKeySource>().GetKeyAsync(Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task GetKey_FireworksApiKeyMissing_ThrowsAdapterNotConfigured(string? value)
    {
        using var services = Build(new() { ["Fireworks:ApiKey"] = value });

        var error = await Assert.ThrowsAsync<AdapterException>(
            () => services.GetRequiredService<IFireworksKeySource>().GetKeyAsync(Ct).AsTask());

        Assert.Equal(AdapterErrorKind.AdapterNotConfigured, error.Kind);
    }

    [Fact]
    public async Task RefreshKey_ConfigurationChanged_ReturnsNewKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Fireworks:ApiKey"] = "fw-1" }).Build();
        using var services = new ServiceCollection().AddSecretSources(configuration).BuildServiceProvider();
        var source = services.GetRequiredService<IFireworksKeySource>();
        var old = await source.GetKeyAsync(Ct);

        configuration["Fireworks:ApiKey"] = "fw-2";
        configuration.Reload();

        Assert.Equal("fw-2", await source.RefreshKeyAsync(old, Ct));
    }

    [Fact]
    public async Task GetKeys_CommaSeparated_ReturnsTrimmedKeys()
    {
        using var services = Build(new() { ["Auth:ApiKeys"] = "k1, k2 ,,k3" });

        Assert.Equal(["k1", "k2", "k3"], await services.GetRequiredService<IInboundKeySource>().GetKeysAsync(Ct));
    }

    [Fact]
    public async Task GetKeys_NotConfigured_ReturnsEmpty()
    {
        using var services = Build([]);

        Assert.Empty(await services.GetRequiredService<IInboundKeySource>().GetKeysAsync(Ct));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSecretSources(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
