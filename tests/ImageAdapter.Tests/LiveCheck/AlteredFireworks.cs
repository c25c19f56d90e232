using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ImageAdapter.Tests.LiveCheck;

/// <summary>
/// Sits between the pass-through and the target simulator and makes it answer as a Fireworks that differs from the
/// simulator would: 16:9 FLUX images at the 3:2 size, no <c>Seed</c> header, FastAPI-style 400 bodies, and no SDXL.
/// </summary>
internal sealed class AlteredFireworks() : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.Contains("/image_generation/", StringComparison.Ordinal))
        {
            return Json(HttpStatusCode.NotFound, """{"detail":"Model not found"}""");
        }

        if (path.EndsWith("/text_to_image", StringComparison.Ordinal) && request.Content is { } content)
        {
            var body = await content.ReadAsStringAsync(cancellationToken);
            var altered = new StringContent(body.Replace("\"aspect_ratio\":\"16:9\"", "\"aspect_ratio\":\"3:2\"", StringComparison.Ordinal));
            altered.Headers.ContentType = content.Headers.ContentType;
            request.Content = altered;
        }

        var response = await base.SendAsync(request, cancellationToken);
        response.Headers.Remove("Seed");
        return response.StatusCode == HttpStatusCode.BadRequest && path.EndsWith("/text_to_image", StringComparison.Ordinal)
            ? Json(HttpStatusCode.BadRequest, """{"detail":"Invalid aspect ratio"}""")
            : response;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
}
