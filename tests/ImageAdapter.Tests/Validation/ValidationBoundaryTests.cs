using ImageAdapter.Errors;
using ImageAdapter.Tests.Support;
using ImageAdapter.Validation;

namespace ImageAdapter.Tests.Validation;

/// <summary>Every documented value is accepted, the edges of each range too, and the fields a family lacks are refused.</summary>
public sealed class ValidationBoundaryTests
{
    [Theory]
    [InlineData("quality", "auto")]
    [InlineData("quality", "standard")]
    [InlineData("quality", "hd")]
    [InlineData("quality", "low")]
    [InlineData("quality", "medium")]
    [InlineData("quality", "high")]
    [InlineData("style", "vivid")]
    [InlineData("style", "natural")]
    [InlineData("moderation", "auto")]
    [InlineData("moderation", "low")]
    [InlineData("background", "auto")]
    [InlineData("background", "opaque")]
    [InlineData("output_format", "png")]
    [InlineData("response_format", "b64_json")]
    public void Validate_DocumentedValue_IsAccepted(string field, string value) =>
        Assert.NotNull(TestRequests.Validate($$"""{"model":"SSD-1B","prompt":"x","{{field}}":"{{value}}"}"""));

    [Fact]
    public void Validate_UnknownBackground_IsRefused() =>
        Assert.Equal("background", Assert.Throws<AdapterException>(
            () => TestRequests.Validate("""{"model":"SSD-1B","prompt":"x","background":"blue"}""")).Param);

    [Theory]
    [InlineData("1:1")]
    [InlineData("21:9")]
    [InlineData("16:9")]
    [InlineData("3:2")]
    [InlineData("5:4")]
    [InlineData("4:5")]
    [InlineData("2:3")]
    [InlineData("9:16")]
    [InlineData("9:21")]
    [InlineData("4:3")]
    [InlineData("3:4")]
    public void Validate_EveryFluxRatio_IsPassedOn(string ratio) =>
        Assert.Equal(ratio, TestRequests.Validate($$"""{"model":"flux-1-dev-fp8","prompt":"x","aspect_ratio":"{{ratio}}"}""").AspectRatio);

    [Theory]
    [InlineData("""{"model":"SSD-1B","prompt":"x","n":1}""")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","n":10}""")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","guidance_scale":0}""")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","partial_images":0}""")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","output_format":"jpeg","output_compression":0}""")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","output_format":"jpeg","output_compression":100}""")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","guidance_scale":35}""")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","steps":1}""")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","steps":150}""")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","seed":0}""")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","seed":4294967295}""")]
    public void Validate_ValueOnTheEdgeOfItsRange_IsAccepted(string json) =>
        Assert.NotNull(TestRequests.Validate(json));

    [Fact]
    public void Validate_SamplerOf64Characters_IsAccepted() =>
        Assert.Equal(new string('s', 64), TestRequests.Validate($$"""{"model":"SSD-1B","prompt":"x","sampler":"{{new string('s', 64)}}"}""").Extras.Sampler);

    [Fact]
    public void Validate_PromptOfExactlyTheMaximum_IsAccepted() =>
        Assert.NotNull(TestRequests.Validator(limits: new LimitsOptions { MaxPromptLength = 5 }).Validate(TestRequests.Parse("""{"model":"SSD-1B","prompt":"12345"}""")));

    [Theory]
    [InlineData("num_inference_steps", "4")]
    [InlineData("cfg_scale", "3")]
    [InlineData("guidance_scale", "3")]
    public void Validate_FieldKontextLacks_IsRefusedAsUnsupported(string field, string value)
    {
        var error = Assert.Throws<AdapterException>(() => TestRequests.Validate($$"""{"model":"flux-kontext-pro","prompt":"x","{{field}}":{{value}}}"""));

        Assert.Equal((AdapterErrorKind.UnsupportedParameter, field), (error.Kind, error.Param));
    }

    // The README's settings table: requests up to 1 MiB.
    [Fact]
    public void LimitsOptions_Default_OneMebibyteBodies() => Assert.Equal(1024 * 1024, new LimitsOptions().MaxRequestBodyBytes);
}
