namespace ImageAdapter.Storage;

/// <summary>
/// The <c>Storage</c> section: where <c>response_format: url</c> images go. Configured when exactly one of
/// <see cref="BlobServiceUri"/> (Azure, managed identity) or <see cref="ConnectionString"/> (development, Azurite) is
/// set; with neither, <c>url</c> requests are refused with 400 <c>unsupported_parameter</c>.
/// </summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// <c>Storage:BlobServiceUri</c>, e.g. <c>https://stimageadapter.blob.core.windows.net/</c>. Used with the process's
    /// one <see cref="Azure.Core.TokenCredential"/>; URLs carry a user-delegation SAS.
    /// </summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>
    /// <c>Storage:ConnectionString</c>: account-key connection string, for development against Azurite only. URLs carry
    /// a service SAS signed with the account key.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Storage:Container</c>: the container images are written to. In Azure the Bicep creates it.</summary>
    public string Container { get; set; } = "images";

    /// <summary><c>Storage:UrlLifetime</c>: how long a returned URL works; OpenAI documents 60 minutes for its own URLs.</summary>
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromMinutes(60);

    public bool UsesServiceUri => BlobServiceUri is not null;

    public bool IsConfigured => BlobServiceUri is not null || !string.IsNullOrWhiteSpace(ConnectionString);
}
