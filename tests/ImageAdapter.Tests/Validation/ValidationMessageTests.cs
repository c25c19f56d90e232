using ImageAdapter.Catalogue;
using ImageAdapter.Errors;
using ImageAdapter.Tests.Support;
using ImageAdapter.Validation;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Tests.Validation;

/// <summary>
/// What the error message tells a caller: the field, the value given, and what is accepted. The kinds and params are
/// checked in <see cref="ImageRequestValidatorTests"/>; these are the words a developer reads to fix the request.
/// </summary>
public sealed class ValidationMessageTests
{
    [Theory]
    [InlineData("""{"model":"SSD-1B","prompt":"x","stream":true,"partial_images":4}""", "'partial_images' must be between 0 and 3; got 4")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","zebra":1,"aardvark":2}""", "'aardvark'")]
    [InlineData("""{"model":"SSD-1B","prompt":" "}""", "'prompt' is required")]
    [InlineData("""{"model":"gpt-image-1","prompt":"x"}""", "The model 'gpt-image-1' does not exist")]
    [InlineData("""{"prompt":"x"}""", "no default model (Models__Default)")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","n":11}""", "between 1 and 10; got 11")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","output_format":"gif"}""", "'gif' for output_format. Supported values are: 'png' and 'jpeg'")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","output_format":"jpeg","output_compression":101}""", "between 0 and 100; got 101")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","output_compression":50}""", "applies to output_format 'jpeg' only")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","response_format":"url"}""", "needs image storage")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","quality":"ultra"}""", "'ultra' for quality. Supported values are: 'auto', 'standard', 'hd', 'low', 'medium', 'high'")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","aspect_ratio":"1:1"}""", "not supported by model 'SSD-1B'; use 'size'")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","aspect_ratio":"1:1","size":"1024x1024"}""", "either 'size' or 'aspect_ratio', not both")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","aspect_ratio":"7:4"}""", "'7:4' for aspect_ratio. Supported values are: 1:1, 21:9")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","size":"2000x1000"}""", "not within 5% of an aspect ratio FLUX supports (1:1, 21:9")]
    [InlineData("""{"model":"flux-kontext-pro","prompt":"x","aspect_ratio":"22:9"}""", "'22:9' for aspect_ratio: expected 'W:H' between 21:9 and 9:21")]
    [InlineData("""{"model":"flux-kontext-pro","prompt":"x","size":"2200x900"}""", "Size '2200x900' is outside the aspect ratios Kontext supports")]
    [InlineData("""{"model":"flux-1-dev-fp8","prompt":"x","guidance_scale":36}""", "'guidance_scale' must be between 0 and 35; got 36")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","cfg_scale":7.5}""", "'cfg_scale' must be a whole number for model 'SSD-1B'; got 7.5")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","sampler":""}""", "'sampler' must be a non-empty name")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","n":2,"output_format":"jpeg"}""", "Model 'SSD-1B' returns more than one image only as 'png'")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","output_format":"jpeg","output_compression":50}""", "not supported by model 'SSD-1B': Fireworks sets JPEG quality only for FLUX")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","response_format":"png"}""", "'png' for response_format. Supported values are: 'b64_json' and 'url'")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","background":"transparent"}""", "background 'transparent' is not supported")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","output_format":"webp"}""", "output_format 'webp' is not supported")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","size":"big"}""", "Invalid value 'big' for size: expected 'auto' or 'WIDTHxHEIGHT'")]
    [InlineData("""{"model":"flux-kontext-pro","prompt":"x","steps":4}""", "'steps' is not supported by model 'flux-kontext-pro' (KontextWorkflow)")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","steps":10,"num_inference_steps":10}""", "'steps' and 'num_inference_steps' are the same setting")]
    [InlineData("""{"model":"SSD-1B","prompt":"x","steps":151}""", "'steps' must be between 1 and 150; got 151")]
    public void Validate_BadRequest_MessageSaysWhatToChange(string json, string expected)
    {
        var error = Assert.Throws<AdapterException>(() => TestRequests.Validate(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownField_MessageNamesTheFirstAndListsTheAcceptedOnes()
    {
        var error = Assert.Throws<AdapterException>(() => TestRequests.Validate("""{"model":"SSD-1B","prompt":"x","zebra":1,"aardvark":2}"""));

        Assert.StartsWith(
            "Unrecognized request argument supplied: 'aardvark'. Accepted fields: aspect_ratio, background, cfg_scale, guidance_scale, image, model, ",
            error.Message,
            StringComparison.Ordinal);

        // The extension-data property that collects unknown fields is no accepted field ("unknown_fields" was listed).
        Assert.EndsWith(", steps, stream, style, user.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PromptTooLong_MessageGivesLengthAndLimit()
    {
        var validator = TestRequests.Validator(limits: new LimitsOptions { MaxPromptLength = 5 });

        var error = Assert.Throws<AdapterException>(() => validator.Validate(TestRequests.Parse("""{"model":"SSD-1B","prompt":"123456"}""")));

        Assert.Contains("'prompt' is 6 characters long; the maximum is 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativePromptTooLong_NamesNegativePrompt()
    {
        var validator = TestRequests.Validator(limits: new LimitsOptions { MaxPromptLength = 5 });

        var error = Assert.Throws<AdapterException>(() => validator.Validate(TestRequests.Parse("""{"model":"SSD-1B","prompt":"x","negative_prompt":"123456"}""")));

        Assert.Equal("negative_prompt", error.Param);
        Assert.Contains("'negative_prompt' is 6 characters long", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flux-kontext-pro", "7:4")]
    [InlineData("flux-1-dev-fp8", "21:9")]
    public void Validate_AspectRatioTheModelTakes_IsPassedOn(string model, string ratio) =>
        Assert.Equal(ratio, TestRequests.Validate($$"""{"model":"{{model}}","prompt":"x","aspect_ratio":"{{ratio}}"}""").AspectRatio);

    [Fact]
    public void Validate_NegativeGuidance_IsRefused() =>
        Assert.Equal("guidance_scale", Assert.Throws<AdapterException>(
            () => TestRequests.Validate("""{"model":"flux-1-dev-fp8","prompt":"x","guidance_scale":-1}""")).Param);

    [Theory]
    [InlineData("nope", null, "Models:Aliases:mine points to 'nope'")]
    [InlineData("SSD-1B", "missing-model", "Models:Default is 'missing-model'")]
    public void ModelCatalogue_UnknownAliasTargetOrDefault_SaysWhichSetting(string aliasTarget, string? defaultModel, string expected)
    {
        var options = new ModelsOptions { Default = defaultModel };
        options.Aliases["mine"] = aliasTarget;

        var error = Assert.Throws<OptionsValidationException>(() => new ModelCatalogue(Options.Create(options)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
