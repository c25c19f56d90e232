using System.Text.Json;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// The shape of an answer body, without its values: for JSON every path with its kind (<c>error.message: string</c>,
/// <c>base64[]: string(data-uri)</c>), otherwise the kind of content. Two shapes match when they have the same paths and
/// kinds; <c>null</c> matches any kind, since an optional field may be null on one side only.
/// </summary>
internal sealed record BodyShape(string Kind, IReadOnlyDictionary<string, string> Paths)
{
    private const string Null = "null";

    public static BodyShape Of(RecordedExchange exchange)
    {
        using var json = exchange.ResponseJson();
        if (json is not null)
        {
            var paths = new SortedDictionary<string, string>(StringComparer.Ordinal);
            Walk(json.RootElement, "", paths);
            return new BodyShape("json", paths);
        }

        var kind = exchange.ResponseBody.Length == 0 ? "empty"
            : ImageDimensions.Of(exchange.ResponseBody) is not null ? $"binary {exchange.MediaType}"
            : $"text ({exchange.MediaType ?? "no content type"})";
        return new BodyShape(kind, new Dictionary<string, string>());
    }

    /// <summary>Empty when the shapes match; otherwise what differs, from Fireworks' side.</summary>
    public IReadOnlyList<string> DifferencesFrom(BodyShape simulator)
    {
        if (Kind != simulator.Kind)
        {
            return [$"{Kind} where the simulator answers {simulator.Kind}"];
        }

        var differences = new List<string>();
        foreach (var (path, kind) in simulator.Paths)
        {
            if (!Paths.TryGetValue(path, out var actual))
            {
                differences.Add($"no `{path}`");
            }
            else if (actual != kind && actual != Null && kind != Null)
            {
                differences.Add($"`{path}` is {actual}, not {kind}");
            }
        }

        differences.AddRange(Paths.Keys.Where(path => !simulator.Paths.ContainsKey(path)).Select(path => $"extra `{path}` ({Paths[path]})"));
        return differences;
    }

    public override string ToString() => Kind == "json"
        ? Paths.Count == 0 ? "json (no fields)" : string.Join(", ", Paths.Select(path => $"{path.Key}: {path.Value}"))
        : Kind;

    private static void Walk(JsonElement element, string path, IDictionary<string, string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", paths);
                }

                if (path.Length > 0 && !element.EnumerateObject().Any())
                {
                    paths[path] = "object";
                }

                break;
            case JsonValueKind.Array:
                // Items are assumed alike: the first one stands for all.
                var items = element.EnumerateArray().ToArray();
                if (items.Length == 0)
                {
                    paths[path + "[]"] = "empty array";
                }
                else
                {
                    Walk(items[0], path + "[]", paths);
                }

                break;
            case JsonValueKind.String:
                paths[Root(path)] = element.GetString()!.StartsWith("data:", StringComparison.Ordinal) ? "string(data-uri)" : "string";
                break;
            case JsonValueKind.Number:
                paths[Root(path)] = "number";
                break;
            case JsonValueKind.True or JsonValueKind.False:
                paths[Root(path)] = "bool";
                break;
            default:
                paths[Root(path)] = Null;
                break;
        }
    }

    private static string Root(string path) => path.Length == 0 ? "(root)" : path;
}
