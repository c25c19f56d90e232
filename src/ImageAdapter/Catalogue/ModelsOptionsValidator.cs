using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Catalogue;

/// <summary>
/// Start-up checks of <c>Models__*</c>: each extra row, and that every alias and the default name a catalogue row. The
/// catalogue itself is built lazily, so without this a bad alias would fail every request instead of the start-up.
/// </summary>
internal sealed class ModelsOptionsValidator : IValidateOptions<ModelsOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Additional.Count; i++)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(options.Additional[i], new ValidationContext(options.Additional[i]), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(result => $"Models__Additional__{i}__{result.MemberNames.FirstOrDefault()}: {result.ErrorMessage}"));
            }
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
}
