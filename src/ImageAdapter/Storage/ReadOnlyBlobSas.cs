using Azure.Storage.Sas;

namespace ImageAdapter.Storage;

/// <summary>
/// The one shape of SAS this adapter hands out: read only, on one blob, no start time (so a client clock a little
/// behind Azure's is not refused), expiring after <see cref="StorageOptions.UrlLifetime"/>.
/// </summary>
internal static class ReadOnlyBlobSas
{
    public static BlobSasBuilder For(string container, string blobName, DateTimeOffset expiresOn, SasProtocol protocol)
    {
        var builder = new BlobSasBuilder
        {
            BlobContainerName = container,
            BlobName = blobName,
            Resource = "b",
            ExpiresOn = expiresOn,
            Protocol = protocol,
        };
        builder.SetPermissions(BlobSasPermissions.Read);
        return builder;
    }
}
