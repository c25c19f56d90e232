namespace ImageAdapter.Catalogue;

/// <summary>One row of the model catalogue: a Fireworks model id, the API family that serves it, and its price.</summary>
/// <param name="Id">Fully qualified Fireworks id, <c>accounts/{account}/models/{name}</c>.</param>
/// <param name="Family">The API family the model is called through.</param>
/// <param name="Price">What Fireworks bills for it; null when unknown (an extra row given no price).</param>
public sealed record ModelEntry(string Id, ApiFamily Family, ModelPrice? Price = null)
{
    /// <summary>The last path segment of <see cref="Id"/>, e.g. <c>flux-1-dev-fp8</c>.</summary>
    public string ShortName => Id[(Id.LastIndexOf('/') + 1)..];
}
