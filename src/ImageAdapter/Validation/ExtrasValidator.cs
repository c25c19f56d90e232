using ImageAdapter.Catalogue;
using ImageAdapter.Contract;
using static ImageAdapter.Validation.ImageRequestValidator;

namespace ImageAdapter.Validation;

/// <summary>
/// Checks the Fireworks-specific top-level fields: each must be accepted by the model's family and in range.
/// <c>steps</c>/<c>num_inference_steps</c> and <c>cfg_scale</c>/<c>guidance_scale</c> are two names for one setting.
/// </summary>
internal static class ExtrasValidator
{
    public const int MaxSteps = 150;
    public const double MaxGuidance = 35;
    public const long MaxSeed = uint.MaxValue;

    public static FireworksExtras Validate(CreateImageRequest request, ModelEntry model, FamilyCapabilities capabilities, string? negativePrompt)
    {
        void Require(string field, bool present)
        {
            if (present && !capabilities.Extras.Contains(field))
            {
                throw Unsupported(field, $"'{field}' is not supported by model '{model.ShortName}' ({model.Family}).");
            }
        }

        Require("negative_prompt", negativePrompt is not null);
        Require("seed", request.Seed is not null);
        Require("steps", request.Steps is not null);
        Require("num_inference_steps", request.NumInferenceSteps is not null);
        Require("cfg_scale", request.CfgScale is not null);
        Require("guidance_scale", request.GuidanceScale is not null);
        Require("sampler", request.Sampler is not null);
        Require("safety_check", request.SafetyCheck is not null);
        Require("safety_tolerance", request.SafetyTolerance is not null);
        Require("prompt_upsampling", request.PromptUpsampling is not null);

        return new FireworksExtras
        {
            NegativePrompt = negativePrompt,
            Seed = InRange("seed", request.Seed, 0, MaxSeed),
            Steps = InRange(OneOf("steps", request.Steps, "num_inference_steps", request.NumInferenceSteps), 1, MaxSteps),
            Guidance = Guidance(request, model),
            Sampler = Sampler(request.Sampler),
            SafetyCheck = request.SafetyCheck,
            SafetyTolerance = InRange("safety_tolerance", request.SafetyTolerance, 0, 6),
            PromptUpsampling = request.PromptUpsampling,
        };
    }

    private static double? Guidance(CreateImageRequest request, ModelEntry model)
    {
        var (field, value) = OneOf("cfg_scale", request.CfgScale, "guidance_scale", request.GuidanceScale);
        if (value is null)
        {
            return null;
        }

        if (double.IsNaN(value.Value) || value < 0 || value > MaxGuidance)
        {
            throw Invalid(field, $"'{field}' must be between 0 and {MaxGuidance}; got {value}.");
        }

        // The image_generation API types cfg_scale as an integer.
        return model.Family == ApiFamily.ImageGeneration && value != Math.Floor(value.Value)
            ? throw Invalid(field, $"'{field}' must be a whole number for model '{model.ShortName}'; got {value}.")
            : value;
    }

    private static string? Sampler(string? sampler) => sampler switch
    {
        null => null,
        { Length: > 0 and <= 64 } => sampler,
        _ => throw Invalid("sampler", "'sampler' must be a non-empty name of at most 64 characters."),
    };

    private static (string Field, T? Value) OneOf<T>(string first, T? firstValue, string second, T? secondValue)
        where T : struct
    {
        if (firstValue is not null && secondValue is not null)
        {
            throw Invalid(second, $"'{first}' and '{second}' are the same setting; give only one.");
        }

        return firstValue is not null ? (first, firstValue) : (second, secondValue);
    }

    private static int? InRange((string Field, int? Value) input, int min, int max) => InRange(input.Field, input.Value, min, max);

    private static T? InRange<T>(string field, T? value, T min, T max)
        where T : struct, IComparable<T> =>
        value is null || (value.Value.CompareTo(min) >= 0 && value.Value.CompareTo(max) <= 0)
            ? value
            : throw Invalid(field, $"'{field}' must be between {min} and {max}; got {value}.");
}
