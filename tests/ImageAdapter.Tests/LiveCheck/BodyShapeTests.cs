using System.Text;
using ImageAdapter.LiveCheck;

namespace ImageAdapter.Tests.LiveCheck;

public sealed class BodyShapeTests
{
    private static BodyShape Of(string json, string contentType = "application/json") =>
        BodyShape.Of(new RecordedExchange("POST", "/", [], [], 200, [new("Content-Type", contentType)], Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Of_NestedJson_ListsEveryPathWithItsKind()
    {
        var shape = Of("""{"id":"1","base64":["data:image/png;base64,AAAA"],"finishReason":"SUCCESS","seed":7,"result":{"sample":"u"},"ok":true}""");

        Assert.Equal("base64[]: string(data-uri), finishReason: string, id: string, ok: bool, result.sample: string, seed: number", shape.ToString());
    }

    [Fact]
    public void DifferencesFrom_NullAgainstAnyKind_Matches()
    {
        Assert.Empty(Of("""{"status":"Ready","progress":null}""").DifferencesFrom(Of("""{"status":"Ready","progress":1.0}""")));
    }

    [Fact]
    public void DifferencesFrom_MissingExtraAndRetypedPaths_NamesEach()
    {
        var differences = Of("""{"error":"bad","detail":"x"}""").DifferencesFrom(Of("""{"error":{"message":"bad"}}"""));

        Assert.Equal(["no `error.message`", "extra `detail` (string)", "extra `error` (string)"], differences);
    }

    [Fact]
    public void DifferencesFrom_JsonAgainstPlainText_SaysSo()
    {
        var differences = Of("Bad Request", "text/plain").DifferencesFrom(Of("""{"error_message":"bad"}"""));

        Assert.Equal(["text (text/plain) where the simulator answers json"], differences);
    }

    [Theory]
    [InlineData("Bearer fw_secret", "Bearer [redacted]")]
    [InlineData("bearer fw_secret", "Bearer [redacted]")]
    [InlineData("Basic abc", "[redacted]")]
    public void RedactAuthorization_AnyValue_KeepsOnlyTheScheme(string value, string expected) =>
        Assert.Equal(expected, RecordedExchange.RedactAuthorization(value));
}
