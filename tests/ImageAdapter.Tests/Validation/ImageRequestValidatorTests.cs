using ImageAdapter.Catalogue;
using ImageAdapter.Errors;
using ImageAdapter.Tests.Support;
using ImageAdapter.Validation;

namespace ImageAdapter.Tests.Validation;

public sealed class ImageRequestValidatorTests
{
    [Theory]
    [InlineData("""{"model":"SSD-1B"}""", AdapterErrorKind.MissingParameter, "prompt")]
    [InlineData("""{"model":"SSD-1B","prompt":"  "}""", AdapterErrorKind.MissingParameter, "prompt")]
    [InlineData("""{"prompt":"x"}""", AdapterErrorKind.MissingParameter, "model")]
    [InlineData("""{"model":"dall-e-3","prompt":"x"}""", AdapterErrorKind.ModelNotFound, "model")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","n":0}""", AdapterErrorKind.InvalidParameter, "n")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","n":11}""", AdapterErrorKind.InvalidParameter, "n")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","size":"1000x1000"}""", AdapterErrorKind.InvalidParameter, "size")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","size":"big"}""", AdapterErrorKind.InvalidParameter, "size")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","size":"2000x1000"}""", AdapterErrorKind.InvalidParameter, "size")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","aspect_ratio":"7:4"}""", AdapterErrorKind.InvalidParameter, "aspect_ratio")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","aspect_ratio":"1:1","size":"1024x1024"}""", AdapterErrorKind.InvalidParameter, "aspect_ratio")]
    [InlineData("""{"model":"flux-kontext-pro","prompt":"x","size":"2200x900"}""", AdapterErrorKind.InvalidParameter, "size")]
    [InlineData("""{"model":"flux-kontext-pro","prompt":"x","aspect_ratio":"22:9"}""", AdapterErrorKind.InvalidParameter, "aspect_ratio")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","output_format":"webp"}""", AdapterErrorKind.UnsupportedParameter, "output_format")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","output_format":"gif"}""", AdapterErrorKind.InvalidParameter, "output_format")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","n":2,"output_format":"jpeg"}""", AdapterErrorKind.UnsupportedParameter, "output_format")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","output_format":"jpeg","output_compression":50}""", AdapterErrorKind.UnsupportedParameter, "output_compression")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","output_compression":50}""", AdapterErrorKind.UnsupportedParameter, "output_compression")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","output_format":"jpeg","output_compression":101}""", AdapterErrorKind.InvalidParameter, "output_compression")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","background":"transparent"}""", AdapterErrorKind.UnsupportedParameter, "background")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","response_format":"url"}""", AdapterErrorKind.UnsupportedParameter, "response_format")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","response_format":"png"}""", AdapterErrorKind.InvalidParameter, "response_format")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","stream":true,"partial_images":4}""", AdapterErrorKind.InvalidParameter, "partial_images")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","partial_images":-1}""", AdapterErrorKind.InvalidParameter, "partial_images")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","quality":"ultra"}""", AdapterErrorKind.InvalidParameter, "quality")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","style":"bold"}""", AdapterErrorKind.InvalidParameter, "style")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","moderation":"off"}""", AdapterErrorKind.InvalidParameter, "moderation")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","colour":"red"}""", AdapterErrorKind.UnknownParameter, "colour")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","aspect_ratio":"1:1"}""", AdapterErrorKind.UnsupportedParameter, "aspect_ratio")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","safety_tolerance":2}""", AdapterErrorKind.UnsupportedParameter, "safety_tolerance")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","prompt_upsampling":true}""", AdapterErrorKind.UnsupportedParameter, "prompt_upsampling")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","cfg_scale":7.5}""", AdapterErrorKind.InvalidParameter, "cfg_scale")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","steps":0}""", AdapterErrorKind.InvalidParameter, "steps")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","steps":10,"num_inference_steps":10}""", AdapterErrorKind.InvalidParameter, "num_inference_steps")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","seed":-1}""", AdapterErrorKind.InvalidParameter, "seed")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","seed":4294967296}""", AdapterErrorKind.InvalidParameter, "seed")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","sampler":""}""", AdapterErrorKind.InvalidParameter, "sampler")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","negative_prompt":"y"}""", AdapterErrorKind.UnsupportedParameter, "negative_prompt")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","sampler":"euler"}""", AdapterErrorKind.UnsupportedParameter, "sampler")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","guidance_scale":36}""", AdapterErrorKind.InvalidParameter, "guidance_scale")]
    [InlineData("""{"model":"flux-kontext-pro","prompt":"x","steps":4}""", AdapterErrorKind.UnsupportedParameter, "steps")]
    [InlineData("""{"model":"flux-kontext-pro","prompt":"x","safety_check":true}""", AdapterErrorKind.UnsupportedParameter, "safety_check")]
    [InlineData("""{"model":"flux-kontext-pro","prompt":"x","safety_tolerance":7}""", AdapterErrorKind.InvalidParameter, "safety_tolerance")]
    public void Validate_BadRequest_FailsNamingTheField(string json, AdapterErrorKind kind, string param)
    {
        var error = Assert.Throws<AdapterException>(() => TestRequests.Validate(json));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void Validate_SdxlBadSize_ListsTheSupportedSizes()
    {
        var error = Assert.Throws<AdapterException>(() => TestRequests.Validate("""{"model":"SSD-1B","prompt":"x","size":"512x512"}"""));

        Assert.Contains("640x1536, 768x1344, 832x1216, 896x1152, 1024x1024, 1152x896, 1216x832, 1344x768, 1536x640", error.Message);
    }

    [Fact]
    public void Validate_PromptLongerThanLimit_Fails()
    {
        var validator = TestRequests.Validator(limits: new LimitsOptions { MaxPromptLength = 5 });

        var error = Assert.Throws<AdapterException>(() => validator.Validate(TestRequests.Parse("""{"model":"SSD-1B","prompt":"123456"}""")));

        Assert.Equal(("prompt", AdapterErrorKind.InvalidParameter), (error.Param, error.Kind));
    }

    [Fact]
    public void Validate_Defaults_B64PngOneImageModelDefaultSize()
    {
        var request = TestRequests.Validate("""{"model":"accounts/fireworks/models/flux-1-schnell-fp8","prompt":"x","size":"auto","quality":"hd","style":"vivid","moderation":"low","user":"u1","background":"opaque"}""");

        Assert.Equal((1, ImageFormat.Png, ResponseFormat.B64Json), (request.N, request.Format, request.ResponseFormat));
        Assert.Null(request.Size);
        Assert.Null(request.AspectRatio);
        Assert.Equal(ApiFamily.FluxWorkflow, request.Model.Family);
    }

    [Fact]
    public void Validate_NoModelWithDefault_UsesDefault()
    {
        var validator = TestRequests.Validator(new ModelsOptions { Default = "flux-kontext-max" });

        var request = validator.Validate(TestRequests.Parse("""{"prompt":"x"}"""));

        Assert.Equal("accounts/fireworks/models/flux-kontext-max", request.Model.Id);
    }

    [Fact]
    public void Validate_AliasAndAdditionalRow_Resolve()
    {
        var models = new ModelsOptions
        {
            Aliases = { ["playground-v2"] = "accounts/fireworks/models/playground-v2-5-1024px-aesthetic" },
            Additional = { new AdditionalModel { Id = "accounts/acme/models/my-flux", Family = ApiFamily.FluxWorkflow } },
        };
        var validator = TestRequests.Validator(models);

        Assert.Equal("accounts/fireworks/models/playground-v2-5-1024px-aesthetic",
            validator.Validate(TestRequests.Parse("""{"model":"playground-v2","prompt":"x"}""")).Model.Id);
        Assert.Equal(ApiFamily.FluxWorkflow, validator.Validate(TestRequests.Parse("""{"model":"my-flux","prompt":"x"}""")).Model.Family);
    }

    [Fact]
    public void Validate_UrlWithStorage_Accepted()
    {
        var request = TestRequests.Validator(storage: true).Validate(TestRequests.Parse("""{"model":"SSD-1B","prompt":"x","response_format":"url"}"""));

        Assert.Equal(ResponseFormat.Url, request.ResponseFormat);
    }

    [Fact]
    public void Catalogue_AliasToUnknownModel_FailsAtStart() =>
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestRequests.Validator(new ModelsOptions { Aliases = { ["x"] = "accounts/fireworks/models/nope" } }));

    [Fact]
    public void Catalogue_UnknownDefault_FailsAtStart() =>
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestRequests.Validator(new ModelsOptions { Default = "nope" }));
}
