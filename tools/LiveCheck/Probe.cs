namespace ImageAdapter.LiveCheck;

/// <summary>What a probe looks at, and so which facts it reports.</summary>
internal enum ProbeKind
{
    /// <summary>A generation through the adapter: request, status, headers, body shape, image size, the adapter's answer.</summary>
    Generation,
    /// <summary>A generation through the adapter reported by its pixel size only (one per FLUX aspect ratio).</summary>
    Size,
    /// <summary>A generation with <c>safety_check</c> and a prompt meant to be flagged: the content filter signal.</summary>
    ContentFilter,
    /// <summary>A Kontext task through the adapter: submit, poll statuses, the sample URL and its download.</summary>
    Kontext,
    /// <summary>A request Fireworks should refuse: status and error body shape.</summary>
    BadRequest,
}

/// <summary>A Fireworks call the tool sends itself, through the pass-through (for what the adapter would never send).</summary>
/// <param name="Path">Relative to the Fireworks base URL, e.g. <c>workflows/accounts/fireworks/models/m/text_to_image</c>.</param>
/// <param name="Authenticated">False sends a made-up key instead of the real one.</param>
internal sealed record DirectCall(string Path, string Accept, string Body, bool Authenticated = true);

/// <summary>
/// One request run against Fireworks and against the simulator. Exactly one of <see cref="AdapterBody"/> (an OpenAI
/// request to the adapter) and <see cref="Direct"/> is set. <see cref="Model"/> and <see cref="Steps"/> price it.
/// </summary>
internal sealed record Probe(string Name, ProbeKind Kind, string Model, int? Steps, string? AdapterBody, DirectCall? Direct = null)
{
    /// <summary>A probe whose 404 from Fireworks means this probe's model is not served: the probe is then skipped unpaid.</summary>
    public string? ServedCheck { get; init; }

    public decimal Estimate => PriceTable.Estimate(Model, Steps);
}
