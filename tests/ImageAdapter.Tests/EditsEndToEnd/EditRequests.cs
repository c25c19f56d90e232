using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>Sending edits with a plain <see cref="HttpClient"/>, and reading what reached the simulator.</summary>
internal static class EditRequests
{
    public const string Path = "/v1/images/edits";

    /// <summary>POSTs <paramref name="content"/> to <c>/v1/images/edits</c> with the adapter key.</summary>
    public static async Task<HttpResponseMessage> PostEditAsync(this AdapterApp app, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdapterApp.InboundKey);
        return await app.Http.SendAsync(request, cancellationToken);
    }

    public static Task<HttpResponseMessage> PostEditAsync(this AdapterApp app, EditForm form, CancellationToken cancellationToken) =>
        app.PostEditAsync(form.ToContent(), cancellationToken);

    /// <summary>The Kontext submits the simulator received, in arrival order.</summary>
    public static IReadOnlyList<RecordedRequest> KontextSubmits(this SimulatorState state) =>
        [.. state.Requests.Where(request => request.Kind == RequestKind.KontextSubmit)];

    /// <summary>The <c>input_image</c> field of a Kontext submit as sent: raw base64, or the client's URL.</summary>
    public static string? InputImage(this RecordedRequest submit) => JsonNode.Parse(submit.Body)!["input_image"]?.GetValue<string>();
}
