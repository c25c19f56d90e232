using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// The adapter library, hosted as the standalone server hosts it, on a loopback port, configured only by the settings
/// given here (no environment variables or appsettings files, so a developer's shell cannot change the run).
/// </summary>
internal sealed class AdapterUnderTest : IAsyncDisposable
{
    /// <summary>A catalogue row for a model Fireworks does not have, to see its not-found answer.</summary>
    public const string MissingModel = "livecheck-no-such-model";

    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly string _inboundKey;

    private AdapterUnderTest(WebApplication app, Uri baseUrl, string inboundKey)
    {
        _app = app;
        _inboundKey = inboundKey;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
    }

    public static async Task<AdapterUnderTest> StartAsync(
        Uri fireworksBaseUrl, string fireworksKey, IReadOnlyDictionary<string, string?> extraSettings, CancellationToken cancellationToken)
    {
        var inboundKey = "livecheck-" + Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Configuration.Sources.Clear();
        var settings = new Dictionary<string, string?>
        {
            ["Fireworks:BaseUrl"] = fireworksBaseUrl.AbsoluteUri,
            ["Fireworks:ApiKey"] = fireworksKey,
            ["Auth:ApiKeys"] = inboundKey,
            ["Models:Additional:0:Id"] = $"accounts/fireworks/models/{MissingModel}",
            ["Models:Additional:0:Family"] = "FluxWorkflow",
        };
        foreach (var (name, value) in extraSettings)
        {
            settings[name] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddImageAdapter(builder.Configuration);
        var app = builder.Build();
        app.MapImageAdapter();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new AdapterUnderTest(app, new Uri(address), inboundKey);
    }

    /// <summary>POSTs an OpenAI request body to <c>/v1/images/generations</c> and sums up the answer (never its images).</summary>
    public async Task<AdapterAnswer> GenerateAsync(string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AdapterRoutes.Generations)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _inboundKey);
        using var response = await _http.SendAsync(request, cancellationToken);
        var json = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var size = response.Headers.TryGetValues("x-image-size", out var values) ? values.FirstOrDefault() : null;
        return AdapterAnswer.Read((int)response.StatusCode, size, json);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
