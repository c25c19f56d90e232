namespace FireworksSimulator;

/// <summary>Which Fireworks wire contract a model speaks.</summary>
public enum ModelFamily
{
    /// <summary>SDXL-class <c>image_generation/…/models/{m}</c> (§1.1).</summary>
    ImageGeneration,
    /// <summary>FLUX <c>workflows/…/models/{m}/text_to_image</c> (§1.2).</summary>
    TextToImage,
    /// <summary>FLUX.1 Kontext async <c>workflows/…/models/{m}</c> + <c>get_result</c> (§1.3).</summary>
    Kontext,
}
