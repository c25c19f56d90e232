namespace FireworksSimulator;

/// <summary>The kind of simulator request; a fault can target one kind or <see cref="Any"/>.</summary>
public enum RequestKind
{
    Any,
    ImageGeneration,
    TextToImage,
    KontextSubmit,
    KontextGetResult,
    SampleDownload,
    /// <summary>A request that matched no simulator route (recorded, never faulted).</summary>
    Other,
}
