using System.Text;
using System.Text.Json;
using ImageAdapter.Catalogue;
using ImageAdapter.Contract;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Support;

/// <summary>Builds validated requests from JSON bodies, the way the HTTP layer does.</summary>
internal static class TestRequests
{
    public static ImageRequestValidator Validator(ModelsOptions? models = null, LimitsOptions? limits = null, bool storage = false) =>
        new(new ModelCatalogue(Options.Create(models ?? new ModelsOptions())), Options.Create(limits ?? new LimitsOptions()), new Storage(storage));

    public static CreateImageRequest Parse(string json) =>
        JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), OpenAIJsonContext.Default.CreateImageRequest)!;

    public static ImageGenerationRequest Validate(string json) => Validator().Validate(Parse(json));

    private sealed class Storage(bool configured) : IImageStoreAvailability
    {
        public bool IsConfigured => configured;
    }
}
