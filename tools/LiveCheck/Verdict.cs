namespace ImageAdapter.LiveCheck;

/// <summary>How one fact observed on Fireworks compares with the simulator's answer to the same request.</summary>
internal enum Verdict
{
    /// <summary>Fireworks answered as the simulator does.</summary>
    Pass,
    /// <summary>Fireworks answered otherwise: the simulator (and perhaps the adapter) needs a look.</summary>
    Differs,
    /// <summary>One run cannot settle it (not observed, skipped, or only knowable over time); the report says what was seen.</summary>
    Unknown,
}
