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
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        SettingsAnnotations.Failures(options, section) is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
}

/// <summary>The annotation failures of one settings object, each named <c>{key}__{Property} is {value}: {error}</c>.</summary>
internal static class SettingsAnnotations
{
    public static IReadOnlyList<string> Failures(object setting, string key)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(setting, new ValidationContext(setting), results, validateAllProperties: true)
            ? []
            : results.SelectMany(result => result.MemberNames.Select(member =>
                $"{key}__{member} is {setting.GetType().GetProperty(member)?.GetValue(setting)}: {result.ErrorMessage}")).ToArray();
    }
}
