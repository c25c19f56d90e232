using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Catalogue;

/// <summary>
/// Start-up checks of <c>Models__*</c>: each extra row and price, and that every alias, price and the default name a
/// catalogue row. The catalogue itself is built lazily, so without this a bad alias would fail every request instead of
/// the start-up. Given the configuration (as registered), also the <c>Family</c> of each extra row and each price as they
/// were written.
/// </summary>
internal sealed class ModelsOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<ModelsOptions>
{
    private static readonly FrozenDictionary<string, Func<string?, bool>> PriceFields = new Dictionary<string, Func<string?, bool>>
    {
        [nameof(PriceSetting.UsdPerStep)] = IsDecimal,
        [nameof(PriceSetting.DefaultSteps)] = value => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        [nameof(PriceSetting.UsdPerImage)] = IsDecimal,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase); // configuration keys ignore case

    public ValidateOptionsResult Validate(string? name, ModelsOptions options)
    {
        var failures = UnreadableFamilies().Concat(UnreadablePrices()).Concat(ValuesWithoutFields()).ToList();
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

    // The binder drops a list row whose Family it cannot convert, without a word, and takes any number as a family.
    private IEnumerable<string> UnreadableFamilies() =>
        from row in Section(nameof(ModelsOptions.Additional))
        let family = row[nameof(AdditionalModel.Family)]
        where !string.IsNullOrEmpty(family) && !(Enum.TryParse<ApiFamily>(family, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        select $"Models__Additional__{row.Key}__Family is '{family}': use one of {string.Join(", ", Enum.GetNames<ApiFamily>())}.";

    // The binder drops a price with a value it cannot convert the same way (the built-in price would stay), and skips a
    // misspelt field.
    private IEnumerable<string> UnreadablePrices() =>
        from price in Section(nameof(ModelsOptions.Prices))
        from field in price.GetChildren()
        let readable = PriceFields.GetValueOrDefault(field.Key)
        where readable is null || !readable(field.Value)
        select readable is null
            ? $"Models__Prices__{price.Key}__{field.Key} is not a price setting: use UsdPerStep, DefaultSteps or UsdPerImage."
            : $"Models__Prices__{price.Key}__{field.Key} is '{field.Value}', not a number of its kind.";

    // A value set on a price or an extra row itself (Models__Prices__x=0.04) has no field to go to: the binder drops it.
    private IEnumerable<string> ValuesWithoutFields() =>
        from collection in new[] { nameof(ModelsOptions.Additional), nameof(ModelsOptions.Prices) }
        from entry in Section(collection)
        where entry.Value is not null && !entry.GetChildren().Any()
        select collection == nameof(ModelsOptions.Prices)
            ? $"Models__Prices__{entry.Key} is '{entry.Value}', but a price is set by its fields: Models__Prices__{entry.Key}__UsdPerStep and __DefaultSteps, or __UsdPerImage."
            : $"Models__Additional__{entry.Key} is '{entry.Value}', but an extra row is set by its fields: Models__Additional__{entry.Key}__Id and __Family.";

    private IEnumerable<IConfigurationSection> Section(string collection) =>
        configuration?.GetSection($"{ModelsOptions.Section}:{collection}").GetChildren() ?? [];

    private static bool IsDecimal(string? value) => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _);

    /// <summary>The annotations of one extra row or price, named the way <see cref="SettingsAnnotationsValidator{TOptions}"/> names a setting.</summary>
    private static void Check(object setting, string key, List<string> failures) => failures.AddRange(SettingsAnnotations.Failures(setting, key));
}
