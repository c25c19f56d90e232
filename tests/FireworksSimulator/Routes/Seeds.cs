namespace FireworksSimulator.Routes;

internal static class Seeds
{
    /// <summary>Seed 0 or absent means "pick a random one" upstream (FLUX docs say so explicitly).</summary>
    public static long Resolve(long? requested) =>
        requested is { } seed and not 0 ? seed : Random.Shared.NextInt64(1, uint.MaxValue);
}
