using System.Collections.Frozen;
using System.Text.Json;
using ImageAdapter.Catalogue;
using ImageAdapter.Errors;
using ImageAdapter.Translation;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Fireworks;

/// <summary>
/// Produces the <c>n</c> images of a request: the family's translator says which calls to make; fanned-out calls run
/// in parallel up to <see cref="FireworksOptions.MaxParallelCalls"/>. If any call fails, the others are cancelled and
/// the request fails with that call's error.
/// </summary>
internal sealed class ImageGenerator(
    IEnumerable<IFamilyTranslator> translators,
    FireworksImageClient client,
    KontextPoller kontext,
    IOptions<FireworksOptions> options)
{
    private readonly FrozenDictionary<ApiFamily, IFamilyTranslator> _translators = translators.ToFrozenDictionary(t => t.Family);

    public async Task<IReadOnlyList<GeneratedImage>> GenerateAsync(ImageGenerationRequest request, CancellationToken cancellationToken)
    {
        var calls = _translators[request.Model.Family].ToCalls(request);
        var results = new IReadOnlyList<GeneratedImage>[calls.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelCalls, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, calls.Count), parallel, async (index, token) =>
            results[index] = await RunAsync(request.Model, calls[index], token));
        return results.SelectMany(images => images).ToArray();
    }

    private async Task<IReadOnlyList<GeneratedImage>> RunAsync(ModelEntry model, FireworksCall call, CancellationToken cancellationToken)
    {
        try
        {
            return model.Family == ApiFamily.KontextWorkflow
                ? [await kontext.RunAsync(model, call, cancellationToken)]
                : SyncImageReader.Read(await client.SendAsync(call, cancellationToken));
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            throw new AdapterException(AdapterErrorKind.UpstreamInvalidResponse, "Fireworks returned a response the adapter could not read.", inner: exception);
        }
    }
}
