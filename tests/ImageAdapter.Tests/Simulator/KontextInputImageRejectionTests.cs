using System.Net;
using System.Text;
using System.Text.Json;
using FireworksSimulator.Imaging;
using Microsoft.AspNetCore.Http;
using static ImageAdapter.Tests.Simulator.SimulatorFixture;

namespace ImageAdapter.Tests.Simulator;

/// <summary>Kontext <c>input_image</c> values the simulator refuses, each with a 400 <c>{"error_message"}</c> naming the field.</summary>
public sealed class KontextInputImageRejectionTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture _sim;

    public KontextInputImageRejectionTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.State.Reset();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> UnreadableInputImages => new()
    {
        { "not base64!", "input_image must be base64" },
        { "aGVsbG8", "input_image must be base64" }, // padding missing
        { Convert.ToBase64String(Images.Png(8, 8)).Insert(8, "\n"), "input_image must be base64" },
        { "ftp://example.com/cat.png", "input_image must be base64" },
        { "data:image/png,%89PNG", "input_image data URI must be" },
        { "data:image/png;base64,not base64!", "input_image data URI must be" },
        { Convert.ToBase64String("GIF89a\x01\x00\x01\x00\x00\x00\x00;"u8), "input_image is not a PNG, JPEG or WebP image" },
        { Convert.ToBase64String(Encoding.ASCII.GetBytes(new string('x', 64))), "input_image is not a PNG, JPEG or WebP image" },
        { Convert.ToBase64String(Images.Png(8, 8).AsSpan(0, 16)), "input_image is not a PNG, JPEG or WebP image" },
        { "", "input_image is not a PNG, JPEG or WebP image" },
    };

    [Theory]
    [MemberData(nameof(UnreadableInputImages))]
    public async Task Submit_UnreadableInputImage_Returns400NamingInputImage(string inputImage, string message)
    {
        await AssertRejectedAsync(KontextEditBody(inputImage), message);
    }

    [Fact]
    public async Task Submit_UrlRefusingConnections_Returns400CouldNotBeDownloaded()
    {
        await AssertRejectedAsync(KontextEditBody(ImageHost.RefusingUrl("/cat.png")), "input_image could not be downloaded");
    }

    [Theory]
    [InlineData("404", "HTTP 404")]
    [InlineData("html", "not a PNG, JPEG or WebP image")]
    [InlineData("over 20 MiB", "larger than 20 MiB")]
    public async Task Submit_UrlAnsweringWithoutAnImage_Returns400CouldNotBeDownloaded(string answer, string reason)
    {
        RequestDelegate serve = answer switch
        {
            "404" => context =>
            {
                context.Response.StatusCode = 404;
                return Task.CompletedTask;
            },
            "html" => ImageHost.Serving("<html><body>cat</body></html>"u8.ToArray(), "image/png"),
            // A valid PNG header, padded past the limit: only the limit can refuse it.
            _ => ImageHost.Serving([.. Images.Png(8, 8), .. new byte[InputImageReader.MaxDownloadBytes]], "image/png"),
        };
        await using var host = await ImageHost.StartAsync(serve);
        var url = host.Url("/cat.png");

        await AssertRejectedAsync(KontextEditBody(url), $"input_image could not be downloaded from {url}: {reason}");
    }

    [Fact]
    public async Task Submit_SafetyToleranceAboveTwoWithInputImage_Returns400NamingSafetyTolerance()
    {
        var body = KontextEditBody(Convert.ToBase64String(Images.Png(8, 8)), ""","safety_tolerance":3""");

        await AssertRejectedAsync(body, "safety_tolerance must be at most 2 with an input_image, got 3");
    }

    [Theory]
    [InlineData("""{"prompt":"a cat","safety_tolerance":3}""")]
    [InlineData("""{"prompt":"a cat","safety_tolerance":6,"input_image":null}""")]
    public async Task Submit_SafetyToleranceAboveTwoWithoutInputImage_IsAccepted(string body)
    {
        await _sim.SubmitKontextAsync(body);

        Assert.Empty(_sim.State.KontextInputs);
    }

    [Fact]
    public async Task Submit_SafetyToleranceTwoWithInputImage_IsAccepted()
    {
        await _sim.SubmitKontextAsync(KontextEditBody(Convert.ToBase64String(Images.Png(8, 8)), ""","safety_tolerance":2"""));

        Assert.Single(_sim.State.KontextInputs);
    }

    private async Task AssertRejectedAsync(string body, string message)
    {
        using var response = await _sim.PostAsync(KontextSubmit, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith(message, json.RootElement.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_sim.State.KontextInputs);
    }
}
