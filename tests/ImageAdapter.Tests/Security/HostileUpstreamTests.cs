using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace ImageAdapter.Tests.Security;

/// <summary>
/// What an upstream that lies about its sizes, stalls, or hands out sample URLs pointing elsewhere gets from the
/// adapter: a 502 or 504 in the envelope, never a 500, no up-front allocation, and no fetch the adapter was not allowed.
/// </summary>
public abstract class HostileUpstreamTests<THost> : IClassFixture<HostileUpstreamFixture<THost>>
    where THost : IHostKind
{
    private const string Flux = """{"model":"flux-1-schnell-fp8","prompt":"a fox"}""";
    private const string Kontext = """{"model":"flux-kontext-pro","prompt":"a fox"}""";
    private const string SampleNotDownloaded = "Fireworks' generated image could not be downloaded.";

    private readonly AdapterApp _app;
    private readonly HostileUpstream _upstream;

    protected HostileUpstreamTests(HostileUpstreamFixture<THost> fixture)
    {
        _app = fixture.App;
        _upstream = fixture.Upstream;
        _upstream.Flux = HostileUpstream.WritePngAsync;
        _upstream.Sample = HostileUpstream.WritePngAsync;
        _upstream.Requests.Clear();
        _app.ForgetLogs();
    }

    private Uri UpstreamOrigin => new(_upstream.BaseUrl.GetLeftPart(UriPartial.Authority));

    [Fact]
    public async Task Generate_UpstreamBehaves_Answers200()
    {
        using var response = await _app.PostGenerationAsync(Flux);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Generate_UpstreamPromisesMoreThanTheLimit_Answers502WithoutWaiting()
    {
        _upstream.Flux = context => HostileUpstream.StallAsync(context, 64L * 1024 * 1024);

        using var response = await _app.PostGenerationAsync(Flux);

        // A 504 would mean the adapter waited for the promised bytes; it must refuse on the promise alone.
        await AssertErrorAsync(response, 502, "upstream_invalid_response");
    }

    [Fact]
    public async Task Generate_UpstreamStallsAfterPromisingAnImage_Answers504()
    {
        _upstream.Flux = context => HostileUpstream.StallAsync(context, HostileUpstreamFixture<THost>.MaxImageBytes / 2);

        using var response = await _app.PostGenerationAsync(Flux);

        await AssertErrorAsync(response, 504, "upstream_timeout");
    }

    [Fact]
    public async Task Generate_UpstreamPngClaimsAnImpossibleSize_Answers502NotA500()
    {
        var png = HostileUpstream.Png.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), int.MaxValue);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), int.MaxValue);
        _upstream.Flux = async context =>
        {
            context.Response.ContentType = "image/png";
            await context.Response.Body.WriteAsync(png);
        };

        using var response = await _app.PostGenerationAsync(Flux);

        await AssertErrorAsync(response, 502, "upstream_invalid_response");
    }

    [Fact]
    public async Task Generate_UpstreamSendsMoreThanTheLimitWithoutALength_Answers502()
    {
        _upstream.Flux = async context =>
        {
            context.Response.ContentType = "image/png";
            await context.Response.Body.WriteAsync(HostileUpstream.Png);
            await context.Response.Body.WriteAsync(new byte[HostileUpstreamFixture<THost>.MaxImageBytes]);
        };

        using var response = await _app.PostGenerationAsync(Flux);

        await AssertErrorAsync(response, 502, "upstream_invalid_response");
    }

    [Fact]
    public async Task Generate_KontextSampleOnAnotherPortOfTheBaseHost_IsNotFetched()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _upstream.SampleUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/latest/meta-data/iam";

        using var response = await _app.PostGenerationAsync(Kontext);

        await AssertErrorAsync(response, 502, "upstream_invalid_response");
        Assert.False(listener.Pending(), "The adapter connected to a port the sample URL rule forbids.");
    }

    [Fact]
    public async Task Generate_KontextSampleOnALoopbackName_IsRefusedWhenConnecting()
    {
        // https on the base URL's port passes the URL rules; "localhost" is not the base host, so only public
        // addresses may be connected to, and it resolves to loopback.
        _upstream.SampleUrl = $"https://localhost:{_upstream.BaseUrl.Port}/inference/v1/samples/1.png";

        using var response = await _app.PostGenerationAsync(Kontext);

        var error = await AssertErrorAsync(response, 502, "upstream_invalid_response");
        Assert.Equal(SampleNotDownloaded, error["message"]!.GetValue<string>());
        Assert.DoesNotContain(_upstream.Requests, request => request.StartsWith("GET", StringComparison.Ordinal));
        Assert.True(await _app.WaitForLogAsync("Kontext sample host localhost refused"), "The refusal was not logged with its reason.");
    }

    [Theory]
    [InlineData("not found")]
    [InlineData("closed port")]
    [InlineData("not an image")]
    [InlineData("private host")]
    public async Task Generate_KontextSampleFails_TellsTheClientNothingAboutWhatWasFetched(string failure)
    {
        var origin = UpstreamOrigin;
        _upstream.SampleUrl = failure switch
        {
            "closed port" => "https://127.0.0.1/inference/v1/samples/1.png",
            "private host" => "https://10.255.255.1/inference/v1/samples/1.png",
            _ => $"{origin}inference/v1/samples/1.png",
        };
        _upstream.Sample = context => Respond(context, failure == "not found" ? 404 : 200, "text/html");

        using var response = await _app.PostGenerationAsync(Kontext);

        var error = await AssertErrorAsync(response, 502, "upstream_invalid_response");
        Assert.Equal(SampleNotDownloaded, error["message"]!.GetValue<string>());
    }

    private static Task Respond(HttpContext context, int status, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync("<html>internal page</html>");
    }

    private static async Task<JsonNode> AssertErrorAsync(HttpResponseMessage response, int status, string code)
    {
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == (int)response.StatusCode, $"Expected {status}, got {(int)response.StatusCode}: {json[..Math.Min(json.Length, 300)]}");
        await OpenApiSchemas.AssertValidAsync(json, "ErrorResponse");
        var error = JsonNode.Parse(json)!["error"]!;
        Assert.Equal(code, error["code"]?.GetValue<string>());
        return error;
    }
}

public sealed class HostileUpstreamTestsOnServer(HostileUpstreamFixture<OnServer> fixture) : HostileUpstreamTests<OnServer>(fixture);

public sealed class HostileUpstreamTestsOnFunctions(HostileUpstreamFixture<OnFunctions> fixture) : HostileUpstreamTests<OnFunctions>(fixture);
