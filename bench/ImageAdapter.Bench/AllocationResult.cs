namespace ImageAdapter.Bench;

/// <summary>Allocated bytes per request: the adapter's (client subtracted) and the client's alone.</summary>
internal sealed record AllocationResult(Workload Workload, double AdapterBytesPerRequest, double ClientBytesPerRequest, int Failures, int Requests);
