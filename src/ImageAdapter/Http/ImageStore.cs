using ImageAdapter.Validation;

namespace ImageAdapter.Http;

/// <summary>Stores a generated image and returns a read-only URL for it (<c>response_format: url</c>).</summary>
internal interface IImageStore : IImageStoreAvailability
{
    Task<Uri> StoreAsync(ReadOnlyMemory<byte> image, ImageFormat format, CancellationToken cancellationToken);
}

/// <summary>The store used when no image storage is configured: <c>url</c> requests are refused during validation.</summary>
internal sealed class NoImageStore : IImageStore
{
    public bool IsConfigured => false;

    public Task<Uri> StoreAsync(ReadOnlyMemory<byte> image, ImageFormat format, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No image storage is configured.");
}
