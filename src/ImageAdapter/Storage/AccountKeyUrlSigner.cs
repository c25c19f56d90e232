using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace ImageAdapter.Storage;

/// <summary>
/// Development only (<c>Storage:ConnectionString</c>, Azurite): a service SAS signed locally with the account key.
/// Azurite speaks http, so http is allowed when the endpoint itself is http; an https endpoint gets https-only URLs.
/// </summary>
internal sealed class AccountKeyUrlSigner : IBlobUrlSigner
{
    public ValueTask<Uri> SignAsync(BlobClient blob, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        if (!blob.CanGenerateSasUri)
        {
            throw new InvalidOperationException("Storage:ConnectionString has no account key, so no SAS can be signed.");
        }

        var protocol = blob.Uri.Scheme == Uri.UriSchemeHttp ? SasProtocol.HttpsAndHttp : SasProtocol.Https;
        return ValueTask.FromResult(blob.GenerateSasUri(ReadOnlyBlobSas.For(blob.BlobContainerName, blob.Name, expiresOn, protocol)));
    }
}
