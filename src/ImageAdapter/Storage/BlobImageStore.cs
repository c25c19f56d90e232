using System.Security.Cryptography;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ImageAdapter.Errors;
using ImageAdapter.Http;
using ImageAdapter.Translation;
using ImageAdapter.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Storage;

/// <summary>
/// Serves <c>response_format: url</c>: uploads each image as a new blob under an unguessable name
/// (<c>yyyy/MM/dd/&lt;128 random bits&gt;.png</c>) and returns a read-only URL to that one blob that expires after
/// <see cref="StorageOptions.UrlLifetime"/>. Blobs are never overwritten; deleting old ones is the account's
/// lifecycle policy's job.
/// </summary>
internal sealed class BlobImageStore(
    BlobServiceClient service,
    IBlobUrlSigner signer,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<BlobImageStore> logger) : IImageStore
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(options.Value.Container);
    private readonly SemaphoreSlim _containerCheck = new(1, 1);
    private volatile bool _containerReady = options.Value.UsesServiceUri; // In Azure the Bicep creates the container.

    public bool IsConfigured => true;

    public async Task<Uri> StoreAsync(ReadOnlyMemory<byte> image, ImageFormat format, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var blobName = $"{now:yyyy'/'MM'/'dd}/{RandomNumberGenerator.GetHexString(32, lowercase: true)}.{FireworksPaths.Name(format)}";
        var contentType = FireworksPaths.MediaType(format);
        var blob = _container.GetBlobClient(blobName);
        var step = StorageStep.CreateContainer;
        try
        {
            await EnsureContainerAsync(cancellationToken);
            step = StorageStep.Upload;
            await blob.UploadAsync(new BinaryData(image), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All }, // a new blob, never an overwrite
            }, cancellationToken);
            StorageLog.ImageStored(logger, _container.Name, blobName, image.Length, contentType);
            step = StorageStep.Sign;
            return await signer.SignAsync(blob, time.GetUtcNow() + options.Value.UrlLifetime, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Failure(exception, blobName, step);
        }
    }

    // Development storage (Azurite) starts empty: create the container once, on the first url request, not at start-up.
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        await _containerCheck.WaitAsync(cancellationToken);
        try
        {
            if (!_containerReady && await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken) is not null)
            {
                StorageLog.ContainerCreated(logger, _container.Name);
            }

            _containerReady = true;
        }
        finally
        {
            _containerCheck.Release();
        }
    }

    private AdapterException Failure(Exception exception, string blobName, StorageStep step)
    {
        var (status, code) = exception is RequestFailedException failed ? (failed.Status, failed.ErrorCode) : (0, null);

        // No kind names storage, and the upstream_* kinds speak of Fireworks, which did its job here. A store that
        // refuses us (no role, no container, identity unavailable) is the adapter's configuration, as with Key Vault:
        // AdapterNotConfigured (503). Anything else is a fault on our side of the call: InternalError (500); both are
        // server errors that OpenAI clients retry.
        if (status is 401 or 403 or 404 || exception is AuthenticationFailedException or CredentialUnavailableException)
        {
            StorageLog.StorageMisconfigured(logger, _container.Name, step, status, code);
            return new AdapterException(AdapterErrorKind.AdapterNotConfigured,
                "The adapter's image storage is not usable (see the server log). Use response_format 'b64_json'.", inner: exception);
        }

        StorageLog.StoreFailed(logger, _container.Name, blobName, step, status, code, exception);
        return new AdapterException(AdapterErrorKind.InternalError,
            "The image was generated but could not be stored for response_format 'url'. Retry, or use 'b64_json'.", inner: exception);
    }
}
