namespace ImageAdapter.Bench;

/// <summary>One serving process's allocated bytes per request.</summary>
internal sealed record ProcessAllocation(string Role, double BytesPerRequest);
