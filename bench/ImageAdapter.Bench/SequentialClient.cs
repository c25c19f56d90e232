using System.Net;

namespace ImageAdapter.Bench;

/// <summary>Sends a template one request at a time and reads each answer into a reused buffer, so the client allocates little.</summary>
internal sealed class SequentialClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(120) };
    private readonly byte[] _buffer = new byte[256 * 1024];

    /// <summary>Returns how many answers were not 200.</summary>
    public async Task<int> SendAsync(Uri origin, RequestTemplate template, int count)
    {
        var failures = 0;
        for (var i = 0; i < count; i++)
        {
            using var request = template.Create(origin);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(_buffer) > 0)
            {
            }

            failures += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }

        return failures;
    }

    public void Dispose() => _http.Dispose();
}
