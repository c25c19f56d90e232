using ImageAdapter.Errors;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Validation;

/// <summary><c>stream</c> and <c>partial_images</c>: accepted within OpenAI's range; images as URLs cannot be streamed.</summary>
public sealed class StreamValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Validate_StreamWithPartialImagesInRange_IsAStreamingRequest(int partialImages)
    {
        var request = TestRequests.Validate($$"""{"model":"flux-1-dev-fp8","prompt":"x","stream":true,"partial_images":{{partialImages}},"quality":"high"}""");

        Assert.Equal((true, "high"), (request.Stream, request.Quality));
    }

    [Fact]
    public void Validate_NoStream_IsNotAStreamingRequest() =>
        Assert.False(TestRequests.Validate("""{"model":"flux-1-dev-fp8","prompt":"x","stream":false}""").Stream);

    [Fact]
    public void Validate_StreamOfUrls_IsRefusedNamingResponseFormat()
    {
        var validator = TestRequests.Validator(storage: true);

        var exception = Assert.Throws<AdapterException>(() =>
            validator.Validate(TestRequests.Parse("""{"model":"flux-1-dev-fp8","prompt":"x","stream":true,"response_format":"url"}""")));

        Assert.Equal((AdapterErrorKind.UnsupportedParameter, "response_format"), (exception.Kind, exception.Param));
    }

    [Fact]
    public void Validate_StreamOfUrls_MessageSaysHowImagesAreStreamed()
    {
        var validator = TestRequests.Validator(storage: true);

        var exception = Assert.Throws<AdapterException>(() =>
            validator.Validate(TestRequests.Parse("""{"model":"flux-1-dev-fp8","prompt":"x","stream":true,"response_format":"url"}""")));

        Assert.Equal("With 'stream': true the images come as base64 in the stream's events; omit 'response_format' or use 'b64_json'.", exception.Message);
    }

    [Fact]
    public void Validate_UrlsWithoutStream_AreAccepted() =>
        Assert.NotNull(TestRequests.Validator(storage: true).Validate(TestRequests.Parse("""{"model":"flux-1-dev-fp8","prompt":"x","response_format":"url"}""")));
}
