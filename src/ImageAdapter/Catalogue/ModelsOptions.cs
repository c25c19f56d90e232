using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Catalogue;

/// <summary>Settings under <c>Models__*</c>.</summary>
public sealed class ModelsOptions
{
    public const string Section = "Models";

    /// <summary>Model used when a request names none. Unset: such a request is a 400.</summary>
    public string? Default { get; set; }

    /// <summary>Client-facing alias → model name or id, e.g. <c>Models__Aliases__playground-v2</c>.</summary>
    public Dictionary<string, string> Aliases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Extra catalogue rows, e.g. <c>Models__Additional__0__Id</c> and <c>Models__Additional__0__Family</c>.</summary>
    public List<AdditionalModel> Additional { get; set; } = [];

    /// <summary>Model name (short name, id or alias) → its price, e.g. <c>Models__Prices__flux-1-dev-fp8__UsdPerStep</c>.</summary>
    public Dictionary<string, PriceSetting> Prices { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The start-up failure for a catalogue that these settings cannot build.</summary>
    internal static OptionsValidationException Invalid(string failure) => new(Section, typeof(ModelsOptions), [failure]);
}

/// <summary>A catalogue row added by configuration.</summary>
public sealed class AdditionalModel
{
    [Required]
    [RegularExpression("^accounts/[A-Za-z0-9._-]+/models/[A-Za-z0-9._-]+$", ErrorMessage = "Id must look like accounts/<account>/models/<name>.")]
    public string Id { get; set; } = "";

    [Required]
    public ApiFamily? Family { get; set; }
}
