using System.Diagnostics;
using System.Net;

namespace ImageAdapter.Bench;

/// <summary>
/// Closed-loop load: <c>clients</c> loops, each sending the next request as soon as the previous answer is fully read.
/// Only requests that start after the warm-up and finish before the end of the window are measured. With
/// <c>processes</c>, their CPU time over the window is measured too, and divided by the requests answered 200 within the
/// window (started before it or not: in a steady state the work of requests that straddle either edge evens out).
/// </summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(
        Uri origin, RequestTemplate template, int clients, TimeSpan warmUp, TimeSpan duration,
        IReadOnlyList<ServingProcess>? processes = null, CancellationToken cancellationToken = default)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(120) };

        var clock = Stopwatch.StartNew();
        var windowStart = warmUp;
        var windowEnd = warmUp + duration;
        var loops = Enumerable.Range(0, clients)
            .Select(_ => Task.Run(() => LoopAsync(http, origin, template, clock, windowStart, windowEnd, cancellationToken), cancellationToken))
            .ToArray();
        var cpu = processes is null
            ? Task.FromResult(TimeSpan.Zero)
            : ProcessCpu.MeasureAsync(processes, clock, windowStart, windowEnd, cancellationToken);
        var results = await Task.WhenAll(loops);

        var latencies = results.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(
            latencies,
            results.Sum(r => r.Failures),
            results.Sum(r => r.Bytes),
            duration,
            results.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
            results.Sum(r => r.TooManyRequests),
            await cpu,
            results.Sum(r => r.AnsweredInWindow));
    }

    private static async Task<LoopResult> LoopAsync(
        HttpClient http, Uri origin, RequestTemplate template, Stopwatch clock, TimeSpan windowStart, TimeSpan windowEnd,
        CancellationToken cancellationToken)
    {
        var result = new LoopResult();
        var buffer = new byte[256 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = clock.Elapsed;
            if (started >= windowEnd)
            {
                break;
            }

            var ok = false;
            long bytes = 0;
            string? error = null;
            try
            {
                using var request = template.Create(origin);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    bytes += read;
                }

                ok = response.StatusCode == HttpStatusCode.OK;
                result.TooManyRequests += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
                error = ok ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
            {
                error = exception.GetType().Name + ": " + exception.Message;
            }

            var finished = clock.Elapsed;
            result.AnsweredInWindow += ok && finished >= windowStart && finished <= windowEnd ? 1 : 0;
            if (started < windowStart || finished > windowEnd)
            {
                continue;
            }

            if (ok)
            {
                result.Latencies.Add((finished - started).TotalMilliseconds);
                result.Bytes += bytes;
            }
            else
            {
                result.Failures++;
                result.FirstError ??= error;
            }
        }

        return result;
    }

    private sealed class LoopResult
    {
        public List<double> Latencies { get; } = [];

        public int Failures { get; set; }

        public long Bytes { get; set; }

        public string? FirstError { get; set; }

        public int TooManyRequests { get; set; }

        public int AnsweredInWindow { get; set; }
    }
}
