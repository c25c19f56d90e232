using ImageAdapter.Catalogue;
using ImageAdapter.Validation;

namespace ImageAdapter.Translation;

/// <summary>Pure translation between a validated request and one Fireworks API family: no HTTP, no clock, no logging.</summary>
internal interface IFamilyTranslator
{
    ApiFamily Family { get; }

    /// <summary>The calls that together produce <c>n</c> images (one for SDXL-class, one per image otherwise).</summary>
    IReadOnlyList<FireworksCall> ToCalls(ImageGenerationRequest request);
}
