using Azure.Security.KeyVault.Secrets;

namespace ImageAdapter.Secrets;

/// <summary>
/// A change to the <see cref="SecretClientOptions"/> applied after the defaults from <see cref="KeyVaultOptions"/>.
/// Register any number as singletons; tests use one to plug in a transport that trusts their fake vault's
/// certificate and to turn off retries.
/// </summary>
internal sealed record SecretClientCustomization(Action<SecretClientOptions> Configure);
