using Azure.Core.Pipeline;
using Azure.Identity;
using ImageAdapter.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageAdapter.Tests.KeyVault;

/// <summary>In the Key Vault collection: some cases touch the process environment or the managed identity endpoint.</summary>
[Collection(typeof(KeyVaultCollection))]
public sealed class AzureCredentialFactoryTests(KeyVaultEnvironment environment)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("ManagedIdentityCredential")]
    [InlineData("managedidentitycredential")]
    public void Create_SelectionUnsetOrManagedIdentity_ReturnsManagedIdentityCredential(string? selection)
    {
        var credential = AzureCredentialFactory.Create(Configuration(new() { ["AZURE_TOKEN_CREDENTIALS"] = selection }));

        Assert.IsType<ManagedIdentityCredential>(credential);
    }

    [Fact]
    public void Create_DevSelected_ReturnsDefaultAzureCredential()
    {
        var saved = Environment.GetEnvironmentVariable("AZURE_TOKEN_CREDENTIALS");
        Environment.SetEnvironmentVariable("AZURE_TOKEN_CREDENTIALS", "dev");
        try
        {
            var credential = AzureCredentialFactory.Create(Configuration(new() { ["AZURE_TOKEN_CREDENTIALS"] = "dev" }));

            Assert.IsType<DefaultAzureCredential>(credential);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AZURE_TOKEN_CREDENTIALS", saved);
        }
    }

    [Fact]
    public async Task Create_NoClientId_UsesSystemAssignedIdentity()
    {
        environment.Vault.Reset();
        environment.Vault.SetSecret("fw-system-assigned", "fw-key");
        var configuration = Configuration(new()
        {
            ["KeyVault:Uri"] = environment.Vault.VaultUri.ToString(),
            ["KeyVault:FireworksApiKeySecret"] = "fw-system-assigned",
            ["KeyVault:DisableChallengeResourceVerification"] = "true",
            ["KeyVault:MaxRetries"] = "0",
        });
        await using var services = new ServiceCollection()
            .AddSingleton(new SecretClientCustomization(o => o.Transport = new HttpClientTransport(environment.Certificate.CreateTrustingHandler())))
            .AddSecretSources(configuration)
            .BuildServiceProvider();

        var key = await services.GetRequiredService<IFireworksKeySource>().GetKeyAsync(Ct);

        Assert.Equal("fw-key", key);
        Assert.True(string.IsNullOrEmpty(environment.Identity.LastClientId));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
