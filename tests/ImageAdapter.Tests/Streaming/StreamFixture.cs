using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Streaming;

/// <summary>
/// An adapter whose streams send a keep-alive comment every 100 ms, so a test can see one while it holds Fireworks,
/// and a circuit breaker that never opens (the failure tests must not open it for the others).
/// </summary>
public sealed class StreamFixture<THost>() : AdapterFixture<THost>(new Dictionary<string, string?>
{
    ["Adapter:StreamKeepAliveInterval"] = "00:00:00.100",
    ["Adapter:CircuitMinimumThroughput"] = "10000",
})
    where THost : IHostKind;
