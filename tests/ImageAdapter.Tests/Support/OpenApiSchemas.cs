using System.Text.Json.Nodes;
using NJsonSchema;

namespace ImageAdapter.Tests.Support;

/// <summary>
/// Validates bodies against <c>ImagesResponse</c> / <c>ErrorResponse</c> and the stream's completed events of <c>../shared/spec/openai-images.openapi.json</c>.
/// Tests skip with a message when <c>../shared</c> is not beside the checkout (a user's clone).
/// </summary>
internal static class OpenApiSchemas
{
    private static readonly Lazy<Task<Dictionary<string, JsonSchema>>> Schemas = new(LoadAsync);

    public static string? SpecPath => RepositoryPaths.Shared("spec", "openai-images.openapi.json");

    /// <summary>The validation errors of <paramref name="json"/> against the named component schema.</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(string json, string schemaName)
    {
        Assert.SkipWhen(SpecPath is null, "../shared/spec/openai-images.openapi.json is absent: schema validation skipped.");
        var schema = (await Schemas.Value)[schemaName];
        return schema.Validate(json).Select(error => error.ToString()).ToArray();
    }

    public static async Task AssertValidAsync(string json, string schemaName)
    {
        var errors = await ValidateAsync(json, schemaName);
        Assert.True(errors.Count == 0, $"{schemaName} violations:\n{string.Join("\n", errors)}\nin {Shorten(json)}");
    }

    // NJsonSchema resolves references into "definitions": each schema is a document whose root is the wanted component
    // schema, holding every component schema under "definitions" (references rewritten to match). A root that is only
    // a "$ref" to a definition does not resolve for every component.
    private static async Task<Dictionary<string, JsonSchema>> LoadAsync()
    {
        var text = (await File.ReadAllTextAsync(SpecPath!)).Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        var components = JsonNode.Parse(text)!["components"]!["schemas"]!;
        var result = new Dictionary<string, JsonSchema>();
        foreach (var name in new[] { "ImagesResponse", "ErrorResponse", "ImageGenCompletedEvent", "ImageEditCompletedEvent" })
        {
            var document = components[name]!.DeepClone().AsObject();
            document["definitions"] = components.DeepClone();
            result[name] = await JsonSchema.FromJsonAsync(document.ToJsonString());
        }

        return result;
    }

    private static string Shorten(string json) => json.Length <= 400 ? json : json[..400] + "…";
}
