using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Catalogue;

/// <summary>
/// Start-up checks of <c>Models__*</c>: each extra row and price, and that every alias, price and the default name a
/// catalogue row. The catalogue itself is built lazily, so without this a bad alias would fail every request instead of
/// the start-up.
/// </summary>
internal sealed class ModelsOptionsValidator(IConfiguration configuration) : IValidateOptions<ModelsOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelsOptions options)
    {
        var failures = new List<string>();
        Read(nameof(ModelsOptions.Additional), typeof(AdditionalModel), failures);
        Read(nameof(ModelsOptions.Prices), typeof(PriceSetting), failures);
        for (var i = 0; i < options.Additional.Count; i++)
        {
            Check(options.Additional[i], $"Models__Additional__{i}", failures);
        }

        foreach (var (model, price) in options.Prices)
        {
            Check(price, $"Models__Prices__{model}", failures);
        }

        if (failures.Count == 0)
        {
            try
            {
                _ = new ModelCatalogue(Options.Create(options));
            }
            catch (OptionsValidationException exception)
            {
                failures.AddRange(exception.Failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The binder drops a list or dictionary element with a value it cannot convert (<c>UsdPerStep=cheap</c>,
    /// <c>Family=Flux</c>) without a word: bound alone, the element says which value it is.
    /// </summary>
    private void Read(string collection, Type element, List<string> failures)
    {
        foreach (var child in configuration.GetSection(ModelsOptions.Section).GetSection(collection).GetChildren())
        {
            try
            {
                child.Get(element);
            }
            catch (InvalidOperationException exception)
            {
                failures.Add(exception.Message);
            }
        }
    }

    private static void Check(object setting, string key, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(setting, new ValidationContext(setting), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(result => $"{key}__{result.MemberNames.FirstOrDefault()}: {result.ErrorMessage}"));
        }
    }
}
