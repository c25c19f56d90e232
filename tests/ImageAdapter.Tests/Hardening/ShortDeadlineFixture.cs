using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>The adapter of <see cref="FaultDeadlineTests{THost}"/>: a 2 s call timeout and poll deadline that the faults outlast.</summary>
public sealed class ShortDeadlineFixture<THost>() : AdapterFixture<THost>(new Dictionary<string, string?>
    {
        ["Fireworks:CallTimeout"] = "00:00:02",
        ["Fireworks:PollDeadline"] = "00:00:02",
        ["Adapter:CircuitMinimumThroughput"] = "10000",
    })
    where THost : IHostKind;
