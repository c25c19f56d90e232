using ImageAdapter.Errors;

namespace ImageAdapter.Tests.KeyVault;

[Collection(typeof(KeyVaultCollection))]
public sealed class KeyVaultInboundKeySourceTests(KeyVaultEnvironment environment)
{
    private readonly FakeKeyVault vault = environment.Vault;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetKeys_TwoKeysOnSeparateLines_ReturnsBoth()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.InboundSecret, " gateway-key-old \r\ngateway-key-new\n");

        var keys = await harness.Inbound.GetKeysAsync(Ct);

        Assert.Equal(["gateway-key-old", "gateway-key-new"], keys);
    }

    [Fact]
    public async Task GetKeys_KeyRemovedFromSecret_GoneOnlyAfterTtl()
    {
        await using var harness = new SecretSourceHarness(environment, TimeSpan.FromMinutes(5));
        vault.SetSecret(harness.InboundSecret, "gateway-key-old,gateway-key-new");
        await harness.Inbound.GetKeysAsync(Ct);
        vault.SetSecret(harness.InboundSecret, "gateway-key-new");

        harness.Time.Advance(TimeSpan.FromMinutes(4));
        var beforeTtl = await harness.Inbound.GetKeysAsync(Ct);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var afterTtl = await harness.Inbound.GetKeysAsync(Ct);

        Assert.Equal(["gateway-key-old", "gateway-key-new"], beforeTtl);
        Assert.Equal(["gateway-key-new"], afterTtl);
        Assert.Equal(2, vault.ReadsOf(harness.InboundSecret));
    }

    [Fact]
    public async Task GetKeys_SecretsCachedSeparately_OneReadEach()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.InboundSecret, "gateway-key");
        vault.SetSecret(harness.FireworksSecret, "fw-key");

        for (var i = 0; i < 5; i++)
        {
            await harness.Inbound.GetKeysAsync(Ct);
            await harness.Fireworks.GetKeyAsync(Ct);
        }

        Assert.Equal(1, vault.ReadsOf(harness.InboundSecret));
        Assert.Equal(1, vault.ReadsOf(harness.FireworksSecret));
    }

    [Fact]
    public async Task GetKeys_VaultDownCold_ThrowsAdapterNotConfigured()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.InboundSecret, "gateway-key");
        vault.Outage = VaultOutage.ServerErrors;

        var error = await Assert.ThrowsAsync<AdapterException>(() => harness.Inbound.GetKeysAsync(Ct).AsTask());

        Assert.Equal(AdapterErrorKind.AdapterNotConfigured, error.Kind);
        Assert.DoesNotContain("vault", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetKeys_VaultDownWithWarmCache_ServesCachedKeys()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.InboundSecret, "gateway-key");
        await harness.Inbound.GetKeysAsync(Ct);
        vault.Outage = VaultOutage.DropConnections;

        harness.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(["gateway-key"], await harness.Inbound.GetKeysAsync(Ct));
    }

    [Fact]
    public async Task GetKeys_IdentityLacksRole_ThrowsAdapterNotConfigured()
    {
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.InboundSecret, "gateway-key");
        vault.CallerHasRole = false;

        var error = await Assert.ThrowsAsync<AdapterException>(() => harness.Inbound.GetKeysAsync(Ct).AsTask());

        Assert.Equal(AdapterErrorKind.AdapterNotConfigured, error.Kind);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Message.Contains("Key Vault Secrets User", StringComparison.Ordinal));
    }
}
