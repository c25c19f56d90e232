using ImageAdapter.Errors;

namespace ImageAdapter.Tests.KeyVault;

/// <summary>Drives every logging path of the Key Vault sources with sentinel values and checks none is ever logged.</summary>
[Collection(typeof(KeyVaultCollection))]
public sealed class SecretValueLoggingTests(KeyVaultEnvironment environment)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPath_SentinelSecretValues_NeverLogged()
    {
        const string FireworksSentinel = "SENTINEL-fw-7f3a9c";
        const string RotatedSentinel = "SENTINEL-fw-rotated-51be";
        const string InboundSentinel = "SENTINEL-inbound-c0ffee";
        var vault = environment.Vault;
        await using var harness = new SecretSourceHarness(environment);
        vault.SetSecret(harness.FireworksSecret, FireworksSentinel);
        vault.SetSecret(harness.InboundSecret, $"{InboundSentinel}\nsecond-{InboundSentinel}");

        await harness.Fireworks.GetKeyAsync(Ct);
        await harness.Inbound.GetKeysAsync(Ct);
        vault.SetSecret(harness.FireworksSecret, RotatedSentinel);
        await harness.Fireworks.RefreshKeyAsync(FireworksSentinel, Ct);
        await harness.Fireworks.RefreshKeyAsync(RotatedSentinel, Ct);
        foreach (var outage in new[] { VaultOutage.ServerErrors, VaultOutage.DropConnections })
        {
            vault.Outage = outage;
            harness.Time.Advance(TimeSpan.FromHours(1));
            await harness.Fireworks.GetKeyAsync(Ct);
            await harness.Inbound.GetKeysAsync(Ct);
        }

        vault.Outage = VaultOutage.None;
        vault.CallerHasRole = false;
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.Fireworks.GetKeyAsync(Ct);
        vault.CallerHasRole = true;
        vault.DisableSecret(harness.FireworksSecret);
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.Fireworks.GetKeyAsync(Ct);

        var logged = harness.LoggedText().ToList();
        Assert.True(logged.Count >= 8, $"expected the paths above to log, got {logged.Count} lines");
        foreach (var sentinel in new[] { "SENTINEL", FireworksSentinel, RotatedSentinel, InboundSentinel })
        {
            Assert.DoesNotContain(logged, line => line.Contains(sentinel, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ColdFailure_ErrorMessage_CarriesNoSecretOrVaultDetail()
    {
        await using var harness = new SecretSourceHarness(environment);
        environment.Vault.SetSecret(harness.FireworksSecret, "SENTINEL-fw-disabled");
        environment.Vault.DisableSecret(harness.FireworksSecret);

        var error = await Assert.ThrowsAsync<AdapterException>(() => harness.Fireworks.GetKeyAsync(Ct).AsTask());

        Assert.DoesNotContain("SENTINEL", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(environment.Vault.VaultUri.Authority, error.ToString(), StringComparison.Ordinal);
    }
}
