using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace ImageAdapter.Tests.Infrastructure;

/// <summary>
/// The openAPIV3Schema of every CRD version in ../shared/spec/crds, keyed by apiVersion and kind, as
/// NJsonSchema schemas. x-kubernetes-* extensions (CEL rules, list types) are not JSON Schema and are ignored.
/// Object schemas with declared properties are closed (additionalProperties: false) the way the API server's
/// pruning and kubectl's strict field validation treat unknown fields, unless they preserve unknown fields.
/// </summary>
internal sealed class CrdSchemas
{
    private readonly Dictionary<(string ApiVersion, string Kind), JsonObject> _raw = [];
    private readonly ConcurrentDictionary<(string, string), JsonSchema> _compiled = new();

    private CrdSchemas(string crdFolder)
    {
        foreach (var file in Directory.EnumerateFiles(crdFolder, "*.yaml"))
        {
            foreach (var crd in YamlJson.LoadFile(file).Where(d => (string?)d["kind"] == "CustomResourceDefinition"))
            {
                var group = (string)crd["spec"]!["group"]!;
                var kind = (string)crd["spec"]!["names"]!["kind"]!;
                foreach (var version in crd["spec"]!["versions"]!.AsArray())
                {
                    var schema = version!["schema"]?["openAPIV3Schema"]?.AsObject();
                    if (schema is not null)
                    {
                        _raw[($"{group}/{(string)version["name"]!}", kind)] = schema;
                    }
                }
            }
        }
    }

    private static readonly Lazy<CrdSchemas?> Shared = new(() =>
        RepoPaths.SharedSpec is { } spec ? new CrdSchemas(Path.Combine(spec, "crds")) : null);

    /// <summary>The schemas, or null when ../shared/spec is not next to this checkout.</summary>
    public static CrdSchemas? Instance => Shared.Value;

    public bool Has(string apiVersion, string kind) => _raw.ContainsKey((apiVersion, kind));

    public ICollection<NJsonSchema.Validation.ValidationError> Validate(JsonObject document)
    {
        var key = ((string)document["apiVersion"]!, (string)document["kind"]!);
        var schema = _compiled.GetOrAdd(key, k =>
        {
            var copy = _raw[k].DeepClone().AsObject();
            Close(copy);
            return JsonSchema.FromJsonAsync(copy.ToJsonString()).GetAwaiter().GetResult();
        });
        return schema.Validate(document.ToJsonString());
    }

    private static void Close(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject
                    && !obj.ContainsKey("additionalProperties")
                    && obj["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() != true)
                {
                    obj["additionalProperties"] = false;
                }

                foreach (var child in obj.Select(kv => kv.Value).ToList())
                {
                    Close(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Close(child);
                }

                break;
        }
    }
}
