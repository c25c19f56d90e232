namespace ImageAdapter.Catalogue;

/// <summary>The Fireworks API family a model is served through; it decides URL, body and response shape.</summary>
public enum ApiFamily
{
    /// <summary>SDXL-class models: synchronous <c>image_generation/{model}</c>, explicit width/height, <c>samples</c> per call.</summary>
    ImageGeneration,

    /// <summary>FLUX.1 workflows: synchronous <c>workflows/{model}/text_to_image</c>, aspect-ratio enum, one image per call.</summary>
    FluxWorkflow,

    /// <summary>FLUX.1 Kontext: asynchronous <c>workflows/{model}</c> submit, then <c>get_result</c> polling.</summary>
    KontextWorkflow,
}
