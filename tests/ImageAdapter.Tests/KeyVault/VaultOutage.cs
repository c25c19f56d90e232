namespace ImageAdapter.Tests.KeyVault;

/// <summary>How <see cref="FakeKeyVault"/> fails while it is "down".</summary>
public enum VaultOutage
{
    None,

    /// <summary>Every request gets 500: the SDK sees a service error.</summary>
    ServerErrors,

    /// <summary>Every connection is reset without an answer: the SDK sees a transport failure, as when the vault is unreachable.</summary>
    DropConnections,
}
