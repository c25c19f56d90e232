using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using FireworksSimulator;
using ImageAdapter.Tests.EndToEnd;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Functions;

/// <summary>
/// Both hosts answer the same request the same way: status, body (request ids aside), and the headers a client sees.
/// Every row of the README's error table, the routing answers (unknown path, wrong method, <c>/</c>), the probes and a
/// success are sent to the standalone server and to the Functions app under the real host, and compared.
/// </summary>
public sealed partial class HostParityTests(HostParityFixture fixture) : IClassFixture<HostParityFixture>
{
    private const string Authorized = "Bearer " + AdapterApp.InboundKey;

    /// <summary>Headers that say nothing about the adapter's answer: the transport's framing and the server's clock.</summary>
    private static readonly HashSet<string> TransportHeaders = new(StringComparer.OrdinalIgnoreCase) { "Date", "Server", "Transfer-Encoding", "Content-Length" };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> BadRequests => [.. ErrorTableRows.BadRequests.Select(row =>
        new TheoryDataRow<string, string, string>("POST", "/v1/images/generations", $"{row.Data.Item2}\n{row.Data.Item1}"))];

    [Theory]
    [MemberData(nameof(BadRequests))]
    [InlineData("GET", "/", "")]
    [InlineData("GET", "/v1/images/nope", "")]
    [InlineData("GET", "/v1/images/generations", "")]
    [InlineData("DELETE", "/v1/models", "")]
    [InlineData("POST", "/healthz", "application/json\n{}")]
    [InlineData("PUT", "/readyz", "application/json\n{}")]
    [InlineData("GET", "/healthz", "")]
    [InlineData("GET", "/readyz", "")]
    [InlineData("GET", "/v1/models", "")]
    [InlineData("POST", "/v1/images/generations", "application/json\n" + ErrorTableRows.ValidBody)]
    public async Task Request_AnsweredTheSameByBothHosts(string method, string path, string contentTypeAndBody)
    {
        await AssertSameAsync(app => SendAsync(app, method, path, contentTypeAndBody, Authorized));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic YWRhcHRlcjprZXk=")]
    public async Task Unauthenticated_AnsweredTheSameByBothHosts(string? authorization)
    {
        await AssertSameAsync(app => SendAsync(app, "POST", "/v1/images/generations", "application/json\n" + ErrorTableRows.ValidBody, authorization));
    }

    [Fact]
    public async Task BodyOverTheLimit_AnsweredTheSameByBothHosts()
    {
        var body = $$"""{"model":"flux-1-schnell-fp8","prompt":"{{new string('x', 1024 * 1024)}}"}""";

        await AssertSameAsync(app => SendAsync(app, "POST", "/v1/images/generations", "application/json\n" + body, Authorized));
    }

    [Theory]
    [MemberData(nameof(ErrorTableRows.UpstreamStatuses), MemberType = typeof(ErrorTableRows))]
    public async Task UpstreamStatus_AnsweredTheSameByBothHosts(int upstream, ErrorBodyShape shape, int status, string code)
    {
        _ = (status, code); // the end-to-end tests check the row itself; here both hosts must agree on it
        await AssertSameAsync(app =>
        {
            app.Simulator.State.SetPersistentFault(SimulatorFault.Status(upstream, shape, message: "internal detail", retryAfter: upstream == 429 ? "7" : null));
            return SendAsync(app, "POST", "/v1/images/generations", "application/json\n" + ErrorTableRows.ValidBody, Authorized);
        });
    }

    [Theory]
    [InlineData("connection failure")]
    [InlineData("malformed body")]
    [InlineData("wrong content type")]
    [InlineData("content filtered")]
    public async Task UpstreamMisbehaves_AnsweredTheSameByBothHosts(string fault)
    {
        await AssertSameAsync(app =>
        {
            app.Simulator.State.SetPersistentFault(fault switch
            {
                "connection failure" => SimulatorFault.DroppedConnection(),
                "malformed body" => SimulatorFault.MalformedBody(),
                "wrong content type" => SimulatorFault.WrongContentType(),
                _ => SimulatorFault.ContentFiltered(),
            });
            return SendAsync(app, "POST", "/v1/images/generations", "application/json\n" + ErrorTableRows.ValidBody, Authorized);
        });
    }

    [Theory]
    [InlineData(KontextFinalStatus.RequestModerated)]
    [InlineData(KontextFinalStatus.ContentModerated)]
    [InlineData(KontextFinalStatus.Error)]
    public async Task KontextFinalStatus_AnsweredTheSameByBothHosts(KontextFinalStatus final)
    {
        await AssertSameAsync(app =>
        {
            app.Simulator.State.EnqueueKontextScript(new KontextScript(PendingPolls: 1, FinalStatus: final));
            return SendAsync(app, "POST", "/v1/images/generations", "application/json\n" + """{"model":"flux-kontext-pro","prompt":"a fox"}""", Authorized);
        });
    }

    private async Task AssertSameAsync(Func<AdapterApp, Task<HttpResponseMessage>> send)
    {
        var functions = fixture.Functions;
        fixture.Server.Simulator.State.Reset();
        functions.Simulator.State.Reset();

        using var fromServer = await send(fixture.Server);
        using var fromFunctions = await send(functions);

        var expected = await DescribeAsync(fromServer);
        Assert.Equal(expected, await DescribeAsync(fromFunctions));
        Assert.True(fromServer.Headers.Contains("x-request-id") || (int)fromServer.StatusCode < 400, expected);
    }

    private static async Task<HttpResponseMessage> SendAsync(AdapterApp app, string method, string path, string contentTypeAndBody, string? authorization)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentTypeAndBody.Length > 0)
        {
            var contentType = contentTypeAndBody[..contentTypeAndBody.IndexOf('\n')];
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(contentTypeAndBody[(contentType.Length + 1)..]));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await app.Http.SendAsync(request, Token);
    }

    /// <summary>Status, every header but the transport's (request ids and timestamps masked), and the body likewise.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(header => !TransportHeaders.Contains(header.Key))
            .Select(header => $"{header.Key.ToLowerInvariant()}: {string.Join(", ", header.Value)}")
            .Order(StringComparer.Ordinal);
        var body = await response.Content.ReadAsStringAsync(Token);
        return Mask($"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n\n{body}");
    }

    private static string Mask(string text) =>
        Image().Replace(Created().Replace(RequestId().Replace(text, "req_…"), "\"created\":…"), "\"b64_json\":\"…\"");

    [GeneratedRegex("req_[0-9a-f]{32}")]
    private static partial Regex RequestId();

    [GeneratedRegex("\"created\":\\d+")]
    private static partial Regex Created();

    [GeneratedRegex("\"b64_json\":\"[^\"]*\"?")]
    private static partial Regex Image();
}
