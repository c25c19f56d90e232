using System.ClientModel;
using ImageAdapter.Tests.Storage;
using ImageAdapter.Tests.Support;
using OpenAI.Images;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// <c>/v1/images/edits</c> called with the official OpenAI .NET client (<see cref="ImageClient.GenerateImageEditAsync(string, string, ImageEditOptions)"/>
/// and its siblings), on both hosts, with Azurite behind <c>response_format: url</c>: every combination of Kontext
/// model, <c>n</c>, output format and response format; the image uploaded from a path or a stream, as PNG, JPEG or WebP.
/// </summary>
public abstract class EditDotnetSdkEndToEndTests<THost> : IClassFixture<StorageAppFixture<THost>>
    where THost : IHostKind
{
    private const string Prompt = "make the fox blue";

    private readonly AdapterApp _app;

    protected EditDotnetSdkEndToEndTests(StorageAppFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Model × n × output format × response format; the upload (path or stream) alternates so each meets every other value; the input cycles through PNG, JPEG, WebP.</summary>
    public static TheoryData<string, int, string, string, string, string> Cases => EditCases.Matrix("path", "stream");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Edit_OpenAIDotnetSdk_NImagesFromNSubmitsOfTheUploadedBytes(string model, int n, string outputFormat, string responseFormat, string upload, string input)
    {
        var image = EditInput.Named(input);
        var options = new ImageEditOptions
        {
            OutputFileFormat = outputFormat == "jpeg" ? GeneratedImageFileFormat.Jpeg : GeneratedImageFileFormat.Png,
            ResponseFormat = responseFormat == "url" ? GeneratedImageFormat.Uri : GeneratedImageFormat.Bytes,
        };

        var (raw, images) = await EditAsync(_app.Images(model), image, upload, n, options);

        Assert.Equal(n, images.Count);
        Assert.All(images, generated => Assert.True(responseFormat == "url" ? generated.ImageUri is not null : generated.ImageBytes is not null));
        var size = EditAssertions.KontextOutput(image.Width, image.Height);
        await EditAssertions.AssertImagesAsync(raw, n, outputFormat, responseFormat, size, Token);
        EditAssertions.AssertSubmits(_app.Simulator.State, model, n, image.Bytes, outputFormat);
        EditAssertions.AssertUsage(raw, n, Prompt, (long)image.Width * image.Height, size);
    }

    [Fact]
    public async Task Edit_OpenAIDotnetSdkSeveralImages_UsageSeenThroughTheSdkTypes()
    {
        var result = await _app.Images("flux-kontext-pro").GenerateImageEditsAsync(
            new MemoryStream(EditInput.Png.Bytes), EditInput.Png.FileName, Prompt, 2, new ImageEditOptions(), Token);

        var usage = result.Value.Usage;
        Assert.Equal(EditInput.Png.ImageTokens, usage.InputTokenDetails.ImageTokenCount);
        Assert.Equal(usage.InputTokenDetails.TextTokenCount + EditInput.Png.ImageTokens, usage.InputTokenCount);
        Assert.Equal(GeneratedImageFileFormat.Png, result.Value.OutputFileFormat);
    }

    /// <summary>One edit through the SDK overload for <paramref name="upload"/> and <paramref name="n"/>; the raw JSON and the SDK's images.</summary>
    private static async Task<(string Raw, IReadOnlyList<GeneratedImage> Images)> EditAsync(
        ImageClient client, EditInput image, string upload, int n, ImageEditOptions options)
    {
        if (upload == "path")
        {
            var path = image.WriteToTemporaryFile();
            if (n == 1)
            {
                var single = await client.GenerateImageEditAsync(path, Prompt, options);
                return (Raw(single), [single.Value]);
            }

            var several = await client.GenerateImageEditsAsync(path, Prompt, n, options);
            return (Raw(several), several.Value);
        }

        using var stream = new MemoryStream(image.Bytes);
        if (n == 1)
        {
            var single = await client.GenerateImageEditAsync(stream, image.FileName, Prompt, options, Token);
            return (Raw(single), [single.Value]);
        }

        var fromStream = await client.GenerateImageEditsAsync(stream, image.FileName, Prompt, n, options, Token);
        return (Raw(fromStream), fromStream.Value);
    }

    private static string Raw(ClientResult result) => result.GetRawResponse().Content.ToString();
}

public sealed class EditDotnetSdkEndToEndTestsOnServer(StorageAppFixture<OnServer> fixture) : EditDotnetSdkEndToEndTests<OnServer>(fixture);

public sealed class EditDotnetSdkEndToEndTestsOnFunctions(StorageAppFixture<OnFunctions> fixture) : EditDotnetSdkEndToEndTests<OnFunctions>(fixture);
