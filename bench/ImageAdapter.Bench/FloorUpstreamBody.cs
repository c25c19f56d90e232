namespace ImageAdapter.Bench;

/// <summary>The floor's Fireworks body: <c>{"prompt","samples"}</c> for SDXL, <c>{"prompt"}</c> for FLUX, as direct sends.</summary>
internal sealed record FloorUpstreamBody(string Prompt, int? Samples);
