using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Catalogue;

/// <summary>
/// Resolves a requested model name to a catalogue row: by full id (<c>accounts/fireworks/models/x</c>, what the
/// gateway's <c>modelNameOverride</c> sends), by short name (<c>x</c>), or by a configured alias. Each row carries its
/// price: the built-in one, or the one <c>Models__Prices__{name}</c> gives.
/// </summary>
internal sealed class ModelCatalogue
{
    private readonly FrozenDictionary<string, ModelEntry> _byName;

    public ModelCatalogue(IOptions<ModelsOptions> options)
    {
        var settings = options.Value;
        var entries = BuiltInModels.All
            .Concat(settings.Additional.Select(row => new ModelEntry(row.Id, row.Family!.Value)))
            .DistinctBy(entry => entry.Id, StringComparer.Ordinal)
            .ToArray();

        var byName = new Dictionary<string, ModelEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            byName[entry.Id] = entry;
            byName.TryAdd(entry.ShortName, entry);
        }

        foreach (var (alias, target) in settings.Aliases)
        {
            byName[alias] = byName.GetValueOrDefault(target)
                ?? throw ModelsOptions.Invalid($"Models:Aliases:{alias} points to '{target}', which is not in the model catalogue.");
        }

        var prices = PricesById(settings.Prices, byName);
        Entries = entries.Select(entry => prices.TryGetValue(entry.Id, out var price) ? entry with { Price = price } : entry).ToArray();
        var byId = Entries.ToDictionary(entry => entry.Id, StringComparer.Ordinal);
        Aliases = settings.Aliases.Keys.Order(StringComparer.Ordinal).ToArray();
        _byName = byName.ToFrozenDictionary(pair => pair.Key, pair => byId[pair.Value.Id], StringComparer.Ordinal);
        Default = settings.Default;
        if (Default is not null && Find(Default) is null)
        {
            throw ModelsOptions.Invalid($"Models:Default is '{Default}', which is not in the model catalogue.");
        }
    }

    /// <summary>Every catalogue row, built-in first.</summary>
    public IReadOnlyList<ModelEntry> Entries { get; }

    /// <summary>Configured alias names.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The configured default model name, if any.</summary>
    public string? Default { get; }

    public ModelEntry? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Each <c>Models__Prices__{name}</c> applied to the row its name resolves to; one name per row.</summary>
    private static Dictionary<string, ModelPrice> PricesById(Dictionary<string, PriceSetting> settings, Dictionary<string, ModelEntry> byName)
    {
        var prices = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var (name, setting) in settings)
        {
            var key = $"{ModelsOptions.Section}__Prices__{name}";
            var entry = byName.GetValueOrDefault(name) ?? throw ModelsOptions.Invalid($"{key} names no model in the catalogue.");
            if (!prices.TryAdd(entry.Id, setting.ApplyTo(entry.Price, key)))
            {
                throw ModelsOptions.Invalid($"{key}: {entry.Id} is already priced under another name.");
            }
        }

        return prices;
    }
}
