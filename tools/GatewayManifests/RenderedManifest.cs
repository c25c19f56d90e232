namespace ImageAdapter.GatewayManifests;

/// <summary>One output file: a name relative to the output folder and its YAML text.</summary>
public sealed record RenderedManifest(string FileName, string Content);
