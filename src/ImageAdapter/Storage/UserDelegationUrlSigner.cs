using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace ImageAdapter.Storage;

/// <summary>
/// Azure (<c>Storage:BlobServiceUri</c> + managed identity): a user-delegation SAS, https only, signed with the cached
/// key of <see cref="UserDelegationKeyCache"/>. No account key exists anywhere: the Bicep disables shared-key access,
/// and the identity needs upload rights on the container and <c>generateUserDelegationKey</c> on the account (the Bicep
/// assigns Storage Blob Data Contributor on the images container and Storage Blob Delegator on the account).
/// </summary>
internal sealed class UserDelegationUrlSigner(UserDelegationKeyCache keys, string accountName) : IBlobUrlSigner
{
    public async ValueTask<Uri> SignAsync(BlobClient blob, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken);
        var sas = ReadOnlyBlobSas.For(blob.BlobContainerName, blob.Name, expiresOn, SasProtocol.Https)
            .ToSasQueryParameters(key, accountName);
        return new BlobUriBuilder(blob.Uri) { Sas = sas }.ToUri();
    }
}
