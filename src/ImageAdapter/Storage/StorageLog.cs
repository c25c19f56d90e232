using Microsoft.Extensions.Logging;

namespace ImageAdapter.Storage;

/// <summary>Log lines of the image store. They name containers, blobs and statuses; never a SAS or a signed URL.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(1, LogLevel.Information, "Stored image {BlobName} ({Bytes} bytes, {ContentType}) in container {Container}")]
    public static partial void ImageStored(ILogger logger, string container, string blobName, int bytes, string contentType);

    [LoggerMessage(2, LogLevel.Information, "Obtained a user delegation key valid until {ExpiresOn:O}")]
    public static partial void DelegationKeyObtained(ILogger logger, DateTimeOffset expiresOn);

    [LoggerMessage(3, LogLevel.Information, "Created missing container {Container} (development storage)")]
    public static partial void ContainerCreated(ILogger logger, string container);

    [LoggerMessage(4, LogLevel.Error,
        "Storing image {BlobName} in container {Container} failed during {Step} (status {Status}, code {ErrorCode})")]
    public static partial void StoreFailed(
        ILogger logger, string container, string blobName, StorageStep step, int status, string? errorCode, Exception exception);

    [LoggerMessage(5, LogLevel.Error,
        "Blob storage refused {Step} for container {Container} (status {Status}, code {ErrorCode}): in Azure the identity needs " +
        "\"Storage Blob Data Contributor\" or \"Owner\" on the account (the Bicep assigns Owner) and the container must exist (the Bicep creates it)")]
    public static partial void StorageMisconfigured(ILogger logger, string container, StorageStep step, int status, string? errorCode);
}

/// <summary>Which part of storing an image failed, for the log.</summary>
internal enum StorageStep
{
    CreateContainer,
    Upload,
    Sign,
}
