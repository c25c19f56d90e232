using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EndToEnd;

/// <summary>The error table's shared adapter: default settings, but a circuit breaker that never opens (it has its own tests).</summary>
public sealed class ErrorTableFixture<THost>() : AdapterFixture<THost>(new Dictionary<string, string?> { ["Adapter:CircuitMinimumThroughput"] = "10000" })
    where THost : IHostKind;
