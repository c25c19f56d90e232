namespace ImageAdapter.Http;

/// <summary>Settings under <c>Auth__*</c> (the keys themselves come from <c>Auth__ApiKeys</c> or Key Vault).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Serve requests without an inbound key. For local development only.</summary>
    public bool AllowAnonymous { get; set; }
}
