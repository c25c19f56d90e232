namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// The load test measures this process's managed memory: it runs alone, after the parallel tests, so that no other
/// test's simulators, apps and images count as the adapter's growth.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class LoadCollection;
