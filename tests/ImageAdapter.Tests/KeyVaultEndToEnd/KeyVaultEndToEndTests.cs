using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FireworksSimulator;
using ImageAdapter.Tests.KeyVault;
using ImageAdapter.Tests.Support;
using OpenAI.Images;

namespace ImageAdapter.Tests.KeyVaultEndToEnd;

/// <summary>
/// The server process as deployed: both secrets from Key Vault through the managed identity, callers using the
/// official OpenAI client. Each test runs its own vault, simulator and process.
/// </summary>
public abstract class KeyVaultEndToEndTests<THost>
    where THost : IHostKind
{
    private const string Model = "SSD-1B";
    private const int ParallelRequests = 100;
    private const int ParallelBatch = 20;

    /// <summary>Short enough that a test can outlive it; the waits below exceed it by a margin, they measure nothing.</summary>
    private static readonly Dictionary<string, string> ShortTtl = new() { ["KeyVault__CacheTtl"] = "00:00:01" };

    private static readonly TimeSpan PastShortTtl = TimeSpan.FromMilliseconds(1500);

    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_ColdStart_SucceedsWithOneVaultReadPerSecret()
    {
        await using var adapter = await StartAsync(vault => Fill(vault, SimulatorOptions.DefaultApiKey, "k1"));
        Assert.Equal(0, adapter.Vault.TotalReads);

        var result = await adapter.Images(Model, "k1").GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct);

        Assert.True(Images.IsPng(result.Value.ImageBytes.ToArray()));
        Assert.Equal((1, 1), (adapter.Vault.ReadsOf(VaultBackedAdapter.FireworksSecret), adapter.Vault.ReadsOf(VaultBackedAdapter.InboundSecret)));
        Assert.Equal($"Bearer {SimulatorOptions.DefaultApiKey}", Assert.Single(adapter.Simulator.State.Requests).Authorization);
        Assert.Equal(adapter.Environment.ClientId, adapter.Environment.Identity.LastClientId); // the user-assigned identity
    }

    [Fact]
    public async Task Generate_HundredParallelRequests_OneVaultReadPerSecret()
    {
        await using var adapter = await StartAsync(vault => Fill(vault, SimulatorOptions.DefaultApiKey, "k1"));
        var client = adapter.Images(Model, "k1");
        using var gate = new SemaphoreSlim(ParallelBatch);

        var results = await Task.WhenAll(Enumerable.Range(0, ParallelRequests).Select(async _ =>
        {
            await gate.WaitAsync(Ct);
            try
            {
                return (await client.GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct)).Value;
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(results, image => Assert.True(Images.IsPng(image.ImageBytes.ToArray())));
        Assert.Equal(ParallelRequests, adapter.Simulator.State.Requests.Count);
        Assert.Equal((1, 1), (adapter.Vault.ReadsOf(VaultBackedAdapter.FireworksSecret), adapter.Vault.ReadsOf(VaultBackedAdapter.InboundSecret)));
    }

    [Fact]
    public async Task Generate_FireworksKeyRotated_NextRequestUsesNewKeyWithoutRestart()
    {
        await using var adapter = await StartAsync(vault =>
        {
            Fill(vault, "fw-old", "k1");
            vault.Simulator.State.SetAcceptedKeys("fw-old");
        });
        var client = adapter.Images(Model, "k1");
        await client.GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct);

        adapter.Vault.SetSecret(VaultBackedAdapter.FireworksSecret, "fw-new");
        adapter.Simulator.State.SetAcceptedKeys("fw-new");
        var result = await client.GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct);

        Assert.True(Images.IsPng(result.Value.ImageBytes.ToArray()));
        var requests = adapter.Simulator.State.Requests;
        Assert.Equal(["Bearer fw-old", "Bearer fw-old", "Bearer fw-new"], requests.Select(r => r.Authorization));
        Assert.Equal(2, adapter.Vault.ReadsOf(VaultBackedAdapter.FireworksSecret));
    }

    [Theory]
    [InlineData(VaultOutage.ServerErrors)]
    [InlineData(VaultOutage.DropConnections)]
    public async Task Generate_VaultDownWithWarmCache_KeepsSucceeding(VaultOutage outage)
    {
        await using var adapter = await StartAsync(vault => Fill(vault, SimulatorOptions.DefaultApiKey, "k1"), ShortTtl);
        var client = adapter.Images(Model, "k1");
        await client.GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct);

        adapter.Vault.Outage = outage;
        await Task.Delay(PastShortTtl, Ct);
        for (var i = 0; i < 3; i++)
        {
            var result = await client.GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct);
            Assert.True(Images.IsPng(result.Value.ImageBytes.ToArray()));
        }

        // Proof the vault was tried and the cache, not luck, carried the requests.
        Assert.NotNull(await adapter.Process.WaitForLineAsync(["serving the value cached"], LogWait));
    }

    [Theory]
    [InlineData(VaultOutage.ServerErrors)]
    [InlineData(VaultOutage.DropConnections)]
    public async Task Generate_VaultDownCold_Returns503RevealingNothingOfTheVault(VaultOutage outage)
    {
        await using var adapter = await StartAsync(vault =>
        {
            Fill(vault, SimulatorOptions.DefaultApiKey, "k1");
            vault.Vault.Outage = outage;
        });

        var (status, body) = await PostAsync(adapter, "k1");

        await AssertNotConfiguredAsync(adapter, status, body);
        var error = await Assert.ThrowsAsync<ClientResultException>(
            () => adapter.Images(Model, "k1").GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct));
        Assert.Equal(503, error.Status);
        Assert.Empty(adapter.Simulator.State.Requests);
    }

    [Fact]
    public async Task Generate_IdentityLacksSecretsUserRole_Returns503AndLogsTheMissingRole()
    {
        await using var adapter = await StartAsync(vault =>
        {
            Fill(vault, SimulatorOptions.DefaultApiKey, "k1");
            vault.Vault.CallerHasRole = false;
        });

        var (status, body) = await PostAsync(adapter, "k1");

        await AssertNotConfiguredAsync(adapter, status, body);
        Assert.NotNull(await adapter.Process.WaitForLineAsync(["denied reading secret", "Key Vault Secrets User"], LogWait));
    }

    [Theory]
    [InlineData(VaultBackedAdapter.FireworksSecret, false, "does not exist")]
    [InlineData(VaultBackedAdapter.FireworksSecret, true, "is disabled")]
    [InlineData(VaultBackedAdapter.InboundSecret, false, "does not exist")]
    [InlineData(VaultBackedAdapter.InboundSecret, true, "is disabled")]
    public async Task Generate_SecretMissingOrDisabled_Returns503AndLogsWhy(string secret, bool disable, string logged)
    {
        await using var adapter = await StartAsync(vault =>
        {
            Fill(vault, SimulatorOptions.DefaultApiKey, "k1");
            if (disable)
            {
                vault.Vault.DisableSecret(secret);
            }
            else
            {
                vault.Vault.DeleteSecret(secret);
            }
        });

        var (status, body) = await PostAsync(adapter, "k1");

        await AssertNotConfiguredAsync(adapter, status, body);
        Assert.NotNull(await adapter.Process.WaitForLineAsync([secret, logged], LogWait));
        Assert.Empty(adapter.Simulator.State.Requests);
    }

    [Fact]
    public async Task Generate_TwoInboundKeys_BothAccepted()
    {
        await using var adapter = await StartAsync(vault => Fill(vault, SimulatorOptions.DefaultApiKey, "k1\nk2"));

        var first = await adapter.Images(Model, "k1").GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct);
        var second = await adapter.Images(Model, "k2").GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct);

        Assert.True(Images.IsPng(first.Value.ImageBytes.ToArray()));
        Assert.True(Images.IsPng(second.Value.ImageBytes.ToArray()));
        var (status, _) = await PostAsync(adapter, "k3");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Generate_KeyRemovedFromSecret_RejectedOnceTtlPassed()
    {
        await using var adapter = await StartAsync(vault => Fill(vault, SimulatorOptions.DefaultApiKey, "k1,k2"), ShortTtl);
        Assert.Equal(HttpStatusCode.OK, await ModelsStatusAsync(adapter, "k2"));

        adapter.Vault.SetSecret(VaultBackedAdapter.InboundSecret, "k1");
        await Task.Delay(PastShortTtl, Ct);

        var error = await Assert.ThrowsAsync<ClientResultException>(
            () => adapter.Images(Model, "k2").GenerateImageAsync("a red fox", new ImageGenerationOptions(), Ct));
        Assert.Equal(401, error.Status);
        var body = JsonNode.Parse(error.GetRawResponse()!.Content.ToString())!;
        Assert.Equal("invalid_api_key", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, await ModelsStatusAsync(adapter, "k1"));
        Assert.Empty(adapter.Simulator.State.Requests);
    }

    [Fact]
    public async Task Models_WithoutKey_Returns401WhileHealthzAnswersWithoutOne()
    {
        await using var adapter = await StartAsync(vault => Fill(vault, SimulatorOptions.DefaultApiKey, "k1"));

        Assert.Equal(HttpStatusCode.Unauthorized, await ModelsStatusAsync(adapter, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await ModelsStatusAsync(adapter, "wrong"));
        Assert.Equal(HttpStatusCode.OK, await ModelsStatusAsync(adapter, "k1"));
        using var health = await adapter.Http.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, adapter.Vault.ReadsOf(VaultBackedAdapter.FireworksSecret));
    }

    private static Task<VaultBackedAdapter> StartAsync(Action<VaultBackedAdapter> prepare, IReadOnlyDictionary<string, string>? settings = null) =>
        VaultBackedAdapter.StartAsync(prepare, settings, THost.Host, Ct);

    private static void Fill(VaultBackedAdapter adapter, string fireworksKey, string inboundKeys)
    {
        adapter.Vault.SetSecret(VaultBackedAdapter.FireworksSecret, fireworksKey);
        adapter.Vault.SetSecret(VaultBackedAdapter.InboundSecret, inboundKeys);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(VaultBackedAdapter adapter, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations")
        {
            Content = new StringContent($$"""{"model":"{{Model}}","prompt":"a red fox"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await adapter.Http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<HttpStatusCode> ModelsStatusAsync(VaultBackedAdapter adapter, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await adapter.Http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static async Task AssertNotConfiguredAsync(VaultBackedAdapter adapter, HttpStatusCode status, string body)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        await OpenApiSchemas.AssertValidAsync(body, "ErrorResponse");
        Assert.Equal("adapter_not_configured", JsonNode.Parse(body)!["error"]!["code"]!.GetValue<string>());
        foreach (var hidden in new[] { adapter.Vault.VaultUri.Authority, "127.0.0.1", "vault", VaultBackedAdapter.FireworksSecret, VaultBackedAdapter.InboundSecret })
        {
            Assert.DoesNotContain(hidden, body, StringComparison.OrdinalIgnoreCase);
        }
    }
}

public sealed class KeyVaultEndToEndTestsOnServer : KeyVaultEndToEndTests<OnServer>;

public sealed class KeyVaultEndToEndTestsOnFunctions : KeyVaultEndToEndTests<OnFunctions>;
