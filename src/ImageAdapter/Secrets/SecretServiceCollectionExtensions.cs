using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Secrets;

internal static class SecretServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IFireworksKeySource"/> and <see cref="IInboundKeySource"/>: from Key Vault when
    /// <c>KeyVault:Uri</c> is set, else from <c>Fireworks:ApiKey</c> / <c>Auth:ApiKeys</c>. With Key Vault: one
    /// <see cref="TokenCredential"/> (see <see cref="AzureCredentialFactory"/>) and one <see cref="SecretClient"/> per
    /// container, both created on first use, so start-up makes no network call. Everything is <c>TryAdd</c>:
    /// register a <see cref="TokenCredential"/>, <see cref="SecretClient"/> or <see cref="TimeProvider"/> first to
    /// replace it, or add <see cref="SecretClientCustomization"/>s to adjust the client options.
    /// </summary>
    internal static IServiceCollection AddSecretSources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);

        // Available to the whole process (e.g. Blob storage) even without Key Vault; built only if resolved.
        services.TryAddSingleton(_ => AzureCredentialFactory.Create(configuration));

        if (!KeyVaultOptions.IsConfigured(configuration))
        {
            return services.AddConfigurationSecretSources(configuration);
        }

        services.AddOptions<KeyVaultOptions>().Bind(configuration.GetSection(KeyVaultOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyVaultOptions>, KeyVaultOptionsValidator>());

        services.TryAddSingleton(sp => CreateSecretClient(sp));
        services.TryAddSingleton<IFireworksKeySource>(sp =>
            new KeyVaultFireworksKeySource(CreateCache(sp, o => o.FireworksApiKeySecret)));
        services.TryAddSingleton<IInboundKeySource>(sp =>
            new KeyVaultInboundKeySource(CreateCache(sp, o => o.AdapterApiKeysSecret)));
        return services;
    }

    private static IServiceCollection AddConfigurationSecretSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalSecretsOptions>().Configure(o =>
        {
            o.FireworksApiKey = configuration[LocalSecretsOptions.FireworksApiKeyKey];
            o.AdapterApiKeys = configuration[LocalSecretsOptions.AdapterApiKeysKey];
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<LocalSecretsOptions>>(
            new ConfigurationChangeTokenSource<LocalSecretsOptions>(configuration)));
        services.TryAddSingleton<IFireworksKeySource, ConfigurationFireworksKeySource>();
        services.TryAddSingleton<IInboundKeySource, ConfigurationInboundKeySource>();
        return services;
    }

    private static SecretClient CreateSecretClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KeyVaultOptions>>().Value;
        var clientOptions = new SecretClientOptions
        {
            DisableChallengeResourceVerification = options.DisableChallengeResourceVerification,
        };
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        foreach (var customization in services.GetServices<SecretClientCustomization>())
        {
            customization.Configure(clientOptions);
        }

        return new SecretClient(options.Uri!, services.GetRequiredService<TokenCredential>(), clientOptions);
    }

    private static KeyVaultSecretCache CreateCache(IServiceProvider services, Func<KeyVaultOptions, string> secretName)
    {
        var options = services.GetRequiredService<IOptions<KeyVaultOptions>>().Value;
        return new KeyVaultSecretCache(
            services.GetRequiredService<SecretClient>(),
            secretName(options),
            options.CacheTtl,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<KeyVaultSecretCache>>());
    }
}
