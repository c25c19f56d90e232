using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using ImageAdapter.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Storage;

/// <summary>
/// Start-up checks of the <c>Storage</c> section, so a typo fails the deployment, not the first <c>url</c> request. Given
/// the configuration (as registered), also the settings of the credential a service URI is used with.
/// </summary>
internal sealed partial class StorageOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<StorageOptions>
{
    /// <summary>
    /// Upper bound of <see cref="StorageOptions.UrlLifetime"/>. A user delegation key lives at most 7 days and is
    /// requested for about twice the URL lifetime (<see cref="UserDelegationKeyCache.KeyLifetime"/>), so one day keeps
    /// well inside that.
    /// </summary>
    public static readonly TimeSpan MaxUrlLifetime = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (options.BlobServiceUri is not null && hasConnectionString)
        {
            failures.Add("Set either Storage:BlobServiceUri (Azure, managed identity) or Storage:ConnectionString (development), not both.");
        }

        if (options.BlobServiceUri is { } uri && (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Storage:BlobServiceUri must be an absolute https URI such as https://<account>.blob.core.windows.net/.");
        }

        if (options.BlobServiceUri is not null && configuration is not null)
        {
            failures.AddRange(KeyVaultOptionsValidator.CredentialFailures(configuration));
        }

        if (hasConnectionString && !IsParsable(options.ConnectionString!))
        {
            failures.Add("Storage:ConnectionString is not a valid storage connection string.");
        }

        if (!ContainerName().IsMatch(options.Container ?? "") || options.Container!.Contains("--", StringComparison.Ordinal))
        {
            failures.Add("Storage:Container must be 3-63 lowercase letters, digits or single dashes, starting and ending with a letter or digit.");
        }

        if (options.UrlLifetime < TimeSpan.FromSeconds(1) || options.UrlLifetime > MaxUrlLifetime)
        {
            failures.Add("Storage:UrlLifetime must be between 00:00:01 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Parsing is local (no network call); the message of a FormatException could echo the key, so it is not kept.
    private static bool IsParsable(string connectionString)
    {
        try
        {
            _ = new BlobServiceClient(connectionString);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    // Azure's rule for container names; the double dash is checked separately.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\z")]
    private static partial Regex ContainerName();
}
