using System.Net;
using System.Text.Json.Nodes;
using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>What a user and Fireworks must see of a successful edit, whichever client sent it.</summary>
internal static class EditAssertions
{
    private const int CharactersPerToken = 4;
    private const int PixelsPerToken = 1024;

    // URLs are fetched as a user's browser would: no credentials.
    private static readonly HttpClient Anonymous = new() { Timeout = TimeSpan.FromSeconds(120) };

    /// <summary>
    /// The size the simulator makes from an input image without <c>aspect_ratio</c>: the input's ratio, kept within 21:9
    /// to 9:21, at about one megapixel (its README, "Image size rule").
    /// </summary>
    public static (int Width, int Height) KontextOutput(int inputWidth, int inputHeight) =>
        SimulatorImageSizes.ForAspectRatio(Math.Clamp((double)inputWidth / inputHeight, 9.0 / 21, 21.0 / 9), 1);

    /// <summary>
    /// The body holds <paramref name="n"/> images of <paramref name="outputFormat"/> and <paramref name="size"/>, as
    /// base64 or as URLs that download, each of which decodes in full; it validates against <c>ImagesResponse</c>.
    /// </summary>
    public static async Task AssertImagesAsync(string json, int n, string outputFormat, string responseFormat, (int Width, int Height) size, CancellationToken cancellationToken)
    {
        await OpenApiSchemas.AssertValidAsync(json, "ImagesResponse");
        var body = JsonNode.Parse(json)!;
        var data = body["data"]!.AsArray();
        Assert.Equal(n, data.Count);
        Assert.Equal(outputFormat, body["output_format"]!.GetValue<string>());
        foreach (var item in data)
        {
            byte[] bytes;
            if (responseFormat == "url")
            {
                Assert.Null(item!["b64_json"]);
                using var download = await Anonymous.GetAsync(item["url"]!.GetValue<string>(), cancellationToken);
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                bytes = await download.Content.ReadAsByteArrayAsync(cancellationToken);
            }
            else
            {
                Assert.Null(item!["url"]);
                bytes = Convert.FromBase64String(item["b64_json"]!.GetValue<string>());
            }

            Assert.True(outputFormat == "jpeg" ? Images.IsJpeg(bytes) : Images.IsPng(bytes), $"not a {outputFormat}");
            Assert.Equal(size, Images.Decode(bytes));
        }
    }

    /// <summary>
    /// Fireworks got one Kontext submit per image, on <paramref name="model"/>'s path, each with the uploaded bytes as raw
    /// base64 in <c>input_image</c> (no <c>data:</c> prefix) and the requested output format.
    /// </summary>
    public static void AssertSubmits(SimulatorState state, string model, int n, byte[] uploaded, string outputFormat)
    {
        var submits = state.KontextSubmits();
        Assert.Equal(n, submits.Count);
        Assert.All(submits, submit =>
        {
            Assert.Equal($"/inference/v1/workflows/accounts/fireworks/models/{model}", submit.PathAndQuery);
            var sent = submit.InputImage();
            Assert.NotNull(sent);
            Assert.False(sent.StartsWith("data:", StringComparison.Ordinal), "input_image must be raw base64");
            Assert.Equal(uploaded, Convert.FromBase64String(sent));
            Assert.Equal(outputFormat, JsonNode.Parse(submit.Body)!["output_format"]!.GetValue<string>());
        });
    }

    /// <summary>
    /// <c>usage</c> by the documented rule: image tokens ceil(input pixels / 1024), text tokens ceil(prompt characters / 4),
    /// input tokens their sum, output tokens ceil(pixels / 1024) per image of <paramref name="size"/>, total the sum.
    /// </summary>
    public static void AssertUsage(string json, int n, string prompt, long inputPixels, (int Width, int Height) size)
    {
        var usage = JsonNode.Parse(json)!["usage"]!;
        var text = (prompt.Length + CharactersPerToken - 1) / CharactersPerToken;
        var image = (int)((inputPixels + PixelsPerToken - 1) / PixelsPerToken);
        var output = n * (int)(((long)size.Width * size.Height + PixelsPerToken - 1) / PixelsPerToken);
        Assert.Equal((text, image), (usage["input_tokens_details"]!["text_tokens"]!.GetValue<int>(), usage["input_tokens_details"]!["image_tokens"]!.GetValue<int>()));
        Assert.Equal((text + image, output, text + image + output),
            (usage["input_tokens"]!.GetValue<int>(), usage["output_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>()));
    }

    /// <summary>
    /// An error answer: <paramref name="status"/>, the OpenAI envelope (all four keys, valid against <c>ErrorResponse</c>),
    /// <c>type</c>, <c>code</c> and <c>param</c> as given.
    /// </summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, int status, string type, string code, string? param, CancellationToken cancellationToken, string? what = null)
    {
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(status == (int)response.StatusCode, $"{what} expected {status}, got {(int)response.StatusCode}: {json}");
        await OpenApiSchemas.AssertValidAsync(json, "ErrorResponse");
        var error = JsonNode.Parse(json)!["error"]!.AsObject();
        Assert.Equal(["code", "message", "param", "type"], error.Select(property => property.Key).Order(StringComparer.Ordinal));
        Assert.True((type, code, param) == (error["type"]!.GetValue<string>(), error["code"]!.GetValue<string>(), error["param"]?.GetValue<string>()),
            $"{what} expected {type}/{code}/{param ?? "null"}, got {json}");
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
    }
}
