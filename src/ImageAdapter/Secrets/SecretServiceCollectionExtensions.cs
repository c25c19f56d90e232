using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageAdapter.Secrets;

// TEMPORARY: replaced by the Key Vault work (branch kv).
internal static class SecretServiceCollectionExtensions
{
    public static IServiceCollection AddSecretSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IFireworksKeySource>(new TemporaryKeys(configuration));
        services.AddSingleton<IInboundKeySource>(new TemporaryKeys(configuration));
        return services;
    }

    private sealed class TemporaryKeys(IConfiguration configuration) : IFireworksKeySource, IInboundKeySource
    {
        public ValueTask<string> GetKeyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(configuration["Fireworks:ApiKey"] ?? "");

        public ValueTask<string> RefreshKeyAsync(string rejectedKey, CancellationToken cancellationToken) => GetKeyAsync(cancellationToken);

        public ValueTask<IReadOnlyList<string>> GetKeysAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<string>>((configuration["Auth:ApiKeys"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
