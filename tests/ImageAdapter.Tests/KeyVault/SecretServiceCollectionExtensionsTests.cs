using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using ImageAdapter.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImageAdapter.Tests.KeyVault;

public sealed class SecretServiceCollectionExtensionsTests
{
    private const string VaultUri = "https://kv-imageadapter.vault.azure.net/";

    [Fact]
    public void AddSecretSources_NoVaultUri_RegistersConfigurationSources()
    {
        using var services = Build(new() { ["KeyVault:Uri"] = " " });

        Assert.IsType<ConfigurationFireworksKeySource>(services.GetRequiredService<IFireworksKeySource>());
        Assert.IsType<ConfigurationInboundKeySource>(services.GetRequiredService<IInboundKeySource>());
        Assert.Null(services.GetService<SecretClient>());
    }

    [Fact]
    public void AddSecretSources_VaultUri_RegistersKeyVaultSourcesOverOneClient()
    {
        using var services = Build(new() { ["KeyVault:Uri"] = VaultUri, ["Fireworks:ApiKey"] = "ignored" });

        Assert.IsType<KeyVaultFireworksKeySource>(services.GetRequiredService<IFireworksKeySource>());
        Assert.IsType<KeyVaultInboundKeySource>(services.GetRequiredService<IInboundKeySource>());
        Assert.Same(services.GetRequiredService<SecretClient>(), services.GetRequiredService<SecretClient>());
        Assert.Equal(new Uri(VaultUri), services.GetRequiredService<SecretClient>().VaultUri);
    }

    [Fact]
    public void AddSecretSources_OnlyUriSet_DefaultsApply()
    {
        using var services = Build(new() { ["KeyVault:Uri"] = VaultUri });

        var options = services.GetRequiredService<IOptions<KeyVaultOptions>>().Value;

        Assert.Equal("fireworks-api-key", options.FireworksApiKeySecret);
        Assert.Equal("adapter-api-keys", options.AdapterApiKeysSecret);
        Assert.Equal(TimeSpan.FromMinutes(5), options.CacheTtl);
        Assert.Equal(3, options.MaxRetries);
        Assert.False(options.DisableChallengeResourceVerification);
    }

    [Fact]
    public void AddSecretSources_NoTimeProvider_RegistersSystemClock()
    {
        using var services = Build([]);

        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddSecretSources_TimeProviderRegisteredFirst_KeepsIt()
    {
        var fake = new FakeTimeProvider();
        var collection = new ServiceCollection().AddSingleton<TimeProvider>(fake);

        using var services = collection.AddSecretSources(Configuration([])).BuildServiceProvider();

        Assert.Same(fake, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddSecretSources_SecretClientCustomization_AppliedToClientOptions()
    {
        var applied = 0;
        var collection = new ServiceCollection()
            .AddSingleton(new SecretClientCustomization(o =>
            {
                Assert.Equal(0, o.Retry.MaxRetries);
                Assert.True(o.DisableChallengeResourceVerification);
                o.Transport = new HttpClientTransport(new HttpClient());
                applied++;
            }));
        collection.AddSecretSources(Configuration(new()
        {
            ["KeyVault:Uri"] = "https://127.0.0.1:8443/", // the verification may only be turned off for a local vault
            ["KeyVault:MaxRetries"] = "0",
            ["KeyVault:DisableChallengeResourceVerification"] = "true",
        }));

        using var services = collection.BuildServiceProvider();
        _ = services.GetRequiredService<SecretClient>();

        Assert.Equal(1, applied);
    }

    [Theory]
    [InlineData("KeyVault:DisableChallengeResourceVerification", "true", "loopback address")]
    [InlineData("KeyVault:Uri", "http://kv-imageadapter.vault.azure.net/", "absolute https URI")]
    [InlineData("KeyVault:Uri", "kv-imageadapter", "absolute https URI")]
    [InlineData("KeyVault:CacheTtl", "00:00:00", "CacheTtl")]
    [InlineData("KeyVault:CacheTtl", "-00:01:00", "CacheTtl")]
    [InlineData("KeyVault:FireworksApiKeySecret", "fireworks_api_key", "FireworksApiKeySecret")]
    [InlineData("KeyVault:AdapterApiKeysSecret", "", "AdapterApiKeysSecret")]
    [InlineData("KeyVault:MaxRetries", "-1", "MaxRetries")]
    public void AddSecretSources_InvalidSetting_FailsAtStartup(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["KeyVault:Uri"] = VaultUri, [key] = value };
        using var services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecretSources_ValidSettings_PassStartupValidationWithoutVaultCall()
    {
        using var services = Build(new() { ["KeyVault:Uri"] = VaultUri, ["KeyVault:CacheTtl"] = "00:15:00" });

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(TimeSpan.FromMinutes(15), services.GetRequiredService<IOptions<KeyVaultOptions>>().Value.CacheTtl);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddSecretSources(Configuration(settings)).BuildServiceProvider();

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
