namespace FireworksSimulator;

/// <summary>The models the simulator serves; a model called on another family's route is a 404, as upstream.</summary>
internal sealed class ModelCatalogue
{
    private static readonly Dictionary<string, ModelFamily> BuiltIn = new(StringComparer.Ordinal)
    {
        ["stable-diffusion-xl-1024-v1-0"] = ModelFamily.ImageGeneration,
        ["playground-v2-1024px-aesthetic"] = ModelFamily.ImageGeneration,
        ["playground-v2-5-1024px-aesthetic"] = ModelFamily.ImageGeneration,
        ["SSD-1B"] = ModelFamily.ImageGeneration,
        ["japanese-stable-diffusion-xl"] = ModelFamily.ImageGeneration,
        ["flux-1-schnell-fp8"] = ModelFamily.TextToImage,
        ["flux-1-dev-fp8"] = ModelFamily.TextToImage,
        ["flux-kontext-pro"] = ModelFamily.Kontext,
        ["flux-kontext-max"] = ModelFamily.Kontext,
    };

    private readonly Dictionary<string, ModelFamily> _models;

    public ModelCatalogue(IEnumerable<KeyValuePair<string, ModelFamily>> additional)
    {
        _models = new Dictionary<string, ModelFamily>(BuiltIn, StringComparer.Ordinal);
        foreach (var (name, family) in additional)
        {
            _models[name] = family;
        }
    }

    public bool Serves(string model, ModelFamily family) =>
        _models.TryGetValue(model, out var actual) && actual == family;
}
