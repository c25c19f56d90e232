namespace ImageAdapter.Usage;

/// <summary><c>Usage__Mode</c>: what <c>output_tokens</c> count.</summary>
public enum UsageMode
{
    /// <summary>Pixels of the images returned, per <see cref="UsageOptions.PixelsPerOutputToken"/>.</summary>
    Pixels,

    /// <summary>
    /// The request's Fireworks cost in micro-dollars, rounded up, so a gateway token budget is a dollar budget. A model
    /// without a price counts pixels instead (logged as a Warning at start-up).
    /// </summary>
    Cost,
}
