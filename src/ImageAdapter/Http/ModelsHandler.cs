using ImageAdapter.Catalogue;
using ImageAdapter.Contract;
using Microsoft.AspNetCore.Http;

namespace ImageAdapter.Http;

/// <summary><c>GET /v1/models</c>: the catalogue's full ids, then the configured aliases, in OpenAI list format.</summary>
internal sealed class ModelsHandler(AdapterEndpoint endpoint, ModelCatalogue catalogue)
{
    public Task<IResult> HandleAsync(HttpContext context) =>
        endpoint.RunAsync(context, authenticate: true, _ =>
        {
            var owner = (string id) => id.Split('/') is ["accounts", var account, ..] ? account : "fireworks";
            var models = catalogue.Entries
                .Select(entry => new ModelObject(entry.Id, 0, owner(entry.Id)))
                .Concat(catalogue.Aliases.Select(alias => new ModelObject(alias, 0, owner(catalogue.Find(alias)!.Id))))
                .ToArray();
            return Task.FromResult<IResult>(TypedResults.Json(new ModelList(models), OpenAIJsonContext.Responses.ModelList));
        });
}
