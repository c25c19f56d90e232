using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ImageAdapter;

/// <summary>
/// Checks a settings class's data annotations (<c>[Range]</c> and the like) at start-up and names each failure by the
/// setting an operator writes, <c>Limits__MaxJsonDepth</c>, with the value given, rather than by class and property.
/// </summary>
internal sealed class SettingsAnnotationsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.SelectMany(result => result.MemberNames.Select(member =>
            $"{section}__{member} is {typeof(TOptions).GetProperty(member)?.GetValue(options)}: {result.ErrorMessage}")));
    }
}
