using ImageAdapter.Errors;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Tests.KeyVault;

[Collection(typeof(KeyVaultCollection))]
public sealed class KeyVaultFireworksKeySourceTests(KeyVaultEnvironment environment)
{
    private readonly FakeKeyVault vault = environment.Vault;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetKey_ColdCache_ReadsVaultThroughManagedIdentity()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");

        var key = await harness.Fireworks.GetKeyAsync(Ct);

        Assert.Equal("fw-key-1", key);
        Assert.Equal(1, vault.ReadsOf(harness.FireworksSecret));
        Assert.Contains(environment.ClientId, environment.Identity.ClientIdsSeen); // the user-assigned identity
        Assert.Equal("https://vault.azure.net", environment.Identity.LastResource);
    }

    [Fact]
    public async Task Resolve_BeforeFirstGet_MakesNoVaultCall()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");

        _ = harness.Fireworks;
        _ = harness.Inbound;

        Assert.Equal(0, vault.TotalReads);
        Assert.Equal(0, vault.Challenges);
    }

    [Fact]
    public async Task GetKey_HundredConcurrentCallers_OneVaultRead()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        var source = harness.Fireworks;

        var keys = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => source.GetKeyAsync(Ct).AsTask(), Ct)));

        Assert.All(keys, k => Assert.Equal("fw-key-1", k));
        Assert.Equal(1, vault.ReadsOf(harness.FireworksSecret));
    }

    [Fact]
    public async Task GetKey_ColdThenWarm_RecordsOneMissThenHits()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        using var lookups = new MetricCollector<long>(null, "ImageAdapter", "image_adapter.secret_cache.lookups");

        for (var i = 0; i < 3; i++)
        {
            await harness.Fireworks.GetKeyAsync(Ct);
        }

        var results = lookups.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags["image_adapter.secret"], harness.FireworksSecret))
            .Select(m => (string)m.Tags["image_adapter.cache.result"]!);
        Assert.Equal(["miss", "hit", "hit"], results);
    }

    [Fact]
    public async Task GetKey_WithinTtl_ServedFromCache()
    {
        await using var harness = new SecretSourceHarness(environment, TimeSpan.FromMinutes(5));
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        await harness.Fireworks.GetKeyAsync(Ct);
        vault.SetSecret(harness.FireworksSecret, "fw-key-2");

        harness.Time.Advance(TimeSpan.FromMinutes(4));
        var key = await harness.Fireworks.GetKeyAsync(Ct);

        Assert.Equal("fw-key-1", key);
        Assert.Equal(1, vault.ReadsOf(harness.FireworksSecret));
    }

    [Fact]
    public async Task GetKey_TtlExpired_ReloadsOnceForConcurrentCallers()
    {
        await using var harness = new SecretSourceHarness(environment, TimeSpan.FromMinutes(5));
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        var source = harness.Fireworks;
        await source.GetKeyAsync(Ct);
        vault.SetSecret(harness.FireworksSecret, "fw-key-2");

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var keys = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => source.GetKeyAsync(Ct).AsTask(), Ct)));

        Assert.All(keys, k => Assert.Equal("fw-key-2", k));
        Assert.Equal(2, vault.ReadsOf(harness.FireworksSecret));
    }

    [Fact]
    public async Task RefreshKey_SecretRotated_ReturnsNewKeyWithOneRead()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        var source = harness.Fireworks;
        var old = await source.GetKeyAsync(Ct);
        vault.SetSecret(harness.FireworksSecret, "fw-key-2");

        var refreshed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => source.RefreshKeyAsync(old, Ct).AsTask(), Ct)));

        Assert.All(refreshed, k => Assert.Equal("fw-key-2", k));
        Assert.Equal("fw-key-2", await source.GetKeyAsync(Ct));
        Assert.Equal(2, vault.ReadsOf(harness.FireworksSecret));
    }

    [Fact]
    public async Task RefreshKey_CachedKeyAlreadyNewer_ReturnsItWithoutRead()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-2");
        var source = harness.Fireworks;
        await source.GetKeyAsync(Ct);

        var key = await source.RefreshKeyAsync("fw-key-1", Ct);

        Assert.Equal("fw-key-2", key);
        Assert.Equal(1, vault.ReadsOf(harness.FireworksSecret));
    }

    [Fact]
    public async Task RefreshKey_VaultStillHoldsRejectedKey_DoesNotReadAgainAtOnce()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        var source = harness.Fireworks;
        await source.GetKeyAsync(Ct);

        Assert.Equal("fw-key-1", await source.RefreshKeyAsync("fw-key-1", Ct));
        Assert.Equal("fw-key-1", await source.RefreshKeyAsync("fw-key-1", Ct));

        Assert.Equal(2, vault.ReadsOf(harness.FireworksSecret));
    }

    [Theory]
    [InlineData(VaultOutage.ServerErrors)]
    [InlineData(VaultOutage.DropConnections)]
    public async Task GetKey_VaultDownWithWarmCache_ServesCachedKeyAndWarns(VaultOutage outage)
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        await harness.Fireworks.GetKeyAsync(Ct);
        vault.Outage = outage;

        harness.Time.Advance(TimeSpan.FromMinutes(6));
        var key = await harness.Fireworks.GetKeyAsync(Ct);
        var again = await harness.Fireworks.GetKeyAsync(Ct);

        Assert.Equal("fw-key-1", key);
        Assert.Equal("fw-key-1", again);
        var warning = Assert.Single(harness.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains(harness.FireworksSecret, warning.Message);
        Assert.Contains("serving the value cached", warning.Message);
    }

    [Fact]
    public async Task GetKey_OneWaitingCallerCancelled_SharedReadStillServesOthers()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        var release = new TaskCompletionSource();
        vault.HoldReadsUntil = release.Task;
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var source = harness.Fireworks;

        var impatient = source.GetKeyAsync(cancelled.Token).AsTask();
        var patient = source.GetKeyAsync(Ct).AsTask();
        await Hardening.HardeningClient.WaitUntilAsync(() => vault.ReadsOf(harness.FireworksSecret) == 1, TimeSpan.FromSeconds(30));
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.False(patient.IsCompleted); // the read is still held: cancelling one caller did not end it
        release.SetResult();
        Assert.Equal("fw-key-1", await patient);
        Assert.Equal(1, vault.ReadsOf(harness.FireworksSecret));
    }

    [Fact]
    public async Task GetKey_RoleRemovedWithWarmCache_ServesCachedKeyAndLogsSecretsUserHint()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        await harness.Fireworks.GetKeyAsync(Ct);
        vault.CallerHasRole = false;

        harness.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal("fw-key-1", await harness.Fireworks.GetKeyAsync(Ct));
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Message.Contains("Key Vault Secrets User", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("AccessDenied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetKey_VaultBackAfterOutage_ReadsAgainAfterBackoff()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        await harness.Fireworks.GetKeyAsync(Ct);
        vault.Outage = VaultOutage.ServerErrors;
        harness.Time.Advance(TimeSpan.FromMinutes(6));
        await harness.Fireworks.GetKeyAsync(Ct);
        vault.Outage = VaultOutage.None;
        vault.SetSecret(harness.FireworksSecret, "fw-key-2");

        harness.Time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal("fw-key-2", await harness.Fireworks.GetKeyAsync(Ct));
    }

    [Theory]
    [InlineData(VaultOutage.ServerErrors)]
    [InlineData(VaultOutage.DropConnections)]
    public async Task GetKey_VaultDownCold_ThrowsAdapterNotConfigured(VaultOutage outage)
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        vault.Outage = outage;

        var error = await Assert.ThrowsAsync<AdapterException>(() => harness.Fireworks.GetKeyAsync(Ct).AsTask());

        Assert.Equal(AdapterErrorKind.AdapterNotConfigured, error.Kind);
        AssertRevealsNoVaultDetail(error, harness);
    }

    [Fact]
    public async Task GetKey_IdentityLacksRole_ThrowsAndLogsSecretsUserHint()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        vault.CallerHasRole = false;

        var error = await Assert.ThrowsAsync<AdapterException>(() => harness.Fireworks.GetKeyAsync(Ct).AsTask());

        Assert.Equal(AdapterErrorKind.AdapterNotConfigured, error.Kind);
        AssertRevealsNoVaultDetail(error, harness);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Level == LogLevel.Error
            && r.Message.Contains("Key Vault Secrets User", StringComparison.Ordinal)
            && r.Message.Contains(harness.FireworksSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetKey_SecretMissing_ThrowsAndLogsNotFound()
    {
        await using var harness = new SecretSourceHarness(environment);

        var error = await Assert.ThrowsAsync<AdapterException>(() => harness.Fireworks.GetKeyAsync(Ct).AsTask());

        Assert.Equal(AdapterErrorKind.AdapterNotConfigured, error.Kind);
        AssertRevealsNoVaultDetail(error, harness);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetKey_SecretDisabled_ThrowsAndLogsDisabled()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, "fw-key-1");
        vault.DisableSecret(harness.FireworksSecret);

        var error = await Assert.ThrowsAsync<AdapterException>(() => harness.Fireworks.GetKeyAsync(Ct).AsTask());

        Assert.Equal(AdapterErrorKind.AdapterNotConfigured, error.Kind);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Message.Contains("is disabled", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.GetSnapshot(), r => r.Message.Contains("Key Vault Secrets User", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetKey_FailedColdThenVaultFixed_ReadsAgain()
    {
        await using var harness = new SecretSourceHarness(environment);
        await Assert.ThrowsAsync<AdapterException>(() => harness.Fireworks.GetKeyAsync(Ct).AsTask());

        vault.SetSecret(harness.FireworksSecret, "fw-key-1");

        Assert.Equal("fw-key-1", await harness.Fireworks.GetKeyAsync(Ct));
    }

    private static void AssertRevealsNoVaultDetail(AdapterException error, SecretSourceHarness harness)
    {
        Assert.DoesNotContain(harness.FireworksSecret, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vault", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }
}
