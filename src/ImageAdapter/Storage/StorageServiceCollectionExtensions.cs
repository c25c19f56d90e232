using Azure.Core;
using Azure.Storage.Blobs;
using ImageAdapter.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IImageStore"/>: <see cref="BlobImageStore"/> when <c>Storage:BlobServiceUri</c> or
    /// <c>Storage:ConnectionString</c> is set, else <see cref="NoImageStore"/> (<c>url</c> requests get a 400). One
    /// <see cref="BlobServiceClient"/> per process, created on first use; with a service URI it uses the process's one
    /// <see cref="TokenCredential"/> (registered by the secret sources). Options are validated at start.
    /// </summary>
    internal static IServiceCollection AddImageStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        var section = configuration.GetSection(StorageOptions.Section);
        services.AddOptions<StorageOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        if (string.IsNullOrWhiteSpace(section[nameof(StorageOptions.BlobServiceUri)])
            && string.IsNullOrWhiteSpace(section[nameof(StorageOptions.ConnectionString)]))
        {
            services.TryAddSingleton<IImageStore, NoImageStore>();
            return services;
        }

        services.TryAddSingleton(CreateServiceClient);
        services.TryAddSingleton(CreateSigner);
        services.TryAddSingleton<IImageStore, BlobImageStore>();
        return services;
    }

    private static BlobServiceClient CreateServiceClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        return options.BlobServiceUri is { } uri
            ? new BlobServiceClient(uri, services.GetRequiredService<TokenCredential>())
            : new BlobServiceClient(options.ConnectionString);
    }

    private static IBlobUrlSigner CreateSigner(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (!options.UsesServiceUri)
        {
            return new AccountKeyUrlSigner();
        }

        var client = services.GetRequiredService<BlobServiceClient>();
        var keys = UserDelegationKeyCache.For(
            client,
            options.UrlLifetime,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<UserDelegationKeyCache>>());
        return new UserDelegationUrlSigner(keys, client.AccountName);
    }
}
