using System.Text.Json.Nodes;
using ImageAdapter.Tests.Storage;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>
/// <c>/v1/images/edits</c> and an input <c>image</c> on <c>/v1/images/generations</c>, called with the official
/// <c>openai</c> npm package under Node (<c>Node/images.mjs</c>), on both hosts, with Azurite behind
/// <c>response_format: url</c>. The same matrix as the .NET client; the file goes as <c>fs.createReadStream</c>
/// (sent chunked, typed <c>application/octet-stream</c>) or as <c>toFile</c> (a sized part with its image type).
/// </summary>
public abstract class EditNodeSdkEndToEndTests<THost> : IClassFixture<StorageAppFixture<THost>>
    where THost : IHostKind
{
    private const string Prompt = "make the fox blue";

    private readonly AdapterApp _app;

    protected EditNodeSdkEndToEndTests(StorageAppFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, string, string, string, string> Cases => EditCases.Matrix("stream", "toFile");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Edit_OpenAINodeSdk_NImagesFromNSubmitsOfTheUploadedBytes(string model, int n, string outputFormat, string responseFormat, string upload, string input)
    {
        var image = EditInput.Named(input);
        var request = new JsonObject
        {
            ["operation"] = "edit",
            ["imagePath"] = image.WriteToTemporaryFile(),
            ["upload"] = upload,
            ["params"] = new JsonObject
            {
                ["model"] = model,
                ["prompt"] = Prompt,
                ["n"] = n,
                ["response_format"] = responseFormat,
                ["output_format"] = outputFormat,
            },
        };

        var answer = await NodeImagesClient.RunAsync(_app, request, Token);

        var result = answer.Result;
        var size = EditAssertions.KontextOutput(image.Width, image.Height);
        await EditAssertions.AssertImagesAsync(result, n, outputFormat, responseFormat, size, Token);
        EditAssertions.AssertSubmits(_app.Simulator.State, model, n, image.Bytes, outputFormat);
        EditAssertions.AssertUsage(result, n, Prompt, (long)image.Width * image.Height, size);
    }

    /// <summary>
    /// <c>image</c> is no field of the npm SDK's <c>images.generate</c> types, but the SDK sends the body it is given
    /// unchanged (no <c>body</c> request option needed): the data URL arrives, and Fireworks gets its bytes.
    /// </summary>
    [Fact]
    public async Task Generate_OpenAINodeSdkWithDataUrlImage_FireworksGetsTheImageBytes()
    {
        var request = new JsonObject
        {
            ["operation"] = "generate",
            ["imagePath"] = EditInput.Jpeg.WriteToTemporaryFile(),
            ["params"] = new JsonObject { ["model"] = "flux-kontext-pro", ["prompt"] = Prompt },
        };

        var answer = await NodeImagesClient.RunAsync(_app, request, Token);

        var result = answer.Result;
        var size = EditAssertions.KontextOutput(EditInput.Jpeg.Width, EditInput.Jpeg.Height);
        await EditAssertions.AssertImagesAsync(result, 1, "png", "b64_json", size, Token);
        EditAssertions.AssertSubmits(_app.Simulator.State, "flux-kontext-pro", 1, EditInput.Jpeg.Bytes, "png");
        EditAssertions.AssertUsage(result, 1, Prompt, (long)EditInput.Jpeg.Width * EditInput.Jpeg.Height, size);
    }

    /// <summary>The npm SDK raises an <c>APIError</c> carrying the adapter's OpenAI error, as it does for OpenAI's own.</summary>
    [Fact]
    public async Task Edit_OpenAINodeSdkNonKontextModel_SdkRaisesTheAdapters400()
    {
        var request = new JsonObject
        {
            ["operation"] = "edit",
            ["imagePath"] = EditInput.Png.WriteToTemporaryFile(),
            ["upload"] = "stream",
            ["params"] = new JsonObject { ["model"] = "flux-1-schnell-fp8", ["prompt"] = Prompt },
        };

        var answer = await NodeImagesClient.RunAsync(_app, request, Token);

        Assert.Equal(1, answer.ExitCode);
        var error = answer.Printed["error"]!;
        Assert.Equal(400, error["status"]!.GetValue<int>());
        Assert.Equal(("unsupported_parameter", "image"), (error["body"]!["code"]!.GetValue<string>(), error["body"]!["param"]!.GetValue<string>()));
        Assert.Empty(_app.Simulator.State.Requests);
    }
}

public sealed class EditNodeSdkEndToEndTestsOnServer(StorageAppFixture<OnServer> fixture) : EditNodeSdkEndToEndTests<OnServer>(fixture);

public sealed class EditNodeSdkEndToEndTestsOnFunctions(StorageAppFixture<OnFunctions> fixture) : EditNodeSdkEndToEndTests<OnFunctions>(fixture);
