namespace ImageAdapter.Validation;

/// <summary>Whether <c>response_format: url</c> can be served (image storage is configured).</summary>
internal interface IImageStoreAvailability
{
    bool IsConfigured { get; }
}
