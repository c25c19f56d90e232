namespace ImageAdapter.Bench;

/// <summary>The part of the OpenAI generation request the floor reads: no validation, the bench sends only good bodies.</summary>
internal sealed record FloorRequest(string? Model, string? Prompt, int? N);
