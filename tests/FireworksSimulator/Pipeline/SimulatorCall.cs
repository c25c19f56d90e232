using FireworksSimulator.Imaging;
using Microsoft.AspNetCore.Http;

namespace FireworksSimulator.Pipeline;

/// <summary>What a route handler needs: the request, the shared services, and the fault's verdict.</summary>
/// <param name="InputImages">Reads (and downloads) Kontext <c>input_image</c> values.</param>
/// <param name="ContentFiltered">True when a content-filtered fault applies to this request.</param>
/// <param name="FilteredSample">With <paramref name="ContentFiltered"/>: the only SDXL artifact filtered (0-based), or null for all.</param>
/// <param name="ExtraArtifact">True when an SDXL JSON answer must carry one artifact more than asked for.</param>
/// <param name="NotBase64Artifact">True when an SDXL JSON answer's last artifact must hold a byte outside the base64 alphabet.</param>
internal sealed record SimulatorCall(
    HttpContext Http,
    RecordedRequest Request,
    string Account,
    string Model,
    SimulatorState State,
    ImageEncoder Images,
    InputImageReader InputImages,
    bool ContentFiltered,
    bool ExtraArtifact = false,
    int? FilteredSample = null,
    bool NotBase64Artifact = false)
{
    /// <summary>Whether SDXL artifact <paramref name="index"/> of this answer is content filtered.</summary>
    public bool IsSampleFiltered(int index) => ContentFiltered && (FilteredSample is null || FilteredSample == index);
}
