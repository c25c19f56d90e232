using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Catalogue;

/// <summary>
/// Start-up checks of <c>Models__*</c>: each extra row, and that every alias and the default name a catalogue row. The
/// catalogue itself is built lazily, so without this a bad alias would fail every request instead of the start-up.
/// Given the configuration (as registered), also the <c>Family</c> of each extra row as it was written.
/// </summary>
internal sealed class ModelsOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<ModelsOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelsOptions options)
    {
        var failures = UnreadableFamilies().ToList();
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

    // The binder drops a list row whose Family it cannot convert, without a word, and takes any number as a family.
    private IEnumerable<string> UnreadableFamilies() =>
        from row in configuration?.GetSection($"{ModelsOptions.Section}:{nameof(ModelsOptions.Additional)}").GetChildren() ?? []
        let family = row[nameof(AdditionalModel.Family)]
        where !string.IsNullOrEmpty(family) && !(Enum.TryParse<ApiFamily>(family, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        select $"Models__Additional__{row.Key}__Family is '{family}': use one of {string.Join(", ", Enum.GetNames<ApiFamily>())}.";
}
