using System.Net.Http.Headers;

namespace ImageAdapter.Bench;

/// <summary>A POST with a fixed JSON body, built afresh for every send.</summary>
internal sealed record RequestTemplate(string Path, byte[] Body, string Accept, string BearerKey)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public HttpRequestMessage Create(Uri origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(origin, Path))
        {
            Content = new ByteArrayContent(Body) { Headers = { ContentType = Json } },
        };
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + BearerKey);
        return request;
    }
}
