namespace ImageAdapter.Tests.KeyVault;

/// <summary>Tests that use the managed identity environment variables: one shared environment, never in parallel with other tests.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class KeyVaultCollection : ICollectionFixture<KeyVaultEnvironment>;
