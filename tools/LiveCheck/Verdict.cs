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

/// <summary>One compared fact: what Fireworks showed, what the simulator showed, and why the verdict is what it is.</summary>
internal sealed record Finding(string Facet, Verdict Verdict, string Fireworks, string Simulator, string? Note = null)
{
    public static Finding Compare(string facet, string fireworks, string simulator, string? note = null) =>
        new(facet, string.Equals(fireworks, simulator, StringComparison.Ordinal) ? Verdict.Pass : Verdict.Differs, fireworks, simulator, note);
}
