namespace ImageAdapter.LiveCheck;

/// <summary>One compared fact: what Fireworks showed, what the simulator showed, and why the verdict is what it is.</summary>
internal sealed record Finding(string Facet, Verdict Verdict, string Fireworks, string Simulator, string? Note = null)
{
    public static Finding Compare(string facet, string fireworks, string simulator, string? note = null) =>
        new(facet, string.Equals(fireworks, simulator, StringComparison.Ordinal) ? Verdict.Pass : Verdict.Differs, fireworks, simulator, note);
}
