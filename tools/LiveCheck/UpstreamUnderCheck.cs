using System.Net.Http.Headers;
using System.Text;
using FireworksSimulator;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// One upstream (live Fireworks, or the reference simulator) with its recording pass-through and an adapter pointed at
/// that pass-through. Runs a probe and returns what was seen.
/// </summary>
internal sealed class UpstreamUnderCheck : IAsyncDisposable
{
    private const string MadeUpKey = "livecheck-not-a-key";

    private readonly RecordingPassThrough _passThrough;
    private readonly AdapterUnderTest _adapter;
    private readonly SimulatorState? _simulator;
    private readonly Uri _baseUrl;
    private readonly string _key;
    // No trace headers: the direct calls should carry only what the probe sets.
    private readonly HttpClient _http = new(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { Timeout = TimeSpan.FromMinutes(5) };

    private UpstreamUnderCheck(RecordingPassThrough passThrough, AdapterUnderTest adapter, SimulatorState? simulator, Uri baseUrl, Uri upstream, string key)
    {
        _passThrough = passThrough;
        _adapter = adapter;
        _simulator = simulator;
        _baseUrl = baseUrl;
        Upstream = upstream;
        _key = key;
    }

    /// <summary>The upstream's own base URL (not the pass-through's).</summary>
    public Uri Upstream { get; }

    public static async Task<UpstreamUnderCheck> StartAsync(
        Uri upstream, string key, SimulatorState? simulator, HttpMessageHandler? handler, LiveCheckOptions options, CancellationToken cancellationToken)
    {
        var passThrough = await RecordingPassThrough.StartAsync(upstream, handler, cancellationToken);
        var baseUrl = new Uri(passThrough.Origin, upstream.AbsolutePath.TrimEnd('/') + "/");
        // The adapter's base URL is the pass-through's; deployed, it is the upstream's, whose origin it fetches samples
        // from. Named with its port: a sample on another port of the base URL's host is otherwise refused.
        var sampleHosts = string.Join(",", new[] { upstream.Authority, options.SampleHosts }.Where(hosts => hosts.Length > 0));
        try
        {
            var adapter = await AdapterUnderTest.StartAsync(baseUrl, key, new Dictionary<string, string?>
            {
                ["Fireworks:SampleHosts"] = sampleHosts,
                ["Fireworks:PollInterval"] = options.PollInterval.ToString("c"),
            }, cancellationToken);
            return new UpstreamUnderCheck(passThrough, adapter, simulator, baseUrl, upstream, key);
        }
        catch
        {
            await passThrough.DisposeAsync();
            throw;
        }
    }

    public async Task<ProbeOutcome> RunAsync(Probe probe, CancellationToken cancellationToken)
    {
        if (probe.Kind == ProbeKind.ContentFilter)
        {
            // A simulator filters only when told to: this is its answer for a flagged image.
            _simulator?.EnqueueFault(SimulatorFault.ContentFiltered(RequestKind.TextToImage));
        }

        var mark = _passThrough.Mark();
        AdapterAnswer? answer = null;
        if (probe.AdapterBody is { } body)
        {
            answer = await _adapter.GenerateAsync(body, cancellationToken);
        }
        else if (probe.Direct is { } direct)
        {
            await SendAsync(direct, cancellationToken);
        }

        var outcome = new ProbeOutcome(answer, _passThrough.Since(mark), null);
        return probe.Kind == ProbeKind.Kontext && Uri.TryCreate(outcome.SampleUrl, UriKind.Absolute, out var sample)
            ? outcome with { Sample = await SampleDownload.FetchAsync(sample, cancellationToken) }
            : outcome;
    }

    private async Task SendAsync(DirectCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, call.Path))
        {
            Content = new StringContent(call.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd(call.Accept);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", call.Authenticated ? _key : MadeUpKey);
        using var response = await _http.SendAsync(request, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _adapter.DisposeAsync();
        await _passThrough.DisposeAsync();
    }
}
