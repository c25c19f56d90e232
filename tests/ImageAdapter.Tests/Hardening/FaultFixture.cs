using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// One adapter for the per-fault tests: a call timeout and poll deadline far beyond anything a test waits for (so a
/// slow machine cannot change an answer), fast backoff, and a circuit breaker that never opens (its own tests use
/// their own adapter) so one test's failures cannot change the next one's answer.
/// </summary>
public sealed class FaultFixture<THost>() : AdapterFixture<THost>(new Dictionary<string, string?>
    {
        ["Fireworks:CallTimeout"] = "00:00:30",
        ["Fireworks:PollDeadline"] = "00:00:30",
        ["Adapter:RetryBaseDelay"] = "00:00:00.050",
        ["Adapter:CircuitMinimumThroughput"] = "10000",
        ["Adapter:RequestDeadline"] = "00:01:00",
    })
    where THost : IHostKind;
