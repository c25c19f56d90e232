using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.InputHardening;

/// <summary>Each documented input limit, at its default, over real HTTP: the status, the OpenAI error and nothing sent upstream.</summary>
public abstract class InputLimitsTests<THost> : IClassFixture<AdapterFixture<THost>>
    where THost : IHostKind
{
    private const int MaxBodyBytes = 1024 * 1024;
    private const int MaxDepth = 16;
    private const int MaxPromptLength = 4000;

    private readonly AdapterApp _app;

    protected InputLimitsTests(AdapterFixture<THost> fixture)
    {
        _app = fixture.App;
        _app.Simulator.State.Reset();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_BodyOverLimitWithContentLength_Returns413()
    {
        var body = Padded(MaxBodyBytes + 1);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (status, error) = await SendAsync(content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", Code(error));
        await AssertEnvelopeAsync(error);
    }

    [Fact]
    public async Task Generate_BodyOverLimitChunkedWithoutLength_Returns413()
    {
        using var content = new ChunkedContent(Padded(MaxBodyBytes + 1));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (status, error) = await SendAsync(content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", Code(error));
        await AssertEnvelopeAsync(error);
    }

    [Fact]
    public async Task Generate_BodyJustUnderLimit_IsRead()
    {
        // The same padding one byte shorter gets past the size check: the 413s above are the limit, not the padding.
        using var content = new ByteArrayContent(Padded(MaxBodyBytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (status, error) = await SendAsync(content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unknown_parameter", Code(error));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task Generate_NonJsonContentType_Returns415(string? contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"model":"SSD-1B","prompt":"a fox"}"""));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);

        var (status, error) = await SendAsync(content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("unsupported_media_type", Code(error));
        await AssertEnvelopeAsync(error);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/json;charset=UTF-8")]
    public async Task Generate_JsonContentTypeVariants_Accepted(string contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"model":"SSD-1B","prompt":"a fox"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var (status, error) = await SendAsync(content);

        Assert.True(status == HttpStatusCode.OK, $"{status} {error?.ToJsonString()}");
    }

    // Regression: a quoted charset ("utf-8") was compared with its quotes and refused with 415.
    [Fact]
    public async Task Generate_QuotedUtf8Charset_Accepted()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"model":"SSD-1B","prompt":"a fox"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"utf-8\"");

        var (status, error) = await SendAsync(content);

        Assert.True(status == HttpStatusCode.OK, $"{status} {error?.ToJsonString()}");
    }

    [Fact]
    public async Task Generate_NestedDeeperThanLimit_Returns400InvalidJson()
    {
        var (status, error) = await PostAsync($$"""{"model":"SSD-1B","prompt":"a fox","extra":{{Nested(MaxDepth)}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_json", Code(error));
        Assert.Contains($"deeper than {MaxDepth}", Message(error));
        await AssertEnvelopeAsync(error);
    }

    [Fact]
    public async Task Generate_NestedAtLimit_ParsedAndReportedAsUnknownField()
    {
        var (status, error) = await PostAsync($$"""{"model":"SSD-1B","prompt":"a fox","extra":{{Nested(MaxDepth - 1)}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("unknown_parameter", "extra"), (Code(error), Param(error)));
    }

    [Theory]
    [InlineData("{\"model\":\"SSD-1B\",\n\"prompt\": a fox}", 2)]
    [InlineData("{\"model\":\"SSD-1B\",\"prompt\":\"a fox\"", 1)]
    [InlineData("{\"model\":\"SSD-1B\",\n\n\"prompt\":\"a fox\",}", 3)]
    [InlineData("{'model':'SSD-1B'}", 1)]
    public async Task Generate_MalformedJson_Returns400WithLineAndPosition(string json, int line)
    {
        var (status, error) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_json", Code(error));
        Assert.Matches($@"\(line {line}, position \d+\)", Message(error));
        await AssertEnvelopeAsync(error);
    }

    [Theory]
    [InlineData("\"n\":\"2\"", "n")]
    [InlineData("\"n\":1.5", "n")]
    [InlineData("\"n\":[1]", "n")]
    [InlineData("\"size\":1024", "size")]
    [InlineData("\"stream\":\"false\"", "stream")]
    [InlineData("\"seed\":\"42\"", "seed")]
    [InlineData("\"cfg_scale\":{}", "cfg_scale")]
    [InlineData("\"output_compression\":true", "output_compression")]
    public async Task Generate_WrongJsonType_Returns400NamingTheField(string field, string name)
    {
        var (status, error) = await PostAsync($$"""{"model":"SSD-1B","prompt":"a fox",{{field}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(name, Param(error));
        Assert.Contains($"'{name}'", Message(error));
        await AssertEnvelopeAsync(error);
    }

    [Fact]
    public async Task Generate_PromptWrongType_Returns400NamingPrompt()
    {
        var (status, error) = await PostAsync("""{"model":"SSD-1B","prompt":42}""");

        Assert.Equal((HttpStatusCode.BadRequest, "prompt"), (status, Param(error)));
        await AssertEnvelopeAsync(error);
    }

    [Fact]
    public async Task Generate_PromptOverLimit_Returns400()
    {
        var (status, error) = await PostAsync($$"""{"model":"SSD-1B","prompt":"{{new string('a', MaxPromptLength + 1)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("invalid_value", "prompt"), (Code(error), Param(error)));
        Assert.Contains(MaxPromptLength.ToString(System.Globalization.CultureInfo.InvariantCulture), Message(error));
        await AssertEnvelopeAsync(error);
        Assert.Empty(_app.Simulator.State.Requests);
    }

    [Fact]
    public async Task Generate_PromptAtLimit_Succeeds()
    {
        var (status, _) = await PostAsync($$"""{"model":"SSD-1B","prompt":"{{new string('a', MaxPromptLength)}}"}""");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(1000)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Generate_NOutOfRange_Returns400(int n)
    {
        var (status, error) = await PostAsync($$"""{"model":"SSD-1B","prompt":"a fox","n":{{n}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("invalid_value", "n"), (Code(error), Param(error)));
        await AssertEnvelopeAsync(error);
        Assert.Empty(_app.Simulator.State.Requests);
    }

    [Fact]
    public async Task Generate_NBeyondInt32_Returns400NamingN()
    {
        var (status, error) = await PostAsync("""{"model":"SSD-1B","prompt":"a fox","n":99999999999999999999}""");

        Assert.Equal((HttpStatusCode.BadRequest, "n"), (status, Param(error)));
        await AssertEnvelopeAsync(error);
    }

    [Theory]
    [InlineData("\"foo\":1", "foo")]
    [InlineData("\"Prompt2\":\"x\"", "Prompt2")]
    [InlineData("\"api_key\":null", "api_key")]
    public async Task Generate_UnknownField_Returns400UnknownParameter(string field, string name)
    {
        var (status, error) = await PostAsync($$"""{"model":"SSD-1B","prompt":"a fox",{{field}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("unknown_parameter", name), (Code(error), Param(error)));
        await AssertEnvelopeAsync(error);
        Assert.Empty(_app.Simulator.State.Requests);
    }

    [Fact]
    public async Task Generate_RepeatedField_Returns400InvalidJson()
    {
        var (status, error) = await PostAsync("""{"model":"SSD-1B","prompt":"a fox","prompt":"a cat"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_json", Code(error));
        await AssertEnvelopeAsync(error);
    }

    // Regression: an unpaired surrogate in a field name threw InvalidOperationException, answered 500.
    [Theory]
    [InlineData("""{"model":"SSD-1B","prompt":"a fox","\ud800":1}""")]
    [InlineData("""{"model":"SSD-1B","prompt":"a fox","a\udc00":1}""")]
    [InlineData("""{"model":"SSD-1B","prompt":"a fox","extra":{"\ud83e":true}}""")]
    public async Task Generate_UnpairedSurrogateInFieldName_Returns400InvalidJson(string json)
    {
        _app.ForgetLogs();

        var (status, error) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_json", Code(error));
        await AssertEnvelopeAsync(error);
        Assert.Empty(_app.UnexpectedFailures());
    }

    // Regression: an unpaired surrogate in a string value was reported as a wrong type.
    [Theory]
    [InlineData("""{"model":"SSD-1B","prompt":"a \ud83e fox"}""", "prompt")]
    [InlineData("""{"model":"SSD-1B","prompt":"a fox","negative_prompt":"\udc00"}""", "negative_prompt")]
    [InlineData("""{"model":"SSD-1B\ud800","prompt":"a fox"}""", "model")]
    public async Task Generate_UnpairedSurrogateInStringValue_Returns400InvalidJsonNamingTheField(string json, string field)
    {
        var (status, error) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("invalid_json", field), (Code(error), Param(error)));
        Assert.DoesNotContain("type", Message(error), StringComparison.OrdinalIgnoreCase);
        await AssertEnvelopeAsync(error);
    }

    /// <summary>A JSON object of exactly <paramref name="size"/> bytes: valid, with an unknown field carrying the padding.</summary>
    private static byte[] Padded(int size)
    {
        const string head = "{\"model\":\"SSD-1B\",\"prompt\":\"a fox\",\"padding\":\"";
        const string tail = "\"}";
        var bytes = Encoding.UTF8.GetBytes(head + new string('x', size - head.Length - tail.Length) + tail);
        Assert.Equal(size, bytes.Length);
        return bytes;
    }

    /// <summary>An array nesting <paramref name="levels"/> arrays: inside the body object the whole is one level deeper.</summary>
    private static string Nested(int levels) => new string('[', levels) + new string(']', levels);

    private Task<(HttpStatusCode, JsonNode?)> PostAsync(string json) =>
        SendAsync(new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdapterApp.InboundKey);
        using var response = await _app.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, response.IsSuccessStatusCode ? null : JsonNode.Parse(text));
    }

    private static async Task AssertEnvelopeAsync(JsonNode? body)
    {
        Assert.NotNull(body);
        await OpenApiSchemas.AssertValidAsync(body.ToJsonString(), "ErrorResponse");
        Assert.Equal(["message", "type", "param", "code"], body["error"]!.AsObject().Select(p => p.Key));
    }

    private static string? Code(JsonNode? body) => body?["error"]?["code"]?.GetValue<string>();

    private static string? Param(JsonNode? body) => body?["error"]?["param"]?.GetValue<string>();

    private static string Message(JsonNode? body) => body?["error"]?["message"]?.GetValue<string>() ?? "";

    /// <summary>Content whose length is not known in advance, so HttpClient sends it chunked, without Content-Length.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += 16 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(16 * 1024, bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

public sealed class InputLimitsTestsOnServer(AdapterFixture<OnServer> fixture) : InputLimitsTests<OnServer>(fixture);

public sealed class InputLimitsTestsOnFunctions(AdapterFixture<OnFunctions> fixture) : InputLimitsTests<OnFunctions>(fixture);
