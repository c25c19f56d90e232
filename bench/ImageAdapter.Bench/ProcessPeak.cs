namespace ImageAdapter.Bench;

/// <summary>The highest working set one serving process reached in a window, in bytes.</summary>
internal sealed record ProcessPeak(string Role, long Bytes);
