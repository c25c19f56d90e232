using System.Net;
using System.Text.Json.Nodes;
using ImageAdapter.Http;
using ImageAdapter.Storage;
using ImageAdapter.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Storage;

/// <summary>What <c>AddImageStorage</c> registers for each configuration, and what a user sees without storage.</summary>
public sealed class ImageStorageRegistrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_UrlFormatWithoutStorage_Returns400UnsupportedParameter()
    {
        await using var app = await AdapterApp.StartAsync();

        using var response = await app.PostGenerationAsync("""{"model":"SSD-1B","prompt":"a fox","response_format":"url"}""");

        var json = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(json)!["error"]!;
        Assert.Equal(("unsupported_parameter", "response_format"), (error["code"]!.GetValue<string>(), error["param"]!.GetValue<string>()));
        await OpenApiSchemas.AssertValidAsync(json, "ErrorResponse");
    }

    [Fact]
    public void AddImageStorage_BothServiceUriAndConnectionString_FailsStartupValidation()
    {
        using var services = Build(new()
        {
            ["Storage:BlobServiceUri"] = "https://account.blob.core.windows.net/",
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddImageStorage_NothingConfigured_StartupValidationPasses()
    {
        using var services = Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void AddImageStorage_NothingConfigured_RegistersNoImageStore()
    {
        using var services = Build([]);

        Assert.IsType<NoImageStore>(services.GetRequiredService<IImageStore>());
        Assert.Null(services.GetService<Azure.Storage.Blobs.BlobServiceClient>());
    }

    [Fact]
    public void AddImageStorage_ConnectionString_BlobStoreWithAccountKeySignerAndOneClient()
    {
        using var services = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });

        Assert.IsType<BlobImageStore>(services.GetRequiredService<IImageStore>());
        Assert.IsType<AccountKeyUrlSigner>(services.GetRequiredService<IBlobUrlSigner>());
        Assert.Same(services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>());
    }

    [Fact]
    public void AddImageStorage_ServiceUri_BlobStoreWithUserDelegationSigner()
    {
        var credential = new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.SystemAssigned);
        using var services = Build(new() { ["Storage:BlobServiceUri"] = "https://stimages.blob.core.windows.net/" }, credential);

        Assert.IsType<BlobImageStore>(services.GetRequiredService<IImageStore>());
        Assert.IsType<UserDelegationUrlSigner>(services.GetRequiredService<IBlobUrlSigner>());
        Assert.Equal("stimages", services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().AccountName);
    }

    [Fact]
    public void AddImageStorage_ServiceUriWithoutProcessCredential_DoesNotMakeItsOwn()
    {
        using var services = Build(new() { ["Storage:BlobServiceUri"] = "https://stimages.blob.core.windows.net/" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>());
        Assert.Contains("TokenCredential", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Azure.Core.TokenCredential? credential = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (credential is not null)
        {
            services.AddSingleton(credential);
        }

        services.AddImageStorage(configuration);
        return services.BuildServiceProvider();
    }
}
