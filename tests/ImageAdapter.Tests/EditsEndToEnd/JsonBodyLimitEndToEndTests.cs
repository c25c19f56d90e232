using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// A JSON generation whose input image is far over the limit gets its 413 envelope on both hosts, and Fireworks is not
/// called. The limits are lowered (a 1 MiB image, about 2.4 MB of body in all) so that the refused body is 4 MB:
/// at the default limits it would be about 29 MB, and under the Functions host, on a machine loaded by other test runs,
/// bodies that large were sometimes answered with the host's own empty 500 (see the README's host table).
/// </summary>
public abstract class JsonBodyLimitEndToEndTests<THost>
    where THost : IHostKind
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_JsonBodyFarOverTheLimit_413WithTheEnvelope()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Limits:MaxInputImageBytes"] = "1048576",
        }, THost.Host);
        var body = $$"""{"model":"flux-kontext-pro","prompt":"x","image":"data:image/png;base64,{{new string('A', 4_000_000)}}"}""";

        using var response = await app.PostGenerationAsync(body);

        await EditAssertions.AssertErrorAsync(response, 413, "invalid_request_error", "request_too_large", null, Token);
        Assert.Empty(app.Simulator.State.Requests);
    }
}

public sealed class JsonBodyLimitEndToEndTestsOnServer : JsonBodyLimitEndToEndTests<OnServer>;

public sealed class JsonBodyLimitEndToEndTestsOnFunctions : JsonBodyLimitEndToEndTests<OnFunctions>;
