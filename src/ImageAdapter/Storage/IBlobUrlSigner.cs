using Azure.Storage.Blobs;

namespace ImageAdapter.Storage;

/// <summary>Makes the read-only, expiring URL of one stored blob (see <see cref="ReadOnlyBlobSas"/>).</summary>
internal interface IBlobUrlSigner
{
    ValueTask<Uri> SignAsync(BlobClient blob, DateTimeOffset expiresOn, CancellationToken cancellationToken);
}
