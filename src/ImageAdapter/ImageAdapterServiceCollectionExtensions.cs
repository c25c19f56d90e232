using ImageAdapter.Catalogue;
using ImageAdapter.Fireworks;
using ImageAdapter.Health;
using ImageAdapter.Http;
using ImageAdapter.Resilience;
using ImageAdapter.Secrets;
using ImageAdapter.Telemetry;
using ImageAdapter.Translation;
using ImageAdapter.Usage;
using ImageAdapter.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageAdapter;

/// <summary>Registers the whole adapter; both hosts call this and then map the routes.</summary>
public static class ImageAdapterServiceCollectionExtensions
{
    public static IServiceCollection AddImageAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        // The adapter logs each retry, circuit change and upstream failure once, in its own words (FireworksResilience,
        // FireworksImageClient). Polly's per-attempt records (with stack traces) and HttpClient's per-call lines would
        // repeat them many times over; a provider-specific rule in configuration can still turn them on.
        services.AddLogging(logging => logging.AddFilter("Polly", LogLevel.Error).AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));
        AddValidatedOptions<FireworksOptions>(services, configuration, FireworksOptions.Section);
        AddValidatedOptions<ModelsOptions>(services, configuration, ModelsOptions.Section);
        services.AddSingleton<IValidateOptions<ModelsOptions>, ModelsOptionsValidator>();
        services.AddSingleton<IValidateOptions<FireworksOptions>, FireworksOptionsValidator>();
        AddValidatedOptions<LimitsOptions>(services, configuration, LimitsOptions.Section);
        AddValidatedOptions<UsageOptions>(services, configuration, UsageOptions.Section);
        AddValidatedOptions<AuthOptions>(services, configuration, AuthOptions.Section);
        services.AddSingleton<IValidateOptions<AuthOptions>>(provider => new AuthOptionsValidator(configuration, provider.GetService<IHostEnvironment>()));
        AddValidatedOptions<AdapterOptions>(services, configuration, AdapterOptions.Section);
        services.AddSingleton<IValidateOptions<AdapterOptions>, ImageBytesBudgetValidator>();
        services.AddSingleton<IValidateOptions<AdapterOptions>>(new ReplacedSettingsValidator(configuration));

        services.AddSecretSources(configuration);
        Storage.StorageServiceCollectionExtensions.AddImageStorage(services, configuration); // NoImageStore unless Storage:* is set
        services.AddSingleton<IImageStoreAvailability>(provider => provider.GetRequiredService<IImageStore>());

        services.AddSingleton<ModelCatalogue>();
        services.AddSingleton<ImageRequestValidator>();
        services.AddSingleton<IFamilyTranslator, SdxlTranslator>();
        services.AddSingleton<IFamilyTranslator, FluxWorkflowTranslator>();
        services.AddSingleton<IFamilyTranslator, KontextTranslator>();
        services.AddSingleton<UsageCalculator>();
        services.AddHostedService<UnpricedModelsWarning>();

        services.AddHttpClient<FireworksImageClient>(FireworksImageClient.HttpClientName, (provider, http) =>
            {
                var baseUrl = provider.GetRequiredService<IOptions<FireworksOptions>>().Value.BaseUrl.AbsoluteUri;
                http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                http.Timeout = Timeout.InfiniteTimeSpan; // FireworksOptions.CallTimeout applies per call.
            })
            // Redirects are not followed: a redirect could lead a Kontext download to a host that is not allowed.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddFireworksResilience();
        services.AddHttpClient(FireworksImageClient.SampleHttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = new PublicAddressConnector(
                    provider.GetRequiredService<IOptions<FireworksOptions>>().Value,
                    provider.GetRequiredService<ILogger<PublicAddressConnector>>()).ConnectAsync,
            })
            .AddFireworksResilience();
        services.AddSingleton<ImageMemoryBudget>();
        services.AddSingleton<GenerationLimiter>();
        services.AddSingleton<AdapterTelemetry>();
        services.AddImageAdapterTelemetry(configuration);
        services.AddSingleton<ReadinessProbe>();
        services.AddHostedService<StartupWarnings>();
        services.AddSingleton<KontextPoller>();
        services.AddSingleton<ImageGenerator>();

        services.AddSingleton<InboundAuthenticator>();
        services.AddSingleton<AdapterEndpoint>();
        services.AddSingleton<RequestBodyReader>();
        services.AddSingleton<EditFormReader>();
        services.AddSingleton<ImageResponseBuilder>();
        services.AddSingleton<ImageGenerationsHandler>();
        services.AddSingleton<ModelsHandler>();
        services.AddSingleton(provider => new AdapterHttpHandlers(
            provider.GetRequiredService<ImageGenerationsHandler>(), provider.GetRequiredService<ModelsHandler>(), provider.GetRequiredService<AdapterEndpoint>(),
            provider.GetRequiredService<ReadinessProbe>()));
        return services;
    }

    private static void AddValidatedOptions<TOptions>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SettingsAnnotationsValidator<TOptions>(section));
    }
}
