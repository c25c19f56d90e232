using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace ImageAdapter.Catalogue;

/// <summary>
/// Resolves a requested model name to a catalogue row: by full id (<c>accounts/fireworks/models/x</c>, what the
/// gateway's <c>modelNameOverride</c> sends), by short name (<c>x</c>), or by a configured alias.
/// </summary>
internal sealed class ModelCatalogue
{
    private readonly FrozenDictionary<string, ModelEntry> _byName;

    public ModelCatalogue(IOptions<ModelsOptions> options)
    {
        var settings = options.Value;
        Entries = BuiltInModels.All
            .Concat(settings.Additional.Select(row => new ModelEntry(row.Id, row.Family!.Value)))
            .DistinctBy(entry => entry.Id, StringComparer.Ordinal)
            .ToArray();

        var byName = new Dictionary<string, ModelEntry>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            byName[entry.Id] = entry;
            byName.TryAdd(entry.ShortName, entry);
        }

        foreach (var (alias, target) in settings.Aliases)
        {
            byName[alias] = byName.GetValueOrDefault(target)
                ?? throw new OptionsValidationException(ModelsOptions.Section, typeof(ModelsOptions),
                    [$"Models:Aliases:{alias} points to '{target}', which is not in the model catalogue."]);
        }

        Aliases = settings.Aliases.Keys.Order(StringComparer.Ordinal).ToArray();
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        Default = settings.Default;
        if (Default is not null && Find(Default) is null)
        {
            throw new OptionsValidationException(ModelsOptions.Section, typeof(ModelsOptions),
                [$"Models:Default is '{Default}', which is not in the model catalogue."]);
        }
    }

    /// <summary>Every catalogue row, built-in first.</summary>
    public IReadOnlyList<ModelEntry> Entries { get; }

    /// <summary>Configured alias names.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The configured default model name, if any.</summary>
    public string? Default { get; }

    public ModelEntry? Find(string name) => _byName.GetValueOrDefault(name);
}
